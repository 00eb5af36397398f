import type { ProbeResult } from '../media/probeResult';

/** What the compiler needs to know about the recording, from ffprobe. */
export interface RenderFacts {
  /** The main picture (the first video stream that is not cover art), or null for audio only. */
  video: {
    /** Index among the file's video streams (`0:v:N`). */
    index: number;
    /** As stored; the displayed frame is turned by `rotation`. */
    width: number;
    height: number;
    /** Degrees clockwise a player turns the picture (autorotate applies it). */
    rotation: number;
    /** Average frames per second; sets how often a moving region is updated. */
    fps: number;
  } | null;
  durationSec: number;
  /** The recording's audio streams in order (`0:a:N`). */
  audio: { channels: number; sampleRate: number }[];
}

/** The frame a viewer sees, after rotation: plan fractions are of this. */
export function displaySize(v: NonNullable<RenderFacts['video']>): { width: number; height: number } {
  const turned = v.rotation === 90 || v.rotation === 270;
  return turned ? { width: v.height, height: v.width } : { width: v.width, height: v.height };
}

export function renderFactsOf(p: ProbeResult): RenderFacts {
  const videos = p.streams.filter((s) => s.type === 'video');
  const main = videos.findIndex((s) => !s.attachedPicture && s.width && s.height);
  const v = main >= 0 ? videos[main]! : undefined;
  return {
    video: v ? { index: main, width: v.width!, height: v.height!, rotation: v.rotation ?? 0, fps: v.frameRate && v.frameRate > 0 && v.frameRate < 1000 ? v.frameRate : 30 } : null,
    durationSec: p.durationSec ?? 0,
    audio: p.streams.filter((s) => s.type === 'audio').map((s) => ({ channels: s.channels ?? 2, sampleRate: s.sampleRate ?? 48000 })),
  };
}
