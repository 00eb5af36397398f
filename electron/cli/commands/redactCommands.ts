import fs from 'node:fs';
import path from 'node:path';
import type { CheckJobResult, JobInfo, LeakReport, RenderJobResult } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import type { CliContext } from '../cliContext';
import { cell, writeErr } from '../terminalText';
import type { CliCommand } from './command';
import { countOf } from '../../../shared/plural';

/**
 * `custodian redact …`: render a redacted copy from a plan file and check a copy again (the same
 * core calls as the studio). Exit 0 when the leak check passes, 1 when it finds a problem.
 * The JSON is the acceptance contract: {"itemId","sha256","check":{"ok","framesChecked","failures":[{"t","what"}]}}.
 */

function need(ctx: CliContext, name: string, what: string): string {
  const v = flag(ctx.args, name);
  if (v === undefined || v.trim() === '') throw new CustodianError('BAD_INPUT', `Give ${what} with --${name}.`);
  return v;
}

/** Waits for the job, showing its progress on stderr (never on stdout, which carries the JSON). */
async function finish<T>(ctx: CliContext, started: JobInfo): Promise<T> {
  let last = '';
  const timer = setInterval(() => {
    const j = ctx.core.jobs.get(started.id);
    const line = j ? `${j.message}${j.progress !== null ? ` ${Math.round(j.progress * 100)}%` : ''}` : '';
    if (!ctx.json && line && line !== last) writeErr(line);
    last = line;
  }, 1000);
  try {
    const job = await ctx.core.jobs.wait(started.id);
    if (job.status === 'cancelled') throw new CustodianError('CANCELLED', 'The job was cancelled; nothing was kept.');
    if (job.status !== 'done') throw new CustodianError((job.error?.code ?? 'INTERNAL') as ConstructorParameters<typeof CustodianError>[0], job.error?.message ?? 'The job failed.');
    return job.result as T;
  } finally {
    clearInterval(timer);
  }
}

function contractCheck(c: LeakReport): Pick<LeakReport, 'ok' | 'framesChecked' | 'failures'> {
  return { ok: c.ok, framesChecked: c.framesChecked, failures: c.failures };
}

function describeCheck(c: LeakReport): string {
  const head = c.ok ? `Leak check passed (${countOf(c.framesChecked, 'frame')} checked).` : `LEAK CHECK FAILED (${countOf(c.failures.length, 'problem')}, ${countOf(c.framesChecked, 'frame')} checked):`;
  return [head, ...c.failures.map((f) => `  at ${f.t.toFixed(3)} s: ${cell(f.what)}`)].join('\n');
}

export const redactCommands: CliCommand[] = [
  {
    name: 'redact render',
    usage: 'custodian redact render --recording ID --plan PLAN.json [--json]',
    summary: 'Render a redacted copy of a recording from a plan file (docs/redaction-plan.md), leak-check it, and add it to the library. Exit 1 if the check fails.',
    signIn: true,
    async run(ctx) {
      const itemId = need(ctx, 'recording', 'the recording id');
      const file = path.resolve(need(ctx, 'plan', 'the plan file'));
      let plan: unknown;
      try {
        plan = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new CustodianError('BAD_INPUT', `The plan file could not be read as JSON: ${(err as Error).message}`);
      }
      const started = await ctx.call('redaction.render', { itemId, plan: plan as never });
      const r = await finish<RenderJobResult>(ctx, started.job);
      const out = { itemId: r.itemId, sha256: r.sha256, check: contractCheck(r.check), parentItemId: r.parentItemId, renderId: r.renderId, planHash: r.planHash, planVersion: r.planVersion };
      ctx.print(out, () => `Redacted copy ${r.itemId} of ${r.parentItemId} (plan v${r.planVersion})\nSHA-256 ${r.sha256}\n${describeCheck(r.check)}`);
      return r.check.ok ? 0 : 1;
    },
  },
  {
    name: 'redact check',
    usage: 'custodian redact check --item ID [--json]',
    summary: 'Run the leak check again on a redacted copy (re-hash, every frame, every muted range, tags). Exit 1 if it fails.',
    signIn: true,
    async run(ctx) {
      const itemId = need(ctx, 'item', 'the redacted copy’s id');
      const started = await ctx.call('redaction.check', { itemId });
      const r = await finish<CheckJobResult>(ctx, started.job);
      ctx.print(contractCheck(r.check), () => `${r.itemId} sha256 ${r.sha256}\n${describeCheck(r.check)}`);
      return r.check.ok ? 0 : 1;
    },
  },
];
