/**
 * Runs the real detection pipeline (electron/core/detection/detectionPipeline.ts: ffmpeg frame
 * source, detection workers with @vladmandic/human, frames put back in order, optical flow, the
 * tracker) on a composite clip, for the quality test and the bench. Also the baseline the issue
 * compares against: detect on every frame, no tracking (each detection is a proposal for its own
 * frame, padded the same way).
 */
import { runDetection } from '../../electron/core/detection/detectionPipeline';
import { DEFAULT_DETECTOR_OPTIONS } from '../../electron/core/detection/detectorOptions';
import { detectionWorkers } from '../../electron/core/detection/workerPool';
import { clampBox, padBox } from '../../shared/domain/tracking/boxes';
import { TRACKER_DEFAULTS, trackDetections, trackToKeyframes } from '../../shared/domain/tracking/tracker';
import type { FrameDetections, Track, TrackerOptions } from '../../shared/domain/tracking/types';
import { fixtureFfmpeg } from '../fixtures/makeClips';
import type { CompositeClip } from './compositeClip';
import type { Proposal } from './detectionScore';

export interface DetectRun {
  proposals: Proposal[];
  tracks: Track[];
  /** Every sampled frame's detections (only without tracking). */
  frames: FrameDetections[] | null;
  sampled: number;
  /** Wall-clock seconds for worker start + decode + detection (+ flow) + tracking. */
  seconds: number;
  /** Seconds of work per second of video. */
  perVideoSecond: number;
  /**
   * CPU seconds this process (main thread and detection workers; not ffmpeg) spent per second of
   * video: less sensitive to other work on the machine than the wall time. Two free cores keep up
   * with real time while this stays under 2.
   */
  cpuPerVideoSecond: number;
}

export interface DetectClipOptions {
  every: number;
  maxWidth?: number;
  flow?: boolean;
  workers?: number;
  tracker?: Omit<TrackerOptions, 'fps' | 'sampleEvery'>;
}

async function run(clip: CompositeClip, o: DetectClipOptions, track: boolean): Promise<DetectRun> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const r = await runDetection({
    ffmpeg: fixtureFfmpeg(),
    file: clip.path,
    videoIndex: 0,
    width: clip.spec.width,
    height: clip.spec.height,
    maxWidth: o.maxWidth ?? 640,
    every: o.every,
    fps: clip.spec.fps,
    fpsModeFlag: '-fps_mode',
    signal: new AbortController().signal,
    detectorOptions: DEFAULT_DETECTOR_OPTIONS,
    workers: o.workers ?? detectionWorkers(),
    opticalFlow: o.flow ?? false,
    track,
    ...(o.tracker ? { tracker: o.tracker } : {}),
  });
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const proposals = track ? tracksToProposals(r.tracks) : framesToProposals(r.frames!, clip.spec.fps);
  return { proposals, tracks: r.tracks, frames: r.frames, sampled: r.sampled, seconds, perVideoSecond: seconds / clip.spec.seconds, cpuPerVideoSecond: cpuSeconds / clip.spec.seconds };
}

/** Detect every `every`th frame and track, as the detection job does. */
export const detectAndTrack = (clip: CompositeClip, o: DetectClipOptions): Promise<DetectRun> => run(clip, o, true);

/** No tracker: each detection, padded like a track's box, covers its own frame only (`every` 1: the baseline). */
export const detectOnly = (clip: CompositeClip, o: Omit<DetectClipOptions, 'flow' | 'tracker'>): Promise<DetectRun> => run(clip, o, false);

/** Every frame, no tracker: each detection, padded like a track's box, covers its own frame only. */
export const detectEveryFrame = (clip: CompositeClip, o: Omit<DetectClipOptions, 'every' | 'flow' | 'tracker'> = {}): Promise<DetectRun> => detectOnly(clip, { ...o, every: 1 });

export function tracksToProposals(tracks: readonly Track[]): Proposal[] {
  return tracks.map((tr) => ({ id: tr.id, keyframes: trackToKeyframes(tr) })).filter((p) => p.keyframes.length > 0);
}

export function framesToProposals(frames: readonly FrameDetections[], fps: number): Proposal[] {
  const proposals: Proposal[] = [];
  for (const fd of frames)
    fd.detections.forEach((d, i) => {
      const b = clampBox(padBox(d.box, TRACKER_DEFAULTS.pad));
      if (!b) return;
      // On from this frame's time until just before the next frame's.
      proposals.push({ id: `f${fd.frame}-${i}`, keyframes: [{ t: fd.frame / fps, ...b }, { t: (fd.frame + 0.999) / fps, ...b }] });
    });
  return proposals;
}

/**
 * The tracker (no optical flow) on every `every`th frame of detections made on every frame: what
 * a tracked run would have proposed, without running the detectors again.
 */
export function trackSubsampled(frames: readonly FrameDetections[], every: number, fps: number, tracker: Omit<TrackerOptions, 'fps' | 'sampleEvery'> = {}): Track[] {
  return trackDetections(frames.filter((fd) => fd.frame % every === 0), { fps, sampleEvery: every, ...tracker });
}
