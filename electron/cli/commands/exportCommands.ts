import path from 'node:path';
import type { ExportResult } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { verifyPackageFolder } from '../../core/export/verifier/verifyPackage';
import { flag } from '../args';
import type { CliCommand } from './command';
import { requestId } from './requestCommands';
import { countOf } from '../../../shared/plural';

/** `custodian request export` and `custodian verify-package`: release packages that prove themselves. */

function size(n: number): string {
  return n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : `${n} bytes`;
}

export const exportCommands: CliCommand[] = [
  {
    name: 'request export',
    usage: 'custodian request export ID --to DIR [--iso FILE] [--recipient TEXT] [--medium folder|share|disc] [--json]',
    summary: 'Export the approved copies as a release package (BagIt, signed statement, custody proofs, VERIFY.html) into DIR; with --iso also a verified disc image. Asks for your password again.',
    signIn: true,
    async run(ctx, rest) {
      const id = requestId(rest);
      const to = flag(ctx.args, 'to');
      if (!to) throw new CustodianError('BAD_INPUT', 'Give the destination folder with --to (a USB drive, a mounted share or another folder).');
      const iso = flag(ctx.args, 'iso');
      const medium = (flag(ctx.args, 'medium') ?? (iso ? 'disc' : 'folder')) as 'folder' | 'share' | 'disc';
      if (!['folder', 'share', 'disc'].includes(medium)) throw new CustodianError('BAD_INPUT', '--medium takes one of: folder, share, disc.');
      const recipient = flag(ctx.args, 'recipient') ?? 'the requester';
      const { jobId } = await ctx.call('exports.start', { id, destination: path.resolve(to), medium, recipient, iso: iso ? path.resolve(iso) : undefined, confirmPassword: await ctx.confirmPassword() });
      const cancel = () => ctx.core.jobs.cancel(jobId);
      process.once('SIGINT', cancel);
      const job = await ctx.core.jobs.wait(jobId, 'export');
      process.removeListener('SIGINT', cancel);
      if (job.status === 'cancelled') {
        ctx.print({ ok: false, cancelled: true }, () => 'Export cancelled; nothing that looks complete was left at the destination.');
        return 130;
      }
      if (job.status === 'failed') throw new CustodianError((job.error?.code ?? 'INTERNAL') as 'INTERNAL', job.error?.message ?? 'The export failed.');
      const r = job.result as ExportResult;
      ctx.print(r, () =>
        [
          `Exported ${r.packageId} to ${r.package} (${countOf(r.files.length, 'file')}, ${size(r.totalBytes)}; read back and verified).`,
          ...(r.iso ? [`Disc image ${r.iso} (${size(r.isoBytes ?? 0)}), every file read back out of it and verified.`] : []),
          `Agency key fingerprint: ${r.keyFingerprint}`,
          `Fits on: ${r.media.filter((m) => m.fits).map((m) => m.name).join(', ') || 'none of the common discs; use a USB drive or a share'}`,
          ...r.warnings.map((w) => `Warning: ${w}`),
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'verify-package',
    usage: 'custodian verify-package PATH [--key-fingerprint HEX] [--json]',
    summary: 'Check a release package (no database, no sign-in): every file, the signed statement, the checkpoint and the custody proofs.',
    signIn: false,
    standalone: true,
    async run(ctx, rest) {
      const dir = rest[0];
      if (!dir) throw new CustodianError('BAD_INPUT', 'Give the release package folder, e.g. custodian verify-package E:\\PRR-00042-PKG-20261203-3F9A1C');
      const r = await verifyPackageFolder(path.resolve(dir), { expectedFingerprint: flag(ctx.args, 'key-fingerprint') ?? null });
      ctx.print(r, () =>
        r.ok
          ? `INTACT: ${r.checked === 1 ? '1 file matches' : `${countOf(r.checked, 'file')} match`} the signed release statement and the signed custody checkpoint (${r.treeSize === null ? 'size unknown' : countOf(r.treeSize, 'entry', 'entries')}).\nAgency key fingerprint: ${r.keyFingerprint} (compare it with the letter).`
          : [`NOT INTACT: ${countOf(r.problems.length, 'problem')}.`, ...r.problems.map((p) => `  ${p.path}: ${p.what}`)].join('\n'),
      );
      return r.ok ? 0 : 1;
    },
  },
];
