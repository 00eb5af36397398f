import { useId } from 'react';

/** The rule the core enforces (electron/core/accounts/passwords.ts), shown before it is broken. */
export const PASSWORD_RULE =
  'At least 12 characters, not counting spaces at the start or end, and not all spaces. Not a common or breached password, and not containing the user name. A phrase of several unrelated words works well.';

interface Props {
  password: string;
  confirm: string;
  onPassword: (v: string) => void;
  onConfirm: (v: string) => void;
  passwordLabel?: string;
  confirmLabel?: string;
}

export function PasswordFields({ password, confirm, onPassword, onConfirm, passwordLabel = 'Password', confirmLabel = 'Confirm password' }: Props) {
  const mismatch = confirm.length > 0 && password !== confirm;
  const inputId = useId();
  const ruleId = useId();
  return (
    <>
      {/* The rule sits outside the <label> so that the field is still named just by its label. */}
      <div className="field">
        <span>
          <label htmlFor={inputId}>{passwordLabel}</label>
        </span>
        <input id={inputId} type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} aria-describedby={ruleId} required />
        <small id={ruleId} className="field-hint">
          {PASSWORD_RULE}
        </small>
      </div>
      <label className="field">
        <span>{confirmLabel}</span>
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
          aria-invalid={mismatch}
          required
        />
        {mismatch && <small className="field-hint field-hint-bad">The two passwords do not match.</small>}
      </label>
    </>
  );
}
