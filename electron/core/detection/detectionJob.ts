import type { DetectionJobResult, JobInfo } from '../../../shared/contract';
import { createTracker } from '../../../shared/domain/tracking/tracker';
import type { FrameDetections } from '../../../shared/domain/tracking/types';
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
import { readFrames, scaledSize } from './frameSource';
import { DEFAULT_DETECTOR_OPTIONS } from './detectorOptions';
import { createFlowFrames, loadOpenCv, type FlowFrames } from './flowBridge';
import { DetectionPool, detectionWorkers } from './workerPool';

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
 * Optical flow bridges detector gaps (flowBridge.ts, OpenCV.js). Off until its loader is fixed:
 * `loadOpenCv` resolves its promise with the Emscripten module, which is itself a thenable, so
 * the promise never settles (a busy loop under vitest). Without it the tracker still predicts
 * each track through a gap of up to keepAliveSeconds.
 */
export const OPTICAL_FLOW = false;

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

  // Stops ffmpeg when the job is cancelled or a worker fails.
  const stop = new AbortController();
  const onCancel = () => stop.abort();
  ctl.signal.addEventListener('abort', onCancel, { once: true });
  ctl.progress(0.01, 'Starting the detectors…');
  const pool = await DetectionPool.open(detectionWorkers(), detectorOptions, stop.signal);
  const flow: FlowFrames | null = OPTICAL_FLOW ? createFlowFrames(await loadOpenCv()) : null;
  const tracker = createTracker({ fps: video.fps, sampleEvery: every }, flow?.bridge);
  // Workers answer out of order; the tracker (and the flow) take the frames in order.
  const answered = new Map<number, { fd: FrameDetections; rgb: Uint8Array; w: number; h: number }>();
  let nextInOrder = 0;
  let judged = 0;
  let sequence = 0;
  const inFlight: Promise<void>[] = [];
  let failure: unknown;
  try {
    const sampled = await readFrames({
      ffmpeg: tools.ffmpeg,
      file: source,
      videoIndex: video.index,
      width: shown.width,
      height: shown.height,
      maxWidth,
      every,
      fpsModeFlag: usesFpsMode(version) ? '-fps_mode' : '-vsync',
      signal: stop.signal,
      onFrame: async (rgb, frame, t, w, h) => {
        const free = pool.whenFree();
        if (free) await free;
        if (stop.signal.aborted) throw failure ?? new CustodianError('CANCELLED', 'Detection was cancelled.');
        const k = sequence++;
        // The worker gets a copy; this one stays for the optical flow until the tracker has it.
        inFlight.push(
          pool.detect(flow ? rgb.slice() : rgb, w, h).then(
            (detections) => {
              answered.set(k, { fd: { frame, t, detections }, rgb, w, h });
              try {
                for (let a = answered.get(nextInOrder); a; a = answered.get(nextInOrder)) {
                  answered.delete(nextInOrder++);
                  flow?.add(a.fd.frame, a.rgb, a.w, a.h);
                  tracker.push(a.fd);
                }
              } catch (err) {
                failure ??= err;
                stop.abort();
              }
              judged++;
              ctl.progress(0.02 + 0.96 * Math.min(1, judged / expected), `Looked at ${judged} of about ${expected} frames…`);
            },
            (err: unknown) => {
              failure ??= err;
              stop.abort();
            },
          ),
        );
      },
    }).catch((err: unknown) => {
      throw failure ?? err;
    });
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    if (ctl.signal.aborted) throw new CustodianError('CANCELLED', 'Detection was cancelled.');

    const tracks = tracker.finish();
    const size = scaledSize(shown.width, shown.height, maxWidth);
    const describe = pool.describe;
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
        options: { every, maxWidth, minScore: detectorOptions.minScore, workers: detectionWorkers(), opticalFlow: flow !== null, package: describe ? `${describe.package} ${describe.version}` : null, backend: describe?.backend ?? null },
        elapsedMs: Date.now() - started,
      },
      tracks,
    );
    ctl.progress(1, `Proposed ${tracks.length} ${tracks.length === 1 ? 'area' : 'areas'} to hide; nothing is hidden until you accept.`);
    return { runId, recordingId: item.id, framesSampled: sampled, proposals: tracks.length, elapsedMs: Date.now() - started };
  } finally {
    ctl.signal.removeEventListener('abort', onCancel);
    flow?.close();
    await pool.close();
  }
}
