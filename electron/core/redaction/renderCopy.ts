import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { JobInfo } from '../../../shared/contract';
import { planProblems, type RedactionPlan } from '../../../shared/domain/redactionPlan';
import { CustodianError } from '../../../shared/errors';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { JobControl } from '../jobs/jobRegistry';
import { ffmpegFor, ffprobeFor, toolVersion } from '../ingest/mediaTools';
import { runTool } from '../media/ffmpegRunner';
import { probeMedia } from '../media/probe';
import { hashFile } from '../store/hashFile';
import { objectPath } from '../store/objectPaths';
import { commitCopy } from './commitCopy';
import { compilePlan, usesFpsMode } from './compilePlan';
import { leakCheck } from './leakCheck';
import type { LeakReport } from './leakReport';
import { mustFindRecording, planByHash, problemsFor, recordingPlanFacts, savePlan, type SavedPlan } from './planStore';
import { renderFactsOf } from './renderFacts';
import { renderFiles } from './renderFiles';
import { countOf } from '../../../shared/plural';

/**
 * Renders a redacted copy as a background job: the plan is validated against the recording
 * (schema, then planProblems: school footage and minors allow only solid fill) and saved as a
 * version; ffmpeg writes staging/<uuid>.part; the file is hashed and leak-checked while it is
 * still a .part; only then is it committed as a new item with its custody entries. Cancel,
 * failure or a kill leave only .part files, which are removed here or at start-up.
 */

export interface RenderResult {
  itemId: string;
  sha256: string;
  check: LeakReport;
  renderId: number;
  parentItemId: string;
  planHash: string;
  planVersion: number;
}

function refuseProblems(problems: string[]): void {
  if (problems.length > 0) {
    throw new CustodianError('POLICY_REFUSED', `This plan cannot be rendered: ${problems.join(' ')}`, { reason: 'PLAN_NOT_ALLOWED', problems });
  }
}

/** Picks the plan (a new one is saved first), refuses a plan the recording does not allow, and starts the job. */
export function startRender(ctx: HandlerContext, input: { itemId: string; plan?: RedactionPlan; planHash?: string }): JobInfo {
  const { core, actor } = ctx;
  const row = mustFindRecording(core.db, input.itemId);
  if (!input.plan && !input.planHash) throw new CustodianError('BAD_INPUT', 'Give the plan to render, or the hash of a saved plan.');
  if (input.plan) refuseProblems(problemsFor(core.db, input.itemId, input.plan));
  const saved: SavedPlan | null = input.plan ? savePlan(core, actor, input.itemId, input.plan) : planByHash(core.db, input.itemId, input.planHash!);
  if (!saved) throw new CustodianError('NOT_FOUND', `No saved plan of ${input.itemId} has that hash.`, { planHash: input.planHash });
  refuseProblems(problemsFor(core.db, input.itemId, saved.plan));
  const ffmpeg = ffmpegFor(core);
  const ffprobe = ffprobeFor(core);
  // The one media queue: a render never fights a playable copy or another render for the cores.
  return core.jobs.start(
    'render',
    `Rendering a redacted copy of ${row.original_name}`,
    actor,
    (ctl) => {
      ctl.progress(0, 'Waiting for other video work to finish…');
      return core.mediaQueue.run(() => renderJob(core, actor, { id: row.id, sha256: row.sha256 }, saved, { ffmpeg, ffprobe }, ctl), ctl.signal);
    },
    { itemId: row.id },
  );
}

async function renderJob(core: CoreContext, actor: Actor, parent: { id: string; sha256: string }, saved: SavedPlan, tools: { ffmpeg: string; ffprobe: string }, ctl: JobControl): Promise<RenderResult> {
  const source = objectPath(core.paths.objects, parent.sha256);
  const files = renderFiles(core.paths.staging);
  try {
    ctl.progress(0, 'Examining the recording…');
    const probe = await probeMedia(source, { signal: ctl.signal, ffprobePath: tools.ffprobe });
    if (!probe.playable) throw new CustodianError('MEDIA_TOOL_FAILED', 'This recording cannot be decoded, so no redacted copy can be made of it.', { reason: probe.unplayableReason });
    const facts = renderFactsOf(probe);
    refuseProblems(planProblems(saved.plan, { ...recordingPlanFacts(core.db, parent.id), audioStreams: facts.audio.length, durationSec: facts.durationSec || null }));
    if (!facts.video && saved.plan.regions.length > 0) refuseProblems(['The plan has picture regions, but this recording has no picture.']);
    const version = await toolVersion(tools.ffmpeg);
    const compiled = compilePlan(saved.plan, facts, { input: source, output: files.part, graphFile: files.graphName, commandFile: files.commandName }, { ffmpegVersion: version });
    fs.writeFileSync(`${files.dir}/${files.graphName}`, compiled.filterGraph, { mode: 0o600 });
    fs.writeFileSync(`${files.dir}/${files.commandName}`, compiled.sendcmd, { mode: 0o600 });
    ctl.progress(0.02, 'Rendering…');
    await runTool(tools.ffmpeg, compiled.args, {
      signal: ctl.signal,
      cwd: files.dir,
      durationSec: facts.durationSec,
      onProgress: (p) => {
        if (p.fraction !== undefined && p.fraction !== null) ctl.progress(0.02 + 0.68 * p.fraction, 'Rendering…');
      },
    });
    ctl.progress(0.7, 'Computing the copy’s SHA-256…');
    const { sha256, size } = await hashFile(files.part, { signal: ctl.signal });
    const check = await leakCheck({
      ffmpeg: tools.ffmpeg,
      ffprobe: tools.ffprobe,
      fpsModeFlag: usesFpsMode(version) ? '-fps_mode' : '-vsync',
      file: files.part,
      plan: saved.plan,
      source: { hasVideo: facts.video !== null, audioStreams: facts.audio.length, durationSec: facts.durationSec || null },
      signal: ctl.signal,
      onProgress: (f, m) => ctl.progress(0.72 + 0.26 * f, m),
    });
    if (ctl.signal.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
    const copyProbe = await probeMedia(files.part, { signal: ctl.signal, ffprobePath: tools.ffprobe });
    ctl.progress(0.99, 'Adding the copy to the library…');
    const sendcmdSha256 = createHash('sha256').update(compiled.sendcmd).digest('hex');
    const committed = await commitCopy(core, actor, {
      parent,
      partPath: files.part,
      sha256,
      size,
      probe: copyProbe,
      plan: { hash: saved.planHash, version: saved.version },
      ffmpegVersion: version,
      ffmpegArgs: { args: compiled.args, filterGraph: compiled.filterGraph, sendcmdSha256, sendcmdLines: compiled.sendcmd.split('\n').length - 1 },
      report: check,
    });
    ctl.progress(1, check.ok ? 'Rendered; the leak check passed.' : `Rendered, but the leak check found ${countOf(check.failures.length, 'problem')}.`);
    return { itemId: committed.itemId, sha256, check, renderId: committed.renderId, parentItemId: parent.id, planHash: saved.planHash, planVersion: saved.version };
  } finally {
    files.removeAll();
  }
}
