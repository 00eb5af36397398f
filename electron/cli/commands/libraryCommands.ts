import fs from 'node:fs';
import path from 'node:path';
import type { RecordingMeta } from '../../../shared/contract';
import { LOCATION_TYPES } from '../../../shared/contract/locationTypes';
import { CustodianError } from '../../../shared/errors';
import { flag, type ParsedArgs } from '../args';
import type { CliContext } from '../cliContext';
import type { CliCommand } from './command';
import { cell, writeErr } from '../terminalText';
import { countOf } from '../../../shared/plural';

/** `recordings set` options: flag → metadata field, and how its text becomes the value. */
const SET_FLAGS: Record<string, { field: keyof RecordingMeta; parse: (v: string, name: string) => unknown }> = {
  officer: { field: 'officer', parse: (v) => v },
  badge: { field: 'badge', parse: (v) => v },
  school: { field: 'school', parse: (v) => v },
  incident: { field: 'incident', parse: (v) => v },
  cad: { field: 'cad', parse: (v) => v },
  'recorded-start': { field: 'recordedStart', parse: parseRecordedStart },
  'location-type': { field: 'locationType', parse: parseLocationType },
  'minors-present': { field: 'minorsPresent', parse: parseYesNoUnset },
  'use-of-force': { field: 'useOfForce', parse: parseYesNo },
  arrest: { field: 'arrest', parse: parseYesNo },
  categories: { field: 'categories', parse: (v) => v.split(',').map((c) => c.trim()).filter((c) => c !== '') },
  notes: { field: 'notes', parse: (v) => v },
};

/** Options every command accepts (main.ts, cliContext.ts). */
const GLOBAL_FLAGS = new Set(['data', 'json', 'help', 'accept-banner']);

function parseYesNo(v: string, name: string): boolean {
  const t = v.trim().toLowerCase();
  if (t === 'yes' || t === 'true') return true;
  if (t === 'no' || t === 'false') return false;
  throw new CustodianError('BAD_INPUT', `--${name} takes yes or no.`, { value: v });
}

/** "none" (or "unset") clears the answer: not set is the release rules' protective case. */
function parseYesNoUnset(v: string, name: string): boolean | null {
  const t = v.trim().toLowerCase();
  if (t === '' || t === 'none' || t === 'unset') return null;
  if (t === 'yes' || t === 'true') return true;
  if (t === 'no' || t === 'false') return false;
  throw new CustodianError('BAD_INPUT', `--${name} takes yes, no or none.`, { value: v });
}

function parseLocationType(v: string, name: string): RecordingMeta['locationType'] {
  const t = v.trim().toLowerCase();
  if (t === '' || t === 'none') return '';
  if ((LOCATION_TYPES as readonly string[]).includes(t)) return t as RecordingMeta['locationType'];
  throw new CustodianError('BAD_INPUT', `--${name} takes one of ${LOCATION_TYPES.join(', ')} (or none).`, { value: v });
}

/** A complete date and time with its zone (…Z or …-05:00), stored in UTC like the recording page does; "none" clears it. */
function parseRecordedStart(v: string, name: string): string | null {
  const t = v.trim();
  if (t === '' || t.toLowerCase() === 'none') return null;
  const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/i.test(t) ? Date.parse(t) : NaN;
  if (!Number.isFinite(ms)) {
    throw new CustodianError('BAD_INPUT', `--${name} takes a date and time with its zone, for example 2026-03-05T14:30:00-05:00 or 2026-03-05T19:30:00Z (or none).`, { value: v });
  }
  return new Date(ms).toISOString();
}

function metaPatch(args: ParsedArgs): Partial<RecordingMeta> {
  const patch: Record<string, unknown> = {};
  for (const [name, value] of args.flags) {
    if (GLOBAL_FLAGS.has(name)) continue;
    const spec = SET_FLAGS[name];
    if (!spec) throw new CustodianError('BAD_INPUT', `Unknown option --${name}. The options are ${Object.keys(SET_FLAGS).map((f) => `--${f}`).join(', ')}.`);
    if (value === true) throw new CustodianError('BAD_INPUT', `--${name} needs a value (give "" to clear a text field).`);
    patch[spec.field] = spec.parse(value, name);
  }
  if (Object.keys(patch).length === 0) throw new CustodianError('BAD_INPUT', `Give at least one field to change, e.g. --officer "J. Smith". The options are ${Object.keys(SET_FLAGS).map((f) => `--${f}`).join(', ')}.`);
  return patch as Partial<RecordingMeta>;
}

function show(v: unknown): string {
  return v === null ? '(none)' : JSON.stringify(v);
}

/** Waits for background jobs, printing progress to stderr; Ctrl-C cancels them. */
async function waitForJobs(ctx: CliContext, ids: string[]): Promise<ReturnType<CliContext['core']['jobs']['list']>> {
  const last = new Map<string, string>();
  const timer = ctx.json
    ? null
    : setInterval(() => {
        for (const id of ids) {
          const j = ctx.core.jobs.get(id);
          if (j && j.message !== last.get(id)) {
            last.set(id, j.message);
            writeErr(`${j.title}: ${j.progress != null ? `${Math.round(j.progress * 100)}% ` : ''}${j.message}`);
          }
        }
      }, 500);
  const cancel = () => {
    for (const id of ids) ctx.core.jobs.cancel(id);
  };
  process.once('SIGINT', cancel);
  try {
    const done = [];
    for (const id of ids) done.push(await ctx.core.jobs.wait(id));
    return done;
  } finally {
    if (timer) clearInterval(timer);
    process.removeListener('SIGINT', cancel);
  }
}

interface IngestResult {
  ingested: { id: string; sha256: string; size: number; originalName: string; playable: boolean }[];
  duplicates: { path: string; id: string; sha256: string }[];
  rejected: { path: string; code: string; message: string }[];
  derivativeJobs?: string[];
}

interface ViewingCopyOutcome {
  itemId: string | null;
  kind: string;
  status: string;
  message: string | null;
}

export const libraryCommands: CliCommand[] = [
  {
    name: 'ingest',
    usage: 'custodian ingest PATH... [--sidecar FILE.csv|FILE.json] [--no-viewing-copies] [--json]   (use -- before paths that begin with "-")',
    summary:
      'Copy files and folders into the evidence store, hashing every byte, with custody entries; then make the thumbnails and playable copies (Ctrl-C skips them; `recordings proxy ID` makes them later).',
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
          writeErr(`${j.progress != null ? `${Math.round(j.progress * 100)}% ` : ''}${j.message}`);
        }
      }, 500);
      const cancel = () => ctx.core.jobs.cancel(jobId);
      process.once('SIGINT', cancel);
      const job = await ctx.core.jobs.wait(jobId);
      if (timer) clearInterval(timer);
      process.removeListener('SIGINT', cancel);
      if (job.status === 'failed') throw new CustodianError((job.error?.code ?? 'INTERNAL') as 'INTERNAL', job.error?.message ?? 'Ingest failed.');
      const r = (job.result ?? { ingested: [], duplicates: [], rejected: [] }) as IngestResult;
      // The CLI process ends with the command, so it waits for the background thumbnail and
      // playable-copy jobs instead of leaving them unmade. The evidence is already committed:
      // a failed or skipped copy is reported, not an ingest failure.
      const derivativeIds = r.derivativeJobs ?? [];
      const skipCopies = ctx.args.flags.has('no-viewing-copies');
      if (skipCopies) for (const id of derivativeIds) ctx.core.jobs.cancel(id);
      const copies: ViewingCopyOutcome[] = (await waitForJobs(ctx, derivativeIds)).map((j) => ({
        itemId: j.itemId ?? null,
        kind: j.kind,
        status: j.status,
        message: j.error?.message ?? null,
      }));
      const notMade = copies.filter((c) => c.status !== 'done');
      ctx.print({ ...r, viewingCopies: copies }, () =>
        [
          ...r.ingested.map((i) => `ingested  ${i.id}  ${i.sha256}  ${cell(i.originalName)}${i.playable ? '' : '  (unplayable)'}`),
          ...r.duplicates.map((d) => `duplicate ${d.id}  ${cell(d.path)}`),
          ...r.rejected.map((x) => `REFUSED   ${cell(x.path)}: ${cell(x.message)}`),
          ...notMade.map((c) => `not made  ${c.kind === 'proxy' ? 'playable copy' : 'thumbnail'} of ${c.itemId ?? '?'}: ${c.status}${c.message ? ` — ${c.message}` : ''} (custodian recordings proxy ${c.itemId ?? 'ID'})`),
          `${r.ingested.length} ingested, ${countOf(r.duplicates.length, 'duplicate')}, ${r.rejected.length} refused${job.status === 'cancelled' ? ' (cancelled)' : ''}; ${copies.length - notMade.length} of ${copies.length} thumbnails and playable copies made.`,
        ].join('\n'),
      );
      if (job.status === 'cancelled') return 130;
      // Nothing added and something refused is bad input (README exit codes); a partial batch is done.
      return r.ingested.length === 0 && r.duplicates.length === 0 && r.rejected.length > 0 ? 2 : 0;
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
        () => rows.map((r) => `${r.id}\t${r.recordedStart ?? ''}\t${cell(r.school)}\t${cell(r.officer)}\t${cell(r.originalName)}${r.playable ? '' : '\t(unplayable)'}`).join('\n') || 'No recordings.',
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
    name: 'recordings set',
    usage:
      'custodian recordings set ID [--officer N] [--badge B] [--school S] [--incident I] [--cad C] [--recorded-start ISO|none] [--location-type T|none] [--minors-present yes|no] [--use-of-force yes|no] [--arrest yes|no] [--categories a,b] [--notes T] [--json]',
    summary: 'Change a recording\'s details; each change is a custody entry with the old and new value (as on the recording page).',
    signIn: true,
    async run(ctx, rest) {
      const id = rest[0];
      if (!id || rest.length > 1) throw new CustodianError('BAD_INPUT', 'Give one recording id, then the fields to change.');
      const meta = metaPatch(ctx.args);
      const r = await ctx.call('recordings.updateMeta', { ids: [id], meta });
      const change = r.changes.find((c) => c.id === id) ?? { id, old: {}, new: {} };
      ctx.print({ id, changed: r.updated > 0, old: change.old, new: change.new }, () =>
        r.updated === 0
          ? `${id}: nothing changed (the details already had these values).`
          : [`${id}: changed ${Object.keys(change.new).length} field${Object.keys(change.new).length === 1 ? '' : 's'} (recorded in custody).`,
             ...Object.keys(change.new).map((k) => `  ${k}: ${show((change.old as Record<string, unknown>)[k])} → ${show((change.new as Record<string, unknown>)[k])}`)].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'recordings proxy',
    usage: 'custodian recordings proxy ID [--json]',
    summary: 'Make the playable copy (and thumbnail) a recording lacks, e.g. after a failed or cancelled attempt; waits for it (Ctrl-C cancels).',
    signIn: true,
    async run(ctx, rest) {
      const id = rest[0];
      if (!id || rest.length > 1) throw new CustodianError('BAD_INPUT', 'Give one recording id.');
      const { jobs } = await ctx.call('recordings.makeProxy', { id });
      const done = await waitForJobs(ctx, jobs.map((j) => j.id));
      const summary = done.map((j) => ({ jobId: j.id, kind: j.kind, status: j.status, error: j.error, result: j.result }));
      ctx.print({ id, jobs: summary }, () =>
        done.map((j) => `${j.kind === 'proxy' ? 'playable copy' : 'thumbnail'}: ${j.status === 'done' ? 'made' : j.status}${j.error ? ` — ${j.error.message}` : ''}`).join('\n'),
      );
      const failed = done.find((j) => j.status === 'failed');
      if (failed) {
        if (!ctx.json) writeErr(`custodian: ${failed.error?.message ?? 'The copy could not be made.'}`);
        return 3;
      }
      return done.some((j) => j.status === 'cancelled') ? 130 : 0;
    },
  },
  {
    name: 'custody verify',
    usage: 'custodian custody verify [--json]',
    summary: 'Recompute the custody chain, check every signed checkpoint and the anchor file outside the database. Exits 1 when not ok.',
    signIn: true,
    async run(ctx) {
      const v = await ctx.call('custody.verify', {});
      const { ok, entries, firstBadSeq, problem, checkpoint, checkpoints, anchor, publicKeySha256, destroyed = [] } = v;
      ctx.print({ ok, entries, firstBadSeq, problem, checkpoint, checkpoints, anchor, publicKeySha256, destroyed }, () =>
        [
          ok
            ? `Custody log verified: ${entries} entries; ${checkpoints} signed checkpoint${checkpoints === 1 ? '' : 's'}, every signature valid${checkpoint ? `, the newest at ${checkpoint.entries} entries` : ''}.`
            : `CUSTODY LOG FAILED VERIFICATION${firstBadSeq ? ` at entry ${firstBadSeq}` : ''}: ${problem}`,
          `Anchor file outside the database: ${anchor ? `${anchor.entries} signed entries, head ${anchor.headHash}` : 'none'}.`,
          `Public key SHA-256: ${publicKeySha256 ?? 'unknown'}.`,
          ...destroyed.map((d) => `  destroyed: ${d.id} ${d.sha256} on ${d.destroyedAt} (batch ${d.batchId}${d.logged ? ', logged' : ', NO DESTRUCTION ENTRY IN THE LOG'})`),
        ].join('\n'),
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
        [
          f.ok
            ? `Fixity passed: ${countOf(f.checked, 'object')} re-hashed, ${f.checked === 1 ? 'it matches' : 'all match'}.`
            : [`FIXITY FAILED (${f.checked} checked):`, ...f.mismatched.map((m) => `  changed: ${m.id} expected ${m.sha256} got ${m.actual}`), ...f.missing.map((m) => `  missing: ${m.id} ${m.sha256}`)].join('\n'),
          ...(f.destroyed ?? []).map((d) => `  destroyed under the retention schedule: ${d.id} ${d.sha256} on ${d.destroyedAt} (batch ${d.batchId})`),
        ].join('\n'),
      );
      return f.ok ? 0 : 1;
    },
  },
];
