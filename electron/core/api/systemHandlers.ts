import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Agency, SessionInfo, UserInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { assertAcceptablePassword, DUMMY_HASH, hashPassword, verifyPassword } from '../accounts/passwords';
import { countUsers, findUserById, findUserByName, insertUser, listUsers, toUser } from '../accounts/users';
import type { Session } from '../accounts/sessions';
import { getSetting, putSetting } from '../settings/settings';
import type { Core } from '../core';
import type { HandlerMap } from './registry';

function sessionInfo(s: Session): SessionInfo {
  return { token: s.token, userId: s.userId, username: s.username, displayName: s.displayName, roles: s.roles };
}

export function agencyOf(core: Core): Agency | null {
  return getSetting<Agency>(core.db, 'agency') ?? null;
}

function userInfo(core: Core, id: number): UserInfo {
  const row = findUserById(core.db, id);
  if (!row) throw new CustodianError('NOT_FOUND', 'No such user.');
  return toUser(row);
}

export const systemHandlers: HandlerMap = {
  'setup.status': {
    access: 'public',
    run: ({ core }) => ({ setUp: countUsers(core.db) > 0, agency: agencyOf(core), workstation: core.workstation, dataDir: core.paths.root }),
  },

  'setup.run': {
    access: 'public',
    run: async ({ core, actor }, input) => {
      assertAcceptablePassword(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      const now = core.clock().toISOString();
      const roles: Role[] = ['administrator', 'custodian'];
      const id = core.record({ ...actor, username: input.username, role: roles.join('+') }, () => {
        if (countUsers(core.db) > 0) throw new CustodianError('ALREADY_SET_UP', 'This installation is already set up. Sign in instead.');
        putSetting(core.db, 'agency', { name: input.agencyName, address: input.agencyAddress });
        const userId = insertUser(core.db, { username: input.username, displayName: input.displayName, passwordHash, roles, now });
        return {
          result: userId,
          events: [
            { action: 'setup', details: { agency: input.agencyName, address: input.agencyAddress } },
            { action: 'user-created', objectId: `user:${userId}`, details: { username: input.username, roles } },
          ],
        };
      });
      core.checkpoint();
      const s = core.sessions.create({ id, username: input.username, displayName: input.displayName, roles });
      core.log(core.actorFor(s), { action: 'login', details: { via: 'setup' } });
      return sessionInfo(s);
    },
  },

  'auth.login': {
    access: 'public',
    run: async ({ core, actor, workstation }, input) => {
      const row = findUserByName(core.db, input.username);
      const ok = await verifyPassword(input.password, row?.password_hash ?? DUMMY_HASH);
      const failed = (reason: string) => {
        core.log({ ...actor, username: input.username.slice(0, 64) }, { action: 'login-failed', outcome: 'failure', objectId: row ? `user:${row.id}` : null, details: { reason } });
        return new CustodianError('BAD_CREDENTIALS', 'The user name or password is not right.');
      };
      if (!row || !ok) throw failed(row ? 'wrong password' : 'unknown user');
      const user = toUser(row);
      if (user.disabled) throw failed('account disabled');
      if (user.lockedAt) {
        core.log({ ...actor, username: user.username }, { action: 'login-failed', outcome: 'refused', objectId: `user:${user.id}`, details: { reason: 'account locked' } });
        throw new CustodianError('ACCOUNT_LOCKED', 'This account is locked. An administrator must unlock it.');
      }
      const s = core.sessions.create(user);
      core.log(core.actorFor(s, workstation), { action: 'login', objectId: `user:${user.id}` });
      return sessionInfo(s);
    },
  },

  'auth.logout': {
    access: 'signed-in',
    run: ({ core, session, actor }) => {
      if (session) {
        core.log(actor, { action: 'logout', objectId: `user:${session.userId}` });
        core.sessions.end(session.token);
      }
      return { ok: true as const };
    },
  },

  'auth.me': {
    access: 'public',
    run: ({ session }) => (session ? sessionInfo(session) : null),
  },

  'auth.changePassword': {
    access: 'signed-in',
    run: async ({ core, session, actor }, input) => {
      const row = findUserById(core.db, session!.userId)!;
      if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
        core.log(actor, { action: 'password-change', outcome: 'failure', objectId: `user:${row.id}`, details: { reason: 'current password wrong' } });
        throw new CustodianError('BAD_CREDENTIALS', 'The current password is not right.');
      }
      assertAcceptablePassword(input.newPassword, row.username);
      const hash = await hashPassword(input.newPassword);
      core.record(actor, () => {
        core.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(hash, core.clock().toISOString(), row.id);
        return { result: null, events: [{ action: 'password-change', objectId: `user:${row.id}` }] };
      });
      return { ok: true as const };
    },
  },

  'users.list': { access: ['administrator'], run: ({ core }) => listUsers(core.db) },

  'users.create': {
    access: ['administrator'],
    run: async ({ core, actor }, input) => {
      assertAcceptablePassword(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      const id = core.record(actor, () => {
        if (findUserByName(core.db, input.username)) throw new CustodianError('CONFLICT', `A user named "${input.username}" already exists.`);
        const userId = insertUser(core.db, { username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, now: core.clock().toISOString() });
        return { result: userId, events: [{ action: 'user-created', objectId: `user:${userId}`, details: { username: input.username, roles: input.roles } }] };
      });
      return userInfo(core, id);
    },
  },

  'users.update': {
    access: ['administrator'],
    run: ({ core, actor, session }, input) => {
      core.record(actor, () => {
        const before = findUserById(core.db, input.id);
        if (!before) throw new CustodianError('NOT_FOUND', 'No such user.');
        const old = toUser(before);
        if (input.id === session!.userId && ((input.roles && !input.roles.includes('administrator')) || input.disabled)) {
          throw new CustodianError('CONFLICT', 'You cannot remove your own administrator role or disable your own account.');
        }
        const next = { displayName: input.displayName ?? old.displayName, roles: input.roles ?? old.roles, disabled: input.disabled ?? old.disabled };
        core.db.prepare('UPDATE users SET display_name = ?, roles = ?, disabled = ? WHERE id = ?').run(next.displayName, JSON.stringify(next.roles), next.disabled ? 1 : 0, input.id);
        if (next.disabled) core.sessions.endAllFor(input.id);
        return {
          result: null,
          events: [{ action: 'user-changed', objectId: `user:${input.id}`, details: { username: old.username, old: { displayName: old.displayName, roles: old.roles, disabled: old.disabled }, new: next } }],
        };
      });
      return userInfo(core, input.id);
    },
  },

  'users.resetPassword': {
    access: ['administrator'],
    run: async ({ core, actor }, input) => {
      const row = findUserById(core.db, input.id);
      if (!row) throw new CustodianError('NOT_FOUND', 'No such user.');
      assertAcceptablePassword(input.newPassword, row.username);
      const hash = await hashPassword(input.newPassword);
      core.record(actor, () => {
        core.db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(hash, core.clock().toISOString(), row.id);
        core.sessions.endAllFor(row.id);
        return { result: null, events: [{ action: 'password-reset', objectId: `user:${row.id}`, details: { username: row.username } }] };
      });
      return { ok: true as const };
    },
  },

  'agency.get': {
    access: 'signed-in',
    run: ({ core }) => agencyOf(core) ?? { name: '', address: '' },
  },

  'agency.update': {
    access: ['administrator'],
    run: ({ core, actor }, input) => {
      core.record(actor, () => {
        const old = agencyOf(core);
        putSetting(core.db, 'agency', input);
        return { result: null, events: [{ action: 'settings-changed', details: { setting: 'agency', old, new: input } }] };
      });
      return input;
    },
  },

  'fs.list': {
    access: ['custodian', 'administrator'],
    run: (_ctx, input) => {
      const roots = process.platform === 'win32' ? ['C:\\'] : ['/'];
      const dir = path.resolve(input.path && input.path.length ? input.path : os.homedir());
      let names: fs.Dirent[];
      try {
        names = fs.readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        throw new CustodianError('NOT_FOUND', `That folder cannot be opened: ${dir}`, { cause: (err as Error).message });
      }
      const entries = names
        .filter((d) => !d.name.startsWith('.'))
        .map((d) => {
          const p = path.join(dir, d.name);
          let size = 0;
          if (d.isFile()) {
            try {
              size = fs.statSync(p).size;
            } catch {
              size = 0;
            }
          }
          return { name: d.name, path: p, kind: d.isDirectory() ? ('dir' as const) : d.isFile() ? ('file' as const) : ('other' as const), size };
        })
        .sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'dir' ? -1 : 1))
        .slice(0, 5000);
      const parent = path.dirname(dir) === dir ? null : path.dirname(dir);
      return { path: dir, parent, roots, entries };
    },
  },
};
