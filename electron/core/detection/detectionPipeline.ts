import { createTracker } from '../../../shared/domain/tracking/tracker';
import type { FrameDetections, Track, TrackerOptions } from '../../../shared/domain/tracking/types';
import { CustodianError } from '../../../shared/errors';
import type { DetectorDescription, DetectorOptions } from './detectorOptions';
import { createFlowFrames, loadOpenCv, type FlowFrames } from './flowBridge';
import { readFrames, type FrameSourceOptions } from './frameSource';
import { DetectionPool } from './workerPool';

/**
 * The detection run without its storage (the job, the quality test and the bench all use it):
 * ffmpeg decodes every Nth frame at reduced size into a pipe, detection workers judge the frames
 * (out of order: two workers), the answers are put back in frame order, and each frame in order
 * goes to the optical flow (which holds the last two frames) and to the tracker.
 */

/** The frame source's options (file, stream, displayed size, decode width, every Nth frame, cancel) and the pipeline's own. */
export interface PipelineOptions extends Omit<FrameSourceOptions, 'onFrame'> {
  fps: number;
  detectorOptions: DetectorOptions;
  workers: number;
  /** Bridge detector gaps by optical flow (OpenCV.js, on this thread). */
  opticalFlow: boolean;
  /** False: no tracker, the frames' detections are returned as found (the bench's baseline). */
  track?: boolean;
  tracker?: Omit<TrackerOptions, 'fps' | 'sampleEvery'>;
  /** Called after each frame is judged (in any order), with how many have been. */
  onJudged?(judged: number): void;
}

export interface PipelineResult {
  sampled: number;
  tracks: Track[];
  /** Every sampled frame's detections, in frame order (only when not tracking). */
  frames: FrameDetections[] | null;
  describe: DetectorDescription | null;
  /** Milliseconds until the workers had loaded their models. */
  readyMs: number;
}

interface Answered {
  fd: FrameDetections;
  rgb: Uint8Array | null;
  w: number;
  h: number;
}

export async function runDetection(o: PipelineOptions): Promise<PipelineResult> {
  const started = performance.now();
  const track = o.track ?? true;
  // Stops ffmpeg and the workers when the caller cancels or a worker fails.
  const stop = new AbortController();
  const onCancel = () => stop.abort();
  if (o.signal.aborted) stop.abort();
  o.signal.addEventListener('abort', onCancel, { once: true });
  let pool: DetectionPool | undefined;
  let flow: FlowFrames | null = null;
  try {
    const [opened, cv] = await Promise.all([DetectionPool.open(o.workers, o.detectorOptions, stop.signal), track && o.opticalFlow ? loadOpenCv() : null]);
    pool = opened;
    const readyMs = performance.now() - started;
    flow = cv ? createFlowFrames(cv) : null;
    const tracker = track ? createTracker({ fps: o.fps, sampleEvery: o.every, ...o.tracker }, flow?.bridge) : null;
    const frames: FrameDetections[] | null = track ? null : [];
    // Workers answer out of order; the tracker and the flow take the frames in order.
    const answered = new Map<number, Answered>();
    let nextInOrder = 0;
    let judged = 0;
    let sequence = 0;
    const inFlight: Promise<void>[] = [];
    let failure: unknown;
    const fail = (err: unknown): void => {
      failure ??= err;
      stop.abort();
    };
    const inOrder = (k: number, a: Answered): void => {
      answered.set(k, a);
      for (let next = answered.get(nextInOrder); next; next = answered.get(nextInOrder)) {
        answered.delete(nextInOrder++);
        if (next.rgb) flow?.add(next.fd.frame, next.rgb, next.w, next.h);
        if (tracker) tracker.push(next.fd);
        else frames!.push(next.fd);
      }
    };
    const p = pool;
    const sampled = await readFrames({
      ffmpeg: o.ffmpeg,
      file: o.file,
      videoIndex: o.videoIndex,
      width: o.width,
      height: o.height,
      maxWidth: o.maxWidth,
      every: o.every,
      fpsModeFlag: o.fpsModeFlag,
      signal: stop.signal,
      onFrame: async (rgb, frame, t, w, h) => {
        const free = p.whenFree();
        if (free) await free;
        if (stop.signal.aborted) throw failure ?? new CustodianError('CANCELLED', 'Detection was cancelled.');
        const k = sequence++;
        // The worker gets a copy; this one stays for the optical flow until the tracker has it.
        inFlight.push(
          p.detect(flow ? rgb.slice() : rgb, w, h).then((detections) => {
            try {
              inOrder(k, { fd: { frame, t, detections }, rgb: flow ? rgb : null, w, h });
            } catch (err) {
              fail(err);
            }
            o.onJudged?.(++judged);
          }, fail),
        );
      },
    }).catch((err: unknown) => {
      throw failure ?? err;
    });
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
    if (o.signal.aborted) throw new CustodianError('CANCELLED', 'Detection was cancelled.');
    if (answered.size > 0) throw new Error(`Detection lost frame ${nextInOrder} of the recording.`);
    return { sampled, tracks: tracker ? tracker.finish() : [], frames, describe: p.describe, readyMs };
  } finally {
    o.signal.removeEventListener('abort', onCancel);
    flow?.close();
    await pool?.close();
  }
}
