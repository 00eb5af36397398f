import { regionBoxAt, type RedactionRegion } from '../../../shared/domain/redactionPlan';
import { showinfoTimes } from '../media/showinfoTimes';
import { runTool } from '../media/ffmpegRunner';
import { assertInputsAreSafe, globalArgs, inputArgs } from '../media/safeArgs';
import type { LeakFailure } from './leakReport';

/**
 * The picture half of the leak check. It shares nothing with the compiler but `regionBoxAt`:
 * the copy is decoded by ffmpeg to rgb24 (scaled down to at most CHECK_MAX_WIDTH) and piped
 * here frame by frame, with each frame's timestamp from `showinfo` on stderr, so memory stays
 * flat whatever the length. For every frame inside a solid region's span, at least
 * MIN_COVERED of the region's pixels (shrunk by MARGIN_PX for scaling and chroma edges) must be
 * within TOLERANCE of the fill colour on every channel.
 */

export const CHECK_MAX_WIDTH = 640;
export const MARGIN_PX = 2;
export const TOLERANCE = 40;
export const MIN_COVERED = 0.995;

export interface FrameDecode {
  ignoreEditlist: boolean;
  frames: number;
  /** Frames in which at least one region was measured. */
  checked: number;
  firstPts: number | null;
}

interface Target {
  index: number;
  region: RedactionRegion;
  rgb: [number, number, number];
}

function rgbOf(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function regionName(r: RedactionRegion, i: number): string {
  return r.label ? `Region ${i + 1} ("${r.label}")` : `Region ${i + 1}`;
}

/** The share of the region's (shrunk) pixels that are the fill colour; null when nothing is left after the margin. */
export function coveredShare(frame: Buffer, W: number, H: number, region: RedactionRegion, rgb: readonly number[], t: number): number | null {
  const box = regionBoxAt(region.keyframes, t);
  if (!box) return null;
  const left = box.x * W + MARGIN_PX;
  const right = (box.x + box.w) * W - MARGIN_PX;
  const top = box.y * H + MARGIN_PX;
  const bottom = (box.y + box.h) * H - MARGIN_PX;
  if (right - left < 1 || bottom - top < 1) return null;
  const cx = (left + right) / 2;
  const cy = (top + bottom) / 2;
  const rx = (right - left) / 2;
  const ry = (bottom - top) / 2;
  // Pixels whose centres (px + 0.5, py + 0.5) lie inside the shrunk box: exactly these bounds.
  const x0 = Math.max(0, Math.ceil(left - 0.5));
  const x1 = Math.min(W, Math.floor(right - 0.5) + 1);
  const y0 = Math.max(0, Math.ceil(top - 0.5));
  const y1 = Math.min(H, Math.floor(bottom - 0.5) + 1);
  const [r0, g0, b0] = [rgb[0]!, rgb[1]!, rgb[2]!];
  const ellipse = region.shape === 'ellipse';
  let total = 0;
  let good = 0;
  for (let py = y0; py < y1; py++) {
    const dy = (py + 0.5 - cy) / ry;
    let o = (py * W + x0) * 3;
    for (let px = x0; px < x1; px++, o += 3) {
      if (ellipse) {
        const dx = (px + 0.5 - cx) / rx;
        if (dx * dx + dy * dy > 1) continue;
      }
      total++;
      const dr = frame[o]! - r0;
      const dg = frame[o + 1]! - g0;
      const db = frame[o + 2]! - b0;
      if (dr <= TOLERANCE && dr >= -TOLERANCE && dg <= TOLERANCE && dg >= -TOLERANCE && db <= TOLERANCE && db >= -TOLERANCE) good++;
    }
  }
  return total === 0 ? null : good / total;
}

export interface DecodeOptions {
  ffmpeg: string;
  file: string;
  /** Size the copy is displayed at (from ffprobe). */
  width: number;
  height: number;
  regions: readonly RedactionRegion[];
  ignoreEditlist: boolean;
  /** Added to each frame's time (the -ignore_editlist decode is aligned to the normal one). */
  offset: (firstPts: number) => number;
  /** Decoder threads (two decodes run at once: half the cores each); ffmpeg's own choice when absent. */
  decoderThreads?: number;
  /** Told the first frame's time as soon as it is decoded (null if the decode ends with none). */
  onFirstPts?: (pts: number | null) => void;
  /** `-fps_mode` from ffmpeg 5.1, `-vsync` before. */
  fpsModeFlag: '-fps_mode' | '-vsync';
  signal?: AbortSignal;
  fail(f: LeakFailure): void;
}

export async function checkFrames(o: DecodeOptions): Promise<FrameDecode> {
  const scale = Math.min(1, CHECK_MAX_WIDTH / o.width);
  const W = Math.max(2, Math.round((o.width * scale) / 2) * 2);
  const H = Math.max(2, Math.round((o.height * scale) / 2) * 2);
  const frameBytes = W * H * 3;
  const targets: Target[] = o.regions
    .map((region, index) => ({ region, index, rgb: rgbOf(region.color) }))
    .filter((x) => !x.region.hidden && x.region.effect === 'fill');
  const result: FrameDecode = { ignoreEditlist: o.ignoreEditlist, frames: 0, checked: 0, firstPts: null };
  const times: number[] = [];
  const pending: Buffer[] = [];
  let pendingBytes = 0;
  let offset = 0;

  const onFrame = (frame: Buffer, pts: number) => {
    if (result.firstPts === null) {
      result.firstPts = pts;
      offset = o.offset(pts);
      o.onFirstPts?.(pts);
    }
    const t = pts + offset;
    result.frames++;
    let any = false;
    for (const x of targets) {
      const share = coveredShare(frame, W, H, x.region, x.rgb, t);
      if (share === null) continue;
      any = true;
      if (share < MIN_COVERED) {
        o.fail({ t: Math.round(t * 1000) / 1000, scope: 'picture', what: `${regionName(x.region, x.index)} is only ${(share * 100).toFixed(1)}% covered at ${t.toFixed(3)} s${o.ignoreEditlist ? ' (decoded ignoring the edit list)' : ''}.` });
      }
    }
    if (any) result.checked++;
  };
  // One frame buffer, filled from the pipe's chunks as they come: no new buffer per frame.
  const frameBuf = Buffer.allocUnsafe(frameBytes);
  const drain = () => {
    while (pendingBytes >= frameBytes && times.length > 0) {
      let filled = 0;
      while (filled < frameBytes) {
        const head = pending[0]!;
        const n = Math.min(head.length, frameBytes - filled);
        head.copy(frameBuf, filled, 0, n);
        filled += n;
        if (n === head.length) pending.shift();
        else pending[0] = head.subarray(n);
      }
      pendingBytes -= frameBytes;
      onFrame(frameBuf, times.shift()!);
    }
  };
  const stamps = showinfoTimes(times);
  const args = [
    ...globalArgs('ffmpeg'),
    '-loglevel',
    'info',
    '-nostats',
    ...inputArgs(o.file, [...(o.ignoreEditlist ? ['-ignore_editlist', '1'] : []), ...(o.decoderThreads ? ['-threads', String(o.decoderThreads)] : [])]),
    '-map',
    '0:v:0',
    '-vf',
    `scale=${W}:${H}:flags=area,format=rgb24,showinfo`,
    o.fpsModeFlag,
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  assertInputsAreSafe(args);
  try {
    await decode();
  } finally {
    if (result.firstPts === null) o.onFirstPts?.(null);
  }
  stamps.end();
  drain();
  if (pendingBytes > 0 || times.length > 0) o.fail({ t: 0, scope: 'file', what: 'The decoded pictures and their timestamps did not line up; the copy could not be checked completely.' });
  return result;

  async function decode(): Promise<void> {
    await runTool(o.ffmpeg, args, {
      signal: o.signal,
      onStderr: (chunk) => {
        stamps.chunk(chunk);
        drain();
      },
      onStdout: (chunk) => {
        pending.push(chunk);
        pendingBytes += chunk.length;
        drain();
      },
    });
  }
}
