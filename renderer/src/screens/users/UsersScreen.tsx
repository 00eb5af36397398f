import { useState } from 'react';
import type { SessionInfo, UserInfo } from '../../../../shared/contract';
import { ROLE_LABELS } from '../../../../shared/roles';
import { call, messageOf } from '../../api';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { AgencyTime } from '../../components/AgencyTime';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { CreateUserForm } from './CreateUserForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { EditRolesDialog } from './EditRolesDialog';

export function UsersScreen({ session }: { session: SessionInfo }) {
  const users = useLoad(() => call('users.list', {}), 'users');
  const { timeZone } = useAgencyTimeZone();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const [editing, setEditing] = useState<UserInfo | null>(null);

  async function act(run: () => Promise<unknown>, done: string) {
    setError(null);
    setNote(null);
    try {
      await run();
      setNote(done);
      users.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }
  const setDisabled = (u: UserInfo, disabled: boolean) =>
    act(() => call('users.update', { id: u.id, disabled }), `${u.username} is now ${disabled ? 'disabled' : 'enabled'}.`);
  const unlock = (u: UserInfo) => act(() => call('users.unlock', { id: u.id }), `${u.username} is unlocked.`);
  const resetMfa = (u: UserInfo) =>
    act(() => call('users.resetMfa', { id: u.id }), `${u.username}'s second factor was removed; they can set up a new one after signing in.`);

  return (
    <section className="stack" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <ErrorAlert message={error ?? users.error} />
      <StatusNote message={note} />
      <div className="users-grid">
        <div className="table-scroll">
          <table className="data-table users-table">
            <caption>Accounts</caption>
            <thead>
              <tr>
                <th scope="col">User name</th>
                <th scope="col">Display name</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
                <th scope="col">Second factor</th>
                <th scope="col">Created</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {users.data?.map((u) => (
                <tr key={u.id} className={u.disabled ? 'row-muted' : undefined}>
                  <td>{u.username}</td>
                  <td>{u.displayName}</td>
                  <td>{u.roles.map((r) => ROLE_LABELS[r]).join(', ')}</td>
                  <td>
                    {u.disabled ? (
                      'Disabled'
                    ) : u.lockedAt ? (
                      <>
                        Locked <AgencyTime iso={u.lockedAt} timeZone={timeZone} />
                      </>
                    ) : (
                      'Active'
                    )}
                    {u.lockedAt && u.lockedReason && <div className="muted small">{u.lockedReason.replace(/-/g, ' ')}</div>}
                  </td>
                  <td>{u.mfaEnabled ? 'On' : 'Off'}</td>
                  <td>
                    <AgencyTime iso={u.createdAt} timeZone={timeZone} precision="minute" />
                  </td>
                  <td className="actions">
                    <button type="button" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                      Edit
                    </button>
                    <button type="button" onClick={() => setResetting(u)} aria-label={`Reset password for ${u.username}`}>
                      Reset password
                    </button>
                    {u.lockedAt && (
                      <button type="button" onClick={() => void unlock(u)} aria-label={`Unlock ${u.username}`}>
                        Unlock
                      </button>
                    )}
                    {u.mfaEnabled && (
                      <button type="button" onClick={() => void resetMfa(u)} aria-label={`Reset second factor for ${u.username}`}>
                        Reset second factor
                      </button>
                    )}
                    {u.id !== session.userId && (
                      <button type="button" onClick={() => void setDisabled(u, !u.disabled)} aria-label={`${u.disabled ? 'Enable' : 'Disable'} ${u.username}`}>
                        {u.disabled ? 'Enable' : 'Disable'}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <CreateUserForm
          onCreated={(name) => {
            setNote(`User ${name} created.`);
            users.reload();
          }}
        />
      </div>
      {resetting && (
        <ResetPasswordDialog
          user={resetting}
          onClose={(done) => {
            if (done) setNote(`Password reset for ${resetting.username}.`);
            setResetting(null);
            users.reload();
          }}
        />
      )}
      {editing && (
        <EditRolesDialog
          user={editing}
          onClose={(done) => {
            if (done) setNote(`${editing.username} updated.`);
            setEditing(null);
            users.reload();
          }}
        />
      )}
    </section>
  );
}
