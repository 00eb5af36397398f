import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordFields } from '../../components/PasswordFields';

interface Props {
  onClose: (changed: boolean) => void;
}

export function ChangePasswordDialog({ onClose }: Props) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (newPassword !== confirm) {
      setError('The two new passwords do not match.');
      return;
    }
    setBusy(true);
    try {
      await call('auth.changePassword', { currentPassword, newPassword });
      onClose(true);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Change password" onClose={() => onClose(false)}>
      <form onSubmit={submit} className="stack">
        <label className="field">
          <span>Current password</span>
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        </label>
        <PasswordFields
          password={newPassword}
          confirm={confirm}
          onPassword={setNew}
          onConfirm={setConfirm}
          passwordLabel="New password"
          confirmLabel="Confirm new password"
        />
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Change password
          </button>
        </div>
      </form>
    </Dialog>
  );
}
