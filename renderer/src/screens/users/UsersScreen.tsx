import { useState } from 'react';
import type { SessionInfo, UserInfo } from '../../../../shared/contract';
import { ROLE_LABELS } from '../../../../shared/roles';
import { call } from '../../api';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { AgencyTime } from '../../components/AgencyTime';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { CreateUserForm } from './CreateUserForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { EditRolesDialog } from './EditRolesDialog';

export function UsersScreen({ session }: { session: SessionInfo }) {
  const users = useLoad(() => call('users.list', {}), 'users');
  const { timeZone } = useAgencyTimeZone();
  const [note, setNote] = useState<string | null>(null);
  const [resetting, setResetting] = useState<UserInfo | null>(null);
  const [editing, setEditing] = useState<UserInfo | null>(null);
  const [confirming, setConfirming] = useState<{ user: UserInfo; what: 'disable' | 'resetMfa' } | null>(null);
  const action = useAction();

  function act(run: () => Promise<unknown>, done: string) {
    setNote(null);
    return action.run(async () => {
      await run();
      setNote(done);
      users.reload();
    });
  }
  const setDisabled = (u: UserInfo, disabled: boolean) =>
    act(() => call('users.update', { id: u.id, disabled }), `${u.username} is now ${disabled ? 'disabled' : 'enabled'}.`);
  const unlock = (u: UserInfo) => act(() => call('users.unlock', { id: u.id }), `${u.username} is unlocked.`);

  return (
    <section className="stack" aria-labelledby="users-title">
      <h1 id="users-title">Users</h1>
      <ErrorAlert message={action.error ?? users.error} />
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
                    <div className="row-actions">
                      <button type="button" className="small" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                        Edit
                      </button>
                      <button type="button" className="small" onClick={() => setResetting(u)} aria-label={`Reset password for ${u.username}`}>
                        Reset password
                      </button>
                      {u.lockedAt && (
                        <button type="button" className="small" onClick={() => void unlock(u)} disabled={action.busy} aria-label={`Unlock ${u.username}`}>
                          Unlock
                        </button>
                      )}
                      {u.mfaEnabled && (
                        <button type="button" className="small" onClick={() => setConfirming({ user: u, what: 'resetMfa' })} aria-label={`Reset second factor for ${u.username}`}>
                          Reset second factor
                        </button>
                      )}
                      {u.id !== session.userId &&
                        (u.disabled ? (
                          <button type="button" className="small" onClick={() => void setDisabled(u, false)} disabled={action.busy} aria-label={`Enable ${u.username}`}>
                            Enable
                          </button>
                        ) : (
                          <button type="button" className="small" onClick={() => setConfirming({ user: u, what: 'disable' })} aria-label={`Disable ${u.username}`}>
                            Disable
                          </button>
                        ))}
                    </div>
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
      {confirming && (
        <ConfirmDialog
          title={confirming.what === 'disable' ? `Disable ${confirming.user.username}?` : `Reset the second factor for ${confirming.user.username}?`}
          confirmLabel={confirming.what === 'disable' ? `Disable ${confirming.user.username}` : 'Reset second factor'}
          busyLabel={confirming.what === 'disable' ? 'Disabling…' : 'Resetting…'}
          danger
          onConfirm={async () => {
            const u = confirming.user;
            if (confirming.what === 'disable') {
              await call('users.update', { id: u.id, disabled: true });
              setNote(`${u.username} is now disabled.`);
            } else {
              await call('users.resetMfa', { id: u.id });
              setNote(`${u.username}'s second factor was removed; they can set up a new one after signing in.`);
            }
            setConfirming(null);
            users.reload();
          }}
          onClose={() => setConfirming(null)}
        >
          {confirming.what === 'disable' ? (
            <p>
              {confirming.user.displayName} will not be able to sign in until an administrator enables the account again. Nothing they did is removed.
            </p>
          ) : (
            <p>{confirming.user.displayName} will sign in with the password alone and can then set up a new authenticator app.</p>
          )}
        </ConfirmDialog>
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
