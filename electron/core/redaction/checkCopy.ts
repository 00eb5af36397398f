import type { JobInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { HandlerContext } from '../callContext';
import { ffmpegFor, ffprobeFor, toolVersion } from '../ingest/mediaTools';
import { hashFile } from '../store/hashFile';
import { objectPath } from '../store/objectPaths';
import { usesFpsMode } from './compilePlan';
import { leakCheck } from './leakCheck';
import type { LeakReport } from './leakReport';
import { planByHash, recordingPlanFacts } from './planStore';
import { renderOfItem, updateRenderCheck } from './renderRows';

export interface CheckResult {
  itemId: string;
  sha256: string;
  check: LeakReport;
}

/**
 * Runs the leak check again on a committed redacted copy (a job): the object must still re-hash
 * to its SHA-256, then the copy is checked against the plan it was rendered from. The report
 * replaces the render's stored one, and the check is a custody entry on the copy.
 */
export function startCheck(ctx: HandlerContext, itemId: string): JobInfo {
  const { core, actor } = ctx;
  const render = renderOfItem(core.db, itemId);
  if (!render) throw new CustodianError('NOT_FOUND', `${itemId} is not a redacted copy made by Custodian.`, { itemId });
  const saved = planByHash(core.db, render.parent_item_id, render.plan_hash);
  if (!saved) throw new CustodianError('NOT_FOUND', `The plan ${itemId} was rendered from is missing.`, { planHash: render.plan_hash });
  const facts = recordingPlanFacts(core.db, render.parent_item_id);
  const parentStreams = (core.db.prepare('SELECT streams FROM items WHERE id = ?').get(render.parent_item_id) as { streams: string }).streams;
  const hasVideo = (JSON.parse(parentStreams) as { type: string; attachedPicture?: boolean }[]).some((s) => s.type === 'video' && !s.attachedPicture);
  const ffmpeg = ffmpegFor(core);
  const ffprobe = ffprobeFor(core);
  return core.jobs.start('leak-check', `Checking the redacted copy ${itemId}`, actor, (ctl) => core.mediaQueue.run(async (): Promise<CheckResult> => {
    const file = objectPath(core.paths.objects, render.sha256);
    ctl.progress(0, 'Re-computing the copy’s SHA-256…');
    let check: LeakReport;
    const onDisk = await hashFile(file, { signal: ctl.signal }).catch(() => null);
    if (!onDisk || onDisk.sha256 !== render.sha256) {
      check = { ok: false, framesChecked: 0, failures: [{ t: 0, scope: 'file', what: 'The copy in the evidence store is missing or no longer has the SHA-256 it was rendered with.' }] };
    } else {
      const version = await toolVersion(ffmpeg);
      check = await leakCheck({
        ffmpeg,
        ffprobe,
        fpsModeFlag: usesFpsMode(version) ? '-fps_mode' : '-vsync',
        file,
        plan: saved.plan,
        source: { hasVideo, audioStreams: facts.audioStreams, durationSec: facts.durationSec },
        signal: ctl.signal,
        onProgress: (f, m) => ctl.progress(0.05 + 0.9 * f, m),
      });
    }
    if (ctl.signal.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
    core.record(actor, () => {
      updateRenderCheck(core.db, render.id, check, core.clock().toISOString());
      return {
        result: null,
        events: [{ action: 'redaction-checked', outcome: check.ok ? 'success' : 'failure', objectId: itemId, objectSha256: render.sha256, details: { renderId: render.id, planHash: render.plan_hash, ok: check.ok, framesChecked: check.framesChecked, failures: check.failures.slice(0, 20) } }],
      };
    });
    return { itemId, sha256: render.sha256, check };
  }, ctl.signal), { itemId });
}
