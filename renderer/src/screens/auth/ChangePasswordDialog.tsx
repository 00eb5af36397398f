import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { PasswordFields } from '../../components/PasswordFields';
import { useAction } from '../../components/useAction';

interface Props {
  onClose: (changed: boolean) => void;
}

export function ChangePasswordDialog({ onClose }: Props) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const change = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (newPassword !== confirm) {
      change.setError('The two new passwords do not match.');
      return;
    }
    void change.run(async () => {
      await call('auth.changePassword', { currentPassword, newPassword });
      onClose(true);
    });
  }

  return (
    <Dialog title="Change password" onClose={() => onClose(false)}>
      <form onSubmit={submit} className="stack">
        <Field label="Current password">
          <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrent(e.target.value)} required />
        </Field>
        <PasswordFields
          password={newPassword}
          confirm={confirm}
          onPassword={setNew}
          onConfirm={setConfirm}
          passwordLabel="New password"
          confirmLabel="Confirm new password"
        />
        <ErrorAlert message={change.error} />
        <FormActions>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={change.busy}>
            {change.busy ? 'Changing…' : 'Change password'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
