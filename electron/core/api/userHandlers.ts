import type { UserInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { assertAcceptablePassword, hashPassword } from '../accounts/passwords';
import { clearMfa, findUserById, findUserByName, insertUser, listUsers, setPasswordHash, toUser } from '../accounts/users';
import { REAUTHENTICATED } from '../accounts/reauth';
import { resetFailures } from '../accounts/lockout';
import type { CoreContext } from '../coreContext';
import type { HandlerMap } from './registry';

export function userInfo(core: CoreContext, id: number): UserInfo {
  const row = findUserById(core.db, id);
  if (!row) throw new CustodianError('NOT_FOUND', 'No such user.');
  return toUser(row);
}

function existing(core: CoreContext, id: number) {
  const row = findUserById(core.db, id);
  if (!row) throw new CustodianError('NOT_FOUND', 'No such user.');
  return row;
}

/** Every change to an account needs the acting administrator's password again. */
export const userHandlers: HandlerMap = {
  'users.list': { access: ['administrator'], reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => listUsers(core.db) },

  'users.create': {
    access: ['administrator'], reauth: 'adding a user', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      assertAcceptablePassword(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      const id = core.record(actor, () => {
        if (findUserByName(core.db, input.username)) throw new CustodianError('CONFLICT', `A user named "${input.username}" already exists.`);
        const userId = insertUser(core.db, { username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, now: core.clock().toISOString() });
        return { result: userId, events: [{ action: 'user-created', objectId: `user:${userId}`, details: { username: input.username, roles: input.roles, ...REAUTHENTICATED } }] };
      });
      return userInfo(core, id);
    },
  },

  'users.update': {
    access: ['administrator'], reauth: 'changing a user', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor, session } = ctx;
      const self = input.id === session!.userId;
      const ended = core.record(actor, () => {
        const old = toUser(existing(core, input.id));
        if (self && ((input.roles && !input.roles.includes('administrator')) || input.disabled)) {
          throw new CustodianError('CONFLICT', 'You cannot remove your own administrator role or disable your own account.');
        }
        const next = { displayName: input.displayName ?? old.displayName, roles: input.roles ?? old.roles, disabled: input.disabled ?? old.disabled };
        core.db.prepare('UPDATE users SET display_name = ?, roles = ?, disabled = ? WHERE id = ?').run(next.displayName, JSON.stringify(next.roles), next.disabled ? 1 : 0, input.id);
        const rolesChanged = JSON.stringify([...old.roles].sort()) !== JSON.stringify([...next.roles].sort());
        // A session carries the roles it signed in with: a changed or disabled account signs in again.
        const endSessions = !self && (next.disabled || rolesChanged);
        return {
          result: endSessions,
          events: [
            {
              action: 'user-changed',
              objectId: `user:${input.id}`,
              details: { username: old.username, old: { displayName: old.displayName, roles: old.roles, disabled: old.disabled }, new: next, sessionsEnded: endSessions, ...REAUTHENTICATED },
            },
          ],
        };
      });
      if (ended) core.sessions.endAllFor(input.id);
      return userInfo(core, input.id);
    },
  },

  'users.resetPassword': {
    access: ['administrator'], reauth: 'resetting a password', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      const row = existing(core, input.id);
      assertAcceptablePassword(input.newPassword, row.username);
      const hash = await hashPassword(input.newPassword);
      core.record(actor, () => {
        setPasswordHash(core.db, row.id, hash, core.clock().toISOString());
        return { result: null, events: [{ action: 'password-reset', objectId: `user:${row.id}`, details: { username: row.username, ...REAUTHENTICATED } }] };
      });
      core.sessions.endAllFor(row.id);
      return { ok: true as const };
    },
  },

  // CJIS AC-7: a locked account stays locked until an administrator releases it.
  'users.unlock': {
    access: ['administrator'], reauth: 'unlocking an account', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      const now = core.clock();
      core.record(actor, () => {
        const row = existing(core, input.id);
        if (row.locked_at === null) throw new CustodianError('CONFLICT', `${row.username}'s account is not locked.`);
        core.db.prepare('UPDATE users SET locked_at = NULL, locked_reason = NULL WHERE id = ?').run(row.id);
        resetFailures(core.db, { userId: row.id, username: row.username, workstation: actor.workstation, kind: 'admin-unlock', atMs: now.getTime() });
        return {
          result: null,
          events: [{ action: 'account-unlocked', objectId: `user:${row.id}`, details: { username: row.username, lockedAt: row.locked_at, lockedReason: row.locked_reason, ...REAUTHENTICATED } }],
        };
      });
      return userInfo(core, input.id);
    },
  },

  // For a user who lost the phone: the next sign-in is with the password only (and, for an
  // administrator where the agency requires it, straight into setting up a new factor).
  'users.resetMfa': {
    access: ['administrator'], reauth: 'removing a user’s second factor', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      core.record(actor, () => {
        const row = existing(core, input.id);
        if (!row.mfa_secret && !row.mfa_pending_secret) throw new CustodianError('CONFLICT', `${row.username} has no second factor to remove.`);
        clearMfa(core.db, row.id);
        return { result: null, events: [{ action: 'mfa-reset', objectId: `user:${row.id}`, details: { username: row.username, ...REAUTHENTICATED } }] };
      });
      core.sessions.endAllFor(input.id);
      return userInfo(core, input.id);
    },
  },
};
