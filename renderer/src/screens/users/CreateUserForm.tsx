import { useState, type FormEvent } from 'react';
import type { Role } from '../../../../shared/roles';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { PasswordFields } from '../../components/PasswordFields';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';
import { useAction } from '../../components/useAction';

/** A new account starts with no role ticked: the administrator chooses each one on purpose. */
export function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const create = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) return create.setError('The two passwords do not match.');
    if (roles.length === 0) return create.setError('Choose at least one role.');
    void create.run(async () => {
      const u = await call('users.create', { username, displayName, password, roles });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setConfirm('');
      setRoles([]);
      onCreated(u.username);
    });
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create user</h2>
      <Field label="New user name">
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
      </Field>
      <Field label="New user display name">
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" required />
      </Field>
      <PasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        passwordLabel="Initial password"
        confirmLabel="Confirm initial password"
      />
      <RoleCheckboxes value={roles} onChange={setRoles} />
      <ErrorAlert message={create.error} />
      <FormActions>
        <button type="submit" className="primary" disabled={create.busy}>
          {create.busy ? 'Creating…' : 'Create user'}
        </button>
      </FormActions>
    </form>
  );
}
