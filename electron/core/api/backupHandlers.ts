import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { putSetting } from '../settings/settings';
import { REAUTHENTICATED } from '../accounts/reauth';
import { BACKUP_SETTING, backupSettings } from '../backup/backupSettings';
import { runBackup } from '../backup/runBackup';
import type { HandlerMap } from './registry';

export const backupHandlers: HandlerMap = {
  // A backup copies every recording, so it is confirmed with the password like an export.
  'backup.run': {
    access: ['administrator'], reauth: 'a backup', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      const folder = input.folder ?? backupSettings(core.db, core.clock()).folder;
      if (!folder) throw new CustodianError('BAD_INPUT', 'Choose the folder to back up to.');
      const job = core.jobs.start('backup', `Backup to ${folder}`, actor, (ctl) => runBackup(core, actor, { folder, signal: ctl.signal, onProgress: ctl.progress }));
      return { jobId: job.id };
    },
  },

  'backup.settings.get': { access: ['administrator'], reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => backupSettings(core.db, core.clock()) },

  'backup.settings.set': {
    access: ['administrator'], reauth: 'changing the backup schedule', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      const folder = input.folder === null ? null : path.resolve(input.folder);
      if (folder && (folder === core.paths.root || folder.startsWith(core.paths.root + path.sep))) {
        throw new CustodianError('BAD_INPUT', 'A backup must go outside the data folder (ideally on another drive), or it is lost with it.');
      }
      core.record(actor, () => {
        const old = backupSettings(core.db, core.clock());
        putSetting(core.db, BACKUP_SETTING.folder, folder);
        putSetting(core.db, BACKUP_SETTING.everyHours, input.everyHours);
        return {
          result: null,
          events: [{ action: 'settings-changed', details: { setting: 'backup', old: { folder: old.folder, everyHours: old.everyHours }, new: { folder, everyHours: input.everyHours }, ...REAUTHENTICATED } }],
        };
      });
      return backupSettings(core.db, core.clock());
    },
  },
};
