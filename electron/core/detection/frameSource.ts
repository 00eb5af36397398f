import { showinfoTimes } from '../media/showinfoTimes';
import { runTool } from '../media/ffmpegRunner';
import { assertInputsAreSafe, globalArgs, inputArgs } from '../media/safeArgs';

/**
 * Every Nth frame of a recording, decoded by ffmpeg (the project's runner: argument array, no
 * shell, cancel by AbortSignal) to rgb24 at reduced size and piped here — no frame files. Each
 * frame's time comes from `showinfo` on stderr. While `onFrame` is busy the pipe is paused, so
 * ffmpeg waits and memory holds a frame or two whatever the length of the recording.
 */

export interface FrameSourceOptions {
  ffmpeg: string;
  file: string;
  /** `0:v:N`. */
  videoIndex: number;
  /** Size of the displayed frame (after rotation). */
  width: number;
  height: number;
  /** Frames are decoded at most this wide. */
  maxWidth: number;
  every: number;
  fpsModeFlag: '-fps_mode' | '-vsync';
  signal: AbortSignal;
  /** `frame` is the source frame number (k × every), `t` its time in seconds. */
  onFrame(rgb: Uint8Array, frame: number, t: number, width: number, height: number): Promise<void> | void;
}

export function scaledSize(width: number, height: number, maxWidth: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / width);
  return { width: Math.max(2, Math.round((width * scale) / 2) * 2), height: Math.max(2, Math.round((height * scale) / 2) * 2) };
}

/** Decodes and hands over the frames; resolves with how many were handed over. */
export async function readFrames(o: FrameSourceOptions): Promise<number> {
  const { width: W, height: H } = scaledSize(o.width, o.height, o.maxWidth);
  const frameBytes = W * H * 3;
  const times: number[] = [];
  const stamps = showinfoTimes(times);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let count = 0;

  const drain = async (): Promise<void> => {
    while (pendingBytes >= frameBytes && times.length > 0) {
      const all = pending.length === 1 ? pending[0]! : Buffer.concat(pending, pendingBytes);
      // A copy of its own: the worker receives (and detaches) this frame's buffer.
      const frame = new Uint8Array(frameBytes);
      frame.set(all.subarray(0, frameBytes));
      const rest = all.subarray(frameBytes);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
      const t = Math.max(0, times.shift()!);
      await o.onFrame(frame, count * o.every, t, W, H);
      count++;
    }
  };
  let chain: Promise<void> = Promise.resolve();
  const kick = (): Promise<void> => (chain = chain.then(drain));

  const args = [
    ...globalArgs('ffmpeg'),
    '-loglevel',
    'info',
    '-nostats',
    ...inputArgs(o.file),
    '-map',
    `0:v:${o.videoIndex}`,
    '-an',
    '-sn',
    '-dn',
    '-vf',
    `select=not(mod(n\\,${o.every})),scale=${W}:${H}:flags=area,format=rgb24,showinfo`,
    o.fpsModeFlag,
    'passthrough',
    '-f',
    'rawvideo',
    '-pix_fmt',
    'rgb24',
    'pipe:1',
  ];
  assertInputsAreSafe(args);
  await runTool(o.ffmpeg, args, {
    signal: o.signal,
    onStderr: (chunk) => {
      stamps.chunk(chunk);
      kick().catch(() => undefined);
    },
    onStdout: (chunk) => {
      pending.push(chunk);
      pendingBytes += chunk.length;
      return kick();
    },
  });
  stamps.end();
  await kick();
  return count;
}
