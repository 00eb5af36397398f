import { useState, type FormEvent } from 'react';
import type { Role } from '../../../../shared/roles';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordFields } from '../../components/PasswordFields';
import { RoleCheckboxes } from '../../components/RoleCheckboxes';

export function CreateUserForm({ onCreated }: { onCreated: (username: string) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) return setError('The two passwords do not match.');
    if (roles.length === 0) return setError('Choose at least one role.');
    setBusy(true);
    setError(null);
    try {
      const u = await call('users.create', { username, displayName, password, roles });
      setUsername('');
      setDisplayName('');
      setPassword('');
      setConfirm('');
      setRoles([]);
      onCreated(u.username);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">Create user</h2>
      <label className="field">
        <span>New user name</span>
        <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="off" required />
      </label>
      <label className="field">
        <span>New user display name</span>
        <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="off" required />
      </label>
      <PasswordFields
        password={password}
        confirm={confirm}
        onPassword={setPassword}
        onConfirm={setConfirm}
        passwordLabel="Initial password"
        confirmLabel="Confirm initial password"
      />
      <RoleCheckboxes value={roles} onChange={setRoles} />
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Create user
        </button>
      </div>
    </form>
  );
}
