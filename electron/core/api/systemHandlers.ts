import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import type { Agency } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { assertAcceptablePassword, hashPassword } from '../accounts/passwords';
import { countUsers, insertUser } from '../accounts/users';
import { bannerSha256, securityValues } from '../accounts/securitySettings';
import { hashRecoveryCode, newRecoveryCode, storeRecoveryCode } from '../accounts/recoveryCodes';
import { recordSuccess } from '../accounts/lockout';
import { getSetting, putSetting } from '../settings/settings';
import { isInsideDataFolder, ownFilesOf } from '../store/ownFiles';
import type { CoreContext } from '../coreContext';
import { mergeHandlers, type HandlerMap } from './registry';
import { authHandlers, sessionInfo } from './authHandlers';
import { mfaHandlers } from './mfaHandlers';
import { userHandlers } from './userHandlers';
import { securityHandlers } from './securityHandlers';
import { backupHandlers } from './backupHandlers';

export function agencyOf(core: CoreContext): Agency | null {
  return getSetting<Agency>(core.db, 'agency') ?? null;
}

const setupHandlers: HandlerMap = {
  'setup.status': {
    access: 'public', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }) => {
      const security = securityValues(core.db);
      return { setUp: countUsers(core.db) > 0, agency: agencyOf(core), workstation: core.workstation, dataDir: core.paths.root, banner: security.banner, idleMinutes: security.idleMinutes };
    },
  },

  'setup.run': {
    access: 'public', reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core, actor, workstation }, input) => {
      assertAcceptablePassword(input.password, input.username);
      const passwordHash = await hashPassword(input.password);
      // The break-glass code (docs/admin-guide.md) is shown once, for printing; only its hash is kept.
      const recoveryCode = newRecoveryCode();
      const recoveryHash = await hashRecoveryCode(recoveryCode);
      const now = core.clock();
      const roles: Role[] = ['administrator', 'custodian'];
      const id = core.record({ ...actor, username: input.username, role: roles.join('+') }, () => {
        if (countUsers(core.db) > 0) throw new CustodianError('ALREADY_SET_UP', 'This installation is already set up. Sign in instead.');
        putSetting(core.db, 'agency', { name: input.agencyName, address: input.agencyAddress });
        const userId = insertUser(core.db, { username: input.username, displayName: input.displayName, passwordHash, roles, now: now.toISOString() });
        const codeId = storeRecoveryCode(core.db, recoveryHash, input.username, now.toISOString());
        return {
          result: userId,
          events: [
            { action: 'setup', details: { agency: input.agencyName, address: input.agencyAddress } },
            { action: 'user-created', objectId: `user:${userId}`, details: { username: input.username, roles } },
            { action: 'recovery-code-issued', details: { recoveryCodeId: codeId, via: 'setup' } },
          ],
        };
      });
      core.checkpoint();
      const s = core.sessions.create({ id, username: input.username, displayName: input.displayName, roles }, { workstation });
      const banner = securityValues(core.db).banner;
      core.record(core.actorFor(s, workstation), () => {
        recordSuccess(core.db, { userId: id, username: input.username, workstation, kind: 'login', atMs: now.getTime() });
        return {
          result: null,
          events: [{ action: 'login', objectId: `user:${id}`, details: { via: 'setup', bannerAcknowledged: input.acknowledgedBanner === true, bannerSha256: bannerSha256(banner) } }],
        };
      });
      return { ...sessionInfo(s), recoveryCode };
    },
  },

  'agency.get': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }) => agencyOf(core) ?? { name: '', address: '' },
  },

  'agency.update': {
    access: ['administrator'], reauth: false, releasePath: false, whileLocked: false,
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
    access: ['custodian', 'administrator'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      const roots = process.platform === 'win32' ? ['C:\\'] : ['/'];
      const dir = path.resolve(input.path && input.path.length ? input.path : os.homedir());
      // The data folder holds nothing to add (its own files are refused at ingest): not offered.
      const own = ownFilesOf(core.paths.root);
      if (isInsideDataFolder(own, dir)) throw new CustodianError('BAD_INPUT', `That is Custodian's own data folder (${core.paths.root}); it holds nothing to add as evidence.`);
      let names: fs.Dirent[];
      try {
        names = fs.readdirSync(dir, { withFileTypes: true });
      } catch (err) {
        throw new CustodianError('NOT_FOUND', `That folder cannot be opened: ${dir}`, { cause: (err as Error).message });
      }
      const offered = names.filter((d) => !((d.isDirectory() || d.isSymbolicLink()) && isInsideDataFolder(own, path.join(dir, d.name))));
      const hidden = input.showHidden ? 0 : offered.filter((d) => d.name.startsWith('.')).length;
      const entries = offered
        .filter((d) => input.showHidden || !d.name.startsWith('.'))
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
      return { path: dir, parent, roots, entries, hidden };
    },
  },
};

/** Setup, sign-in, users, security settings, backups, agency and the folder browser. */
export const systemHandlers: HandlerMap = mergeHandlers(setupHandlers, authHandlers, mfaHandlers, userHandlers, securityHandlers, backupHandlers);
