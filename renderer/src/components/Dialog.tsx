import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { FormActions } from './FormActions';

interface Props {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  /**
   * For a dialog with nothing to submit (a file browser, a report): the label of its one close
   * button, e.g. "Close". Leave it out when the content ends with its own Cancel in <FormActions>.
   */
  closeLabel?: string;
}

/**
 * A modal built on <dialog>: the browser traps focus inside it and Escape closes it. Every dialog
 * has exactly one button that closes it (its Cancel, or `closeLabel`) besides Escape, and focus
 * goes back to where it was when the dialog opened.
 */
export function Dialog({ title, onClose, children, wide, closeLabel }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  // Read while rendering, before anything inside (autoFocus, showModal) takes the focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => {
      d?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  return (
    <dialog
      ref={ref}
      className={wide ? 'dialog dialog-wide' : 'dialog'}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="dialog-header">
        <h2 id={titleId}>{title}</h2>
      </header>
      {children}
      {closeLabel && (
        <FormActions>
          <button type="button" onClick={onClose}>
            {closeLabel}
          </button>
        </FormActions>
      )}
    </dialog>
  );
}
