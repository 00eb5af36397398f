import { useState, type FormEvent } from 'react';
import type { UserInfo } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { call, messageOf } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';

export function EditRolesDialog({ user, onClose }: { user: UserInfo; onClose: (done: boolean) => void }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [displayName, setDisplayName] = useState(user.displayName);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (roles.length === 0) return setError('Choose at least one role.');
    setBusy(true);
    try {
      await call('users.update', { id: user.id, roles, displayName });
      onClose(true);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title={`Edit ${user.username}`} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={submit}>
        <label className="field">
          <span>Display name</span>
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </label>
        <RoleCheckboxes value={roles} onChange={setRoles} />
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Save user
          </button>
        </div>
      </form>
    </Dialog>
  );
}
