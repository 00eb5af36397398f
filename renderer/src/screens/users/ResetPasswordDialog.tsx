import { useState, type FormEvent } from 'react';
import type { UserInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { PasswordFields } from '../../components/PasswordFields';
import { useAction } from '../../components/useAction';

export function ResetPasswordDialog({ user, onClose }: { user: UserInfo; onClose: (done: boolean) => void }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const reset = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) return reset.setError('The two passwords do not match.');
    void reset.run(async () => {
      await call('users.resetPassword', { id: user.id, newPassword: password });
      onClose(true);
    });
  }

  return (
    <Dialog title={`Reset password for ${user.username}`} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={submit}>
        <p className="muted small">Give the new password to {user.displayName} in person; they should change it after signing in.</p>
        <PasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} passwordLabel="New password" confirmLabel="Confirm new password" />
        <ErrorAlert message={reset.error} />
        <FormActions>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={reset.busy}>
            {reset.busy ? 'Resetting…' : 'Reset password'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
