import { cloneElement, useId, type ReactElement, type ReactNode } from 'react';
import './kit.css';

/** What Field hands to its control. */
export interface FieldControlProps {
  id?: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

interface Props {
  /** The control's accessible name, exactly as shown. */
  label: ReactNode;
  /** A standing hint (the rule, the format), read with the control through aria-describedby. */
  hint?: ReactNode;
  /** What is wrong with the value now; marks the control aria-invalid and is read with it. */
  error?: string | null;
  inline?: boolean;
  grow?: boolean;
  className?: string;
  /** One input, select or textarea; Field gives it its id and aria attributes. */
  children: ReactElement<FieldControlProps>;
}

/** A labelled control: label, control, hint and error, wired for screen readers in one place. */
export function Field({ label, hint, error, inline, grow, className, children }: Props) {
  const auto = useId();
  const id = children.props.id ?? auto;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [children.props['aria-describedby'], hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  const cls = ['field', inline && 'field-inline', grow && 'field-grow', className].filter(Boolean).join(' ');
  return (
    <div className={cls}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {cloneElement(children, {
        id,
        'aria-describedby': describedBy || undefined,
        'aria-invalid': error ? true : children.props['aria-invalid'],
      })}
      {hint && (
        <small id={hintId} className="field-hint">
          {hint}
        </small>
      )}
      {error && (
        <small id={errorId} className="field-hint field-hint-bad">
          {error}
        </small>
      )}
    </div>
  );
}
