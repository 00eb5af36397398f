import path from 'node:path';
import type { BackupResult } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import type { CliCommand } from './command';
import { countOf } from '../../../shared/plural';

export const backupCommands: CliCommand[] = [
  {
    name: 'backup run',
    usage: 'custodian backup run [--to FOLDER] [--json]   (default: the scheduled backup folder)',
    summary: 'Back up the database (online backup API), every recording (re-hashed) and the checkpoint public key, with a manifest. Administrators only.',
    signIn: true,
    async run(ctx) {
      const to = flag(ctx.args, 'to');
      const { jobId } = await ctx.call('backup.run', { folder: to ? path.resolve(to) : undefined, confirmPassword: await ctx.confirmPassword() });
      const cancel = () => ctx.core.jobs.cancel(jobId);
      process.once('SIGINT', cancel);
      const job = await ctx.core.jobs.wait(jobId);
      process.removeListener('SIGINT', cancel);
      if (job.status === 'cancelled') {
        ctx.print({ ok: false, cancelled: true }, () => 'Backup cancelled; the unfinished folder was removed.');
        return 130;
      }
      if (job.status === 'failed') throw new CustodianError((job.error?.code ?? 'INTERNAL') as 'INTERNAL', job.error?.message ?? 'The backup failed.');
      const r = job.result as BackupResult;
      ctx.print(r, () =>
        [
          `Backed up to ${r.folder}`,
          `  database sha256 ${r.database.sha256}; custody log ${countOf(r.custodyHead.entries, 'entry', 'entries')}, head ${r.custodyHead.hash}`,
          `  recordings: ${r.objects.total} (${r.objects.copied} copied and verified, ${r.objects.linked} unchanged since the last backup)`,
          `  manifest sha256 ${r.manifestSha256}`,
          ...(r.missing.length || r.mismatched.length ? [`  NOT BACKED UP: ${r.missing.length} missing and ${r.mismatched.length} changed in the store; run "custodian fixity".`] : []),
        ].join('\n'),
      );
      return r.missing.length || r.mismatched.length ? 1 : 0;
    },
  },
  {
    name: 'backup restore',
    usage: 'custodian backup restore --from BACKUPDIR --to NEWDATADIR [--json]',
    summary: 'Restore a backup into a new, empty data folder, verifying the database, the custody chain and every recording first.',
    signIn: false,
    standalone: true,
    async run(ctx) {
      const from = flag(ctx.args, 'from');
      const to = flag(ctx.args, 'to');
      if (!from || !to) throw new CustodianError('BAD_INPUT', 'Give the backup folder with --from and a new data folder with --to.');
      // Loaded only here: restoring opens a core, which --help and the other commands do not need yet.
      const { restoreBackup } = await import('../../core/backup/restore');
      const r = await restoreBackup({ from: path.resolve(from), to: path.resolve(to) });
      ctx.print(r, () =>
        [
          `Restored the backup of ${r.backupCreatedAt} into ${r.dataDir}.`,
          `  custody log: ${countOf(r.custodyEntries, 'entry', 'entries')} verified against the backed-up checkpoint and key`,
          `  recordings: ${r.objects} copied and verified${r.missingAtBackup.length ? `; ${r.missingAtBackup.length} were already missing when the backup was made` : ''}`,
          '  This installation signs with a new checkpoint key; the restore entry in the custody log names the old and the new public key.',
          `  Next: sign in with --data "${r.dataDir}" and run "custodian custody verify" and "custodian fixity".`,
        ].join('\n'),
      );
      return 0;
    },
  },
];
