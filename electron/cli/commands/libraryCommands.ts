import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import type { CliCommand } from './command';

interface IngestResult {
  ingested: { id: string; sha256: string; size: number; originalName: string; playable: boolean }[];
  duplicates: { path: string; id: string; sha256: string }[];
  rejected: { path: string; code: string; message: string }[];
}

export const libraryCommands: CliCommand[] = [
  {
    name: 'ingest',
    usage: 'custodian ingest PATH... [--sidecar FILE.csv|FILE.json] [--json]   (use -- before paths that begin with "-")',
    summary: 'Copy files and folders into the evidence store, hashing every byte, with custody entries.',
    signIn: true,
    async run(ctx, rest) {
      if (rest.length === 0) throw new CustodianError('BAD_INPUT', 'Name at least one file or folder to ingest.');
      const sidecar = flag(ctx.args, 'sidecar');
      const { jobId } = await ctx.call('ingest.start', { paths: rest.map((p) => path.resolve(p)), sidecarPath: sidecar ? path.resolve(sidecar) : undefined });
      let last = '';
      const timer = ctx.json ? null : setInterval(() => {
        const j = ctx.core.jobs.get(jobId);
        if (j && j.message !== last) {
          last = j.message;
          process.stderr.write(`${j.progress != null ? `${Math.round(j.progress * 100)}% ` : ''}${j.message}\n`);
        }
      }, 500);
      const cancel = () => ctx.core.jobs.cancel(jobId);
      process.once('SIGINT', cancel);
      const job = await ctx.core.jobs.wait(jobId);
      if (timer) clearInterval(timer);
      process.removeListener('SIGINT', cancel);
      if (job.status === 'failed') throw new CustodianError((job.error?.code ?? 'INTERNAL') as 'INTERNAL', job.error?.message ?? 'Ingest failed.');
      const r = (job.result ?? { ingested: [], duplicates: [], rejected: [] }) as IngestResult;
      ctx.print(r, () =>
        [
          ...r.ingested.map((i) => `ingested  ${i.id}  ${i.sha256}  ${i.originalName}${i.playable ? '' : '  (unplayable)'}`),
          ...r.duplicates.map((d) => `duplicate ${d.id}  ${d.path}`),
          ...r.rejected.map((x) => `REFUSED   ${x.path}: ${x.message}`),
          `${r.ingested.length} ingested, ${r.duplicates.length} duplicates, ${r.rejected.length} refused${job.status === 'cancelled' ? ' (cancelled)' : ''}.`,
        ].join('\n'),
      );
      return job.status === 'cancelled' ? 130 : 0;
    },
  },
  {
    name: 'recordings list',
    usage: 'custodian recordings list [--search TEXT] [--school NAME] [--limit N] [--json]',
    summary: 'List recordings in the library.',
    signIn: true,
    async run(ctx) {
      const limit = Number(flag(ctx.args, 'limit') ?? 500);
      const rows: { id: string; sha256: string; originalName: string; durationSec: number | null; playable: boolean; school: string; officer: string; recordedStart: string | null }[] = [];
      for (let offset = 0; ; offset += 500) {
        const page = await ctx.call('recordings.query', { text: flag(ctx.args, 'search'), school: flag(ctx.args, 'school'), sort: 'ingestedAt', dir: 'asc', offset, limit: Math.min(500, limit - rows.length) });
        rows.push(...page.rows);
        if (page.rows.length === 0 || rows.length >= Math.min(limit, page.total)) break;
      }
      ctx.print(
        rows.map((r) => ({ id: r.id, sha256: r.sha256, originalName: r.originalName, durationSec: r.durationSec, playable: r.playable, school: r.school, officer: r.officer, recordedStart: r.recordedStart })),
        () => rows.map((r) => `${r.id}\t${r.recordedStart ?? ''}\t${r.school}\t${r.officer}\t${r.originalName}${r.playable ? '' : '\t(unplayable)'}`).join('\n') || 'No recordings.',
      );
      return 0;
    },
  },
  {
    name: 'recordings show',
    usage: 'custodian recordings show ID [--json]',
    summary: 'Show one recording: facts, hashes and metadata.',
    signIn: true,
    async run(ctx, rest) {
      const d = await ctx.call('recordings.get', { id: rest[0] ?? '' });
      ctx.print(d, () => JSON.stringify(d, null, 2));
      return 0;
    },
  },
  {
    name: 'custody verify',
    usage: 'custodian custody verify [--json]',
    summary: 'Recompute the custody chain and check the latest signed checkpoint. Exits 1 when not ok.',
    signIn: true,
    async run(ctx) {
      const v = await ctx.call('custody.verify', {});
      ctx.print({ ok: v.ok, entries: v.entries, firstBadSeq: v.firstBadSeq, problem: v.problem, checkpoint: v.checkpoint }, () =>
        v.ok ? `Custody log verified: ${v.entries} entries; checkpoint ${v.checkpoint ? `at ${v.checkpoint.entries} entries, signature valid` : 'none yet'}.` : `CUSTODY LOG FAILED VERIFICATION at entry ${v.firstBadSeq}: ${v.problem}`,
      );
      return v.ok ? 0 : 1;
    },
  },
  {
    name: 'custody report',
    usage: 'custodian custody report ID --out FILE.pdf',
    summary: 'Write the chain-of-custody report for one recording as PDF.',
    signIn: true,
    async run(ctx, rest) {
      const out = flag(ctx.args, 'out');
      if (!rest[0] || !out) throw new CustodianError('BAD_INPUT', 'Give the recording id and --out FILE.pdf.');
      const r = await ctx.call('reports.custodyPdf', { id: rest[0] });
      fs.writeFileSync(path.resolve(out), Buffer.from(r.base64, 'base64'), { flag: 'wx' });
      ctx.print({ ok: true, file: path.resolve(out) }, () => `Wrote ${path.resolve(out)}.`);
      return 0;
    },
  },
  {
    name: 'fixity',
    usage: 'custodian fixity [--json]',
    summary: 'Re-hash every stored object. Exits 1 when any is missing or changed.',
    signIn: true,
    async run(ctx) {
      const f = await ctx.call('custody.fixity', {});
      ctx.print(f, () =>
        f.ok
          ? `Fixity passed: ${f.checked} objects re-hashed, all match.`
          : [`FIXITY FAILED (${f.checked} checked):`, ...f.mismatched.map((m) => `  changed: ${m.id} expected ${m.sha256} got ${m.actual}`), ...f.missing.map((m) => `  missing: ${m.id} ${m.sha256}`)].join('\n'),
      );
      return f.ok ? 0 : 1;
    },
  },
];
