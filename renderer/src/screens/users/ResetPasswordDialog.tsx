import { useState, type FormEvent } from 'react';
import type { UserInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordFields } from '../../components/PasswordFields';

export function ResetPasswordDialog({ user, onClose }: { user: UserInfo; onClose: (done: boolean) => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) return setError('The two passwords do not match.');
    setBusy(true);
    try {
      await call('users.resetPassword', { id: user.id, newPassword: password });
      onClose(true);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Reset password for ${user.username}`} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={submit}>
        <p className="muted small">Give the new password to {user.displayName} in person; they should change it after signing in.</p>
        <PasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} passwordLabel="New password" confirmLabel="Confirm new password" />
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Reset password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
