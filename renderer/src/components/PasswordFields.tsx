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
  return (
    <>
      <label className="field">
        <span>{passwordLabel}</span>
        <input type="password" autoComplete="new-password" value={password} onChange={(e) => onPassword(e.target.value)} required />
      </label>
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
