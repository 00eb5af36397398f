import { useState, type FormEvent } from 'react';
import type { UserInfo } from '../../../../shared/contract';
import type { Role } from '../../../../shared/roles';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { useAction } from '../../components/useAction';

export function EditRolesDialog({ user, onClose }: { user: UserInfo; onClose: (done: boolean) => void }) {
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [displayName, setDisplayName] = useState(user.displayName);
  const save = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (roles.length === 0) return save.setError('Choose at least one role.');
    void save.run(async () => {
      await call('users.update', { id: user.id, roles, displayName });
      onClose(true);
    });
  }

  return (
    <Dialog title={`Edit ${user.username}`} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={submit}>
        <Field label="Display name">
          <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} required />
        </Field>
        <RoleCheckboxes value={roles} onChange={setRoles} />
        <ErrorAlert message={save.error} />
        <FormActions>
          <button type="button" onClick={() => onClose(false)}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={save.busy}>
            {save.busy ? 'Saving…' : 'Save user'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
