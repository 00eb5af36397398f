import type { DetectionJobResult, JobInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { ffmpegFor, ffprobeFor, toolVersion } from '../ingest/mediaTools';
import type { JobControl } from '../jobs/jobRegistry';
import { probeMedia } from '../media/probe';
import { usesFpsMode } from '../redaction/compilePlan';
import { mustFindRecording } from '../redaction/planStore';
import { displaySize, renderFactsOf } from '../redaction/renderFacts';
import { objectPath } from '../store/objectPaths';
import { saveRun } from './detectionStore';
import { runDetection } from './detectionPipeline';
import { scaledSize } from './frameSource';
import { DEFAULT_DETECTOR_OPTIONS } from './detectorOptions';
import { detectionWorkers } from './workerPool';

/**
 * A detection run as a background job on the one media queue: ffmpeg decodes every Nth frame
 * at reduced size into a pipe, detection workers judge the frames, the tracker links the
 * detections into tracks in frame order (bridging detector gaps by optical flow over the frames
 * it still holds, flowBridge.ts), and the run with its proposals is written in one transaction
 * at the end. Cancel kills ffmpeg and the workers; nothing of a cancelled or failed run is kept.
 */

export interface DetectionOptions {
  every?: number;
  minScore?: number;
  maxWidth?: number;
}

/**
 * Optical flow bridges detector gaps (flowBridge.ts, OpenCV.js, on the job's thread: two grey
 * frames at 320 px, a few milliseconds per missed box). Measured on the quality clip
 * (docs/detection.md): recall 98.5 % → 98.9 %, one fragmented track fewer.
 */
export const OPTICAL_FLOW = true;

export const DEFAULT_MAX_WIDTH = 640;
/** Sampled frames per second when `every` is not given. */
export const DEFAULT_SAMPLES_PER_SECOND = 3;

export function defaultEvery(fps: number): number {
  return Math.max(1, Math.round(fps / DEFAULT_SAMPLES_PER_SECOND));
}

export function startDetection(ctx: HandlerContext, recordingId: string, options: DetectionOptions): JobInfo {
  const { core, actor } = ctx;
  const row = mustFindRecording(core.db, recordingId);
  const tools = { ffmpeg: ffmpegFor(core), ffprobe: ffprobeFor(core) };
  return core.jobs.start(
    'detection',
    `Looking for faces, heads and screens in ${row.original_name}`,
    actor,
    (ctl) => {
      ctl.progress(0, 'Waiting for other video work to finish…');
      return core.mediaQueue.run(() => detectionJob(core, actor, { id: row.id, sha256: row.sha256 }, options, tools, ctl), ctl.signal);
    },
    { itemId: row.id },
  );
}

async function detectionJob(core: CoreContext, actor: Actor, item: { id: string; sha256: string }, options: DetectionOptions, tools: { ffmpeg: string; ffprobe: string }, ctl: JobControl): Promise<DetectionJobResult> {
  const started = Date.now();
  const source = objectPath(core.paths.objects, item.sha256);
  ctl.progress(0, 'Examining the recording…');
  const probe = await probeMedia(source, { signal: ctl.signal, ffprobePath: tools.ffprobe });
  const facts = renderFactsOf(probe);
  if (!probe.playable || !facts.video) throw new CustodianError('BAD_INPUT', 'This recording has no picture the detectors can look at.', { reason: probe.unplayableReason });
  const video = facts.video;
  const shown = displaySize(video);
  const every = options.every ?? defaultEvery(video.fps);
  const maxWidth = options.maxWidth ?? DEFAULT_MAX_WIDTH;
  const detectorOptions = { ...DEFAULT_DETECTOR_OPTIONS, ...(options.minScore !== undefined ? { minScore: options.minScore } : {}) };
  const expected = Math.max(1, Math.ceil((facts.durationSec * video.fps) / every));
  const version = await toolVersion(tools.ffmpeg);

  ctl.progress(0.01, 'Starting the detectors…');
  const workers = detectionWorkers();
  const { sampled, tracks, describe } = await runDetection({
    ffmpeg: tools.ffmpeg,
    file: source,
    videoIndex: video.index,
    width: shown.width,
    height: shown.height,
    maxWidth,
    every,
    fps: video.fps,
    fpsModeFlag: usesFpsMode(version) ? '-fps_mode' : '-vsync',
    signal: ctl.signal,
    detectorOptions,
    workers,
    opticalFlow: OPTICAL_FLOW,
    onJudged: (judged) => ctl.progress(0.02 + 0.96 * Math.min(1, judged / expected), `Looked at ${judged} of about ${expected} frames…`),
  });
  const size = scaledSize(shown.width, shown.height, maxWidth);
  const runId = saveRun(
    core,
    actor,
    {
      itemId: item.id,
      sha256: item.sha256,
      every,
      fps: video.fps,
      framesSampled: sampled,
      frameWidth: size.width,
      frameHeight: size.height,
      detectors: describe?.models ?? [],
      options: { every, maxWidth, minScore: detectorOptions.minScore, workers, opticalFlow: OPTICAL_FLOW, package: describe ? `${describe.package} ${describe.version}` : null, backend: describe?.backend ?? null },
      elapsedMs: Date.now() - started,
    },
    tracks,
  );
  ctl.progress(1, `Proposed ${tracks.length} ${tracks.length === 1 ? 'area' : 'areas'} to hide; nothing is hidden until you accept.`);
  return { runId, recordingId: item.id, framesSampled: sampled, proposals: tracks.length, elapsedMs: Date.now() - started };
}
