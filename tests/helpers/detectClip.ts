/**
 * Runs the real detectors (electron/core/detection: ffmpeg frame source + @vladmandic/human) and
 * the tracker on a composite clip, in this process, for the quality test and the bench. Also the
 * baseline the issue compares against: detect on every frame, no tracking (each detection is a
 * proposal for its own frame, padded the same way).
 */
import { createHumanDetector, type FrameDetector } from '../../electron/core/detection/humanDetector';
import { readFrames } from '../../electron/core/detection/frameSource';
import { createFlowFrames, loadOpenCv, type FlowFrames } from '../../electron/core/detection/flowBridge';
import { clampBox, padBox } from '../../shared/domain/tracking/boxes';
import { createTracker, TRACKER_DEFAULTS, trackToKeyframes } from '../../shared/domain/tracking/tracker';
import type { Track } from '../../shared/domain/tracking/types';
import { fixtureFfmpeg } from '../fixtures/makeClips';
import type { CompositeClip } from './compositeClip';
import type { Proposal } from './detectionScore';

export interface DetectRun {
  proposals: Proposal[];
  tracks: Track[];
  sampled: number;
  /** Wall-clock seconds for decode + detection (+ flow) + tracking. */
  seconds: number;
  /** Seconds of work per second of video. */
  perVideoSecond: number;
}

let detector: Promise<FrameDetector> | undefined;
/** One detector per process (loading the models takes a while). */
export const sharedDetector = (): Promise<FrameDetector> => (detector ??= createHumanDetector());

export async function detectAndTrack(clip: CompositeClip, opts: { every: number; maxWidth?: number; flow?: boolean }): Promise<DetectRun> {
  const det = await sharedDetector();
  const t0 = performance.now();
  let flow: FlowFrames | undefined;
  if (opts.flow) flow = createFlowFrames(await loadOpenCv());
  const tracker = createTracker({ fps: clip.spec.fps, sampleEvery: opts.every }, flow?.bridge);
  try {
    const sampled = await readFrames({
      ffmpeg: fixtureFfmpeg(),
      file: clip.path,
      videoIndex: 0,
      width: clip.spec.width,
      height: clip.spec.height,
      maxWidth: opts.maxWidth ?? 640,
      every: opts.every,
      fpsModeFlag: '-fps_mode',
      signal: new AbortController().signal,
      onFrame: async (rgb, frame, _t, w, h) => {
        const detections = await det.detect(rgb, w, h);
        flow?.add(frame, rgb, w, h);
        // The frame's time from its number: the composite clips are constant-rate.
        tracker.push({ frame, t: frame / clip.spec.fps, detections });
      },
    });
    const tracks = tracker.finish();
    const seconds = (performance.now() - t0) / 1000;
    const proposals = tracks.map((tr) => ({ id: tr.id, keyframes: trackToKeyframes(tr) })).filter((p) => p.keyframes.length > 0);
    return { proposals, tracks, sampled, seconds, perVideoSecond: seconds / clip.spec.seconds };
  } finally {
    flow?.close();
  }
}

/** Every frame, no tracker: each detection, padded like a track's box, covers its own frame only. */
export async function detectEveryFrame(clip: CompositeClip, opts: { maxWidth?: number } = {}): Promise<DetectRun> {
  const det = await sharedDetector();
  const t0 = performance.now();
  const proposals: Proposal[] = [];
  const fps = clip.spec.fps;
  const sampled = await readFrames({
    ffmpeg: fixtureFfmpeg(),
    file: clip.path,
    videoIndex: 0,
    width: clip.spec.width,
    height: clip.spec.height,
    maxWidth: opts.maxWidth ?? 640,
    every: 1,
    fpsModeFlag: '-fps_mode',
    signal: new AbortController().signal,
    onFrame: async (rgb, frame, _t, w, h) => {
      const found = await det.detect(rgb, w, h);
      found.forEach((d, i) => {
        const b = clampBox(padBox(d.box, TRACKER_DEFAULTS.pad));
        if (!b) return;
        const k = { x: b.x, y: b.y, w: b.w, h: b.h };
        // On from this frame's time until just before the next frame's.
        proposals.push({ id: `f${frame}-${i}`, keyframes: [{ t: frame / fps, ...k }, { t: (frame + 0.999) / fps, ...k }] });
      });
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return { proposals, tracks: [], sampled, seconds, perVideoSecond: seconds / clip.spec.seconds };
}
