import type { DetectionJobResult, ProposalInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import type { CliContext } from '../cliContext';
import { cell, writeErr } from '../terminalText';
import type { CliCommand } from './command';

/**
 * `custodian detect RECORDING [--every N] [--json]`: runs the detectors on a recording (the same
 * core call as the studio) and lists what they propose to hide. Nothing is hidden until a
 * custodian accepts a proposal (in the studio, or `detection.decide`).
 */

async function waitFor(ctx: CliContext, jobId: string): Promise<DetectionJobResult> {
  let last = '';
  const timer = setInterval(() => {
    const j = ctx.core.jobs.get(jobId);
    const line = j ? `${j.message}${j.progress !== null ? ` ${Math.round(j.progress * 100)}%` : ''}` : '';
    if (!ctx.json && line && line !== last) writeErr(line);
    last = line;
  }, 1000);
  try {
    const job = await ctx.core.jobs.wait(jobId, 'detection');
    if (job.status === 'cancelled') throw new CustodianError('CANCELLED', 'Detection was cancelled; nothing was kept.');
    if (job.status !== 'done' || !job.result) throw new CustodianError((job.error?.code ?? 'INTERNAL') as ConstructorParameters<typeof CustodianError>[0], job.error?.message ?? 'Detection failed.');
    return job.result;
  } finally {
    clearInterval(timer);
  }
}

const line = (p: ProposalInfo): string => `  #${p.proposalId} ${p.cls.padEnd(6)} ${p.start.toFixed(2)}–${p.end.toFixed(2)} s  confidence ${p.confidence.toFixed(2)}  ${cell(p.detectors.join(', '))}`;

export const detectCommands: CliCommand[] = [
  {
    name: 'detect',
    usage: 'custodian detect RECORDING [--every N] [--json]',
    summary: 'Look for faces, heads and screens in a recording and list them as proposals; nothing is hidden until you accept one.',
    signIn: true,
    async run(ctx, rest) {
      const recordingId = rest[0];
      if (!recordingId) throw new CustodianError('BAD_INPUT', 'Give the recording id: custodian detect RECORDING.');
      const everyText = flag(ctx.args, 'every');
      const every = everyText === undefined ? undefined : Number(everyText);
      if (every !== undefined && (!Number.isInteger(every) || every < 1 || every > 300)) throw new CustodianError('BAD_INPUT', '--every takes a whole number of frames from 1 to 300.');
      const started = await ctx.call('detection.start', { recordingId, options: every === undefined ? {} : { every } });
      const r = await waitFor(ctx, started.jobId);
      const { run, proposals } = await ctx.call('detection.proposals', { runId: r.runId });
      const out = { runId: run.runId, recordingId, every: run.every, framesSampled: run.framesSampled, elapsedMs: run.elapsedMs, detectors: run.detectors, proposals: proposals.map((p) => ({ proposalId: p.proposalId, cls: p.cls, start: p.start, end: p.end, confidence: p.confidence, detectors: p.detectors, status: p.status, points: p.points.length })) };
      ctx.print(out, () =>
        [
          `Detection run ${run.runId}: ${run.framesSampled} frames looked at (every ${run.every}th) in ${(run.elapsedMs / 1000).toFixed(1)} s.`,
          proposals.length === 0 ? 'Nothing was found to propose.' : `${proposals.length} proposed (nothing is hidden until accepted):`,
          ...proposals.map(line),
        ].join('\n'),
      );
      return 0;
    },
  },
];
