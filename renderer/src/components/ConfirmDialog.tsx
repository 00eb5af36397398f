import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorAlert } from './ErrorAlert';
import { FormActions } from './FormActions';
import { useAction } from './useAction';

interface Props {
  title: string;
  children: ReactNode;
  /** Says what happens: "Disable lee", "Release 2 recordings". */
  confirmLabel: string;
  busyLabel?: string;
  /** Red for what cannot be undone or locks someone out. */
  danger?: boolean;
  /** Busy from outside, when the caller runs the action itself. */
  busy?: boolean;
  /** Runs once however often it is clicked; a failure is shown in the dialog, which stays open. */
  onConfirm: () => Promise<unknown> | unknown;
  onClose: () => void;
}

/**
 * "Are you sure?" for one action: the question, Cancel (the only way out besides Escape, and
 * where focus starts, so Enter never confirms by accident) and the button that does it.
 */
export function ConfirmDialog({ title, children, confirmLabel, busyLabel, danger, busy, onConfirm, onClose }: Props) {
  const action = useAction();
  const working = action.busy || busy === true;
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="stack">
        {children}
        <ErrorAlert message={action.error} />
        <FormActions>
          <button type="button" onClick={onClose} disabled={working} autoFocus>
            Cancel
          </button>
          <button type="button" className={danger ? 'danger' : 'primary'} onClick={() => void action.run(onConfirm)} disabled={working}>
            {working && busyLabel ? busyLabel : confirmLabel}
          </button>
        </FormActions>
      </div>
    </Dialog>
  );
}
