import { Field } from './Field';

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

const MISMATCH = 'The two passwords do not match.';

/**
 * A new password and its confirmation. The rule is read with the first field before anything is
 * typed; a mismatch is shown under the second, read with it (aria-describedby, aria-invalid), and
 * keeps the form from being sent: the browser moves the focus to the confirmation instead.
 */
export function PasswordFields({ password, confirm, onPassword, onConfirm, passwordLabel = 'Password', confirmLabel = 'Confirm password' }: Props) {
  const mismatch = confirm.length > 0 && password !== confirm;
  return (
    <>
      <Field label={passwordLabel} hint={PASSWORD_RULE}>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} required />
      </Field>
      <Field label={confirmLabel} error={mismatch ? MISMATCH : null}>
        <input
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => onConfirm(e.target.value)}
          ref={(el) => el?.setCustomValidity(mismatch ? MISMATCH : '')}
          required
        />
      </Field>
    </>
  );
}
