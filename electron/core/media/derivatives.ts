import fs from 'node:fs';
import { CustodianError } from '../../../shared/errors';
import { runTool } from './ffmpegRunner';
import { locateFfmpeg } from './locateTools';
import type { MediaProgress } from './progressParser';
import { assertInputsAreSafe, assertSafeMediaPath, fileArg, globalArgs, inputArgs } from './safeArgs';

/**
 * Viewing derivatives of an original: a thumbnail and a browser-playable proxy. Both are
 * written to `<out>.part` and renamed only when complete, so a half-written file never sits
 * under a final name; on failure or cancel the partial file is removed.
 *
 * Output paths get the `file:` prefix too, so the muxer cannot be guessed from the name;
 * the format is always given with `-f`.
 */

export interface DerivativeResult {
  outPath: string;
  /** Exactly what ran, for the derivative's record (tool and parameters). */
  commandLine: string;
}

export interface ThumbnailOptions {
  signal?: AbortSignal;
  /** Default 60 s. */
  timeoutMs?: number;
  /** The input's duration, if known: the frame is taken at 10% of it. */
  durationSec?: number;
  /** Default 320. */
  width?: number;
  ffmpegPath?: string;
}

export interface ProxyOptions {
  signal?: AbortSignal;
  onProgress?: (p: MediaProgress) => void;
  durationSec?: number;
  /** No limit by default: a long recording takes as long as it takes, and can be cancelled. */
  timeoutMs?: number;
  ffmpegPath?: string;
}

const THUMBNAIL_TIMEOUT_MS = 60_000;

/**
 * Square pixels and even dimensions: 4:2:0 H.264 needs even sizes, and a non-square sample
 * aspect ratio would be shown stretched by some players. ffmpeg has already applied the
 * display rotation (autorotate) before this filter runs.
 */
const SQUARE_EVEN = 'scale=trunc(iw*sar/2)*2:trunc(ih/2)*2,setsar=1';

export async function makeThumbnail(
  input: string,
  outJpegPath: string,
  opts: ThumbnailOptions = {},
): Promise<DerivativeResult> {
  assertSafeMediaPath(input);
  assertSafeMediaPath(outJpegPath);
  const ffmpeg = opts.ffmpegPath ?? locateFfmpeg();
  const part = `${outJpegPath}.part`;
  const width = opts.width ?? 320;
  const duration = opts.durationSec;
  const seekSec = duration !== undefined && Number.isFinite(duration) && duration > 0 ? duration * 0.1 : 0;

  const argsAt = (sec: number): string[] => [
    ...globalArgs('ffmpeg'),
    '-v',
    'error',
    // Before -i: a fast keyframe seek, then decoding to the exact time.
    ...inputArgs(input, sec > 0 ? ['-ss', sec.toFixed(3)] : []),
    '-map',
    '0:v:0',
    '-frames:v',
    '1',
    '-vf',
    `scale=iw*sar:ih,setsar=1,scale=${width}:-2`,
    '-map_metadata',
    '-1',
    '-c:v',
    'mjpeg',
    '-q:v',
    '3',
    '-f',
    'image2',
    '-update',
    '1',
    '-y',
    fileArg(part),
  ];

  assertInputsAreSafe(argsAt(seekSec));
  try {
    let run = await runTool(ffmpeg, argsAt(seekSec), { signal: opts.signal, timeoutMs: opts.timeoutMs ?? THUMBNAIL_TIMEOUT_MS });
    // A stated duration can be wrong (edit lists, damaged index): seeking past the last
    // frame writes nothing, so fall back to the first frame.
    if (!(await nonEmptyFile(part)) && seekSec > 0) {
      run = await runTool(ffmpeg, argsAt(0), { signal: opts.signal, timeoutMs: opts.timeoutMs ?? THUMBNAIL_TIMEOUT_MS });
    }
    if (!(await nonEmptyFile(part))) {
      throw new CustodianError('MEDIA_TOOL_FAILED', 'No picture could be taken from this video for its thumbnail.', {
        commandLine: run.commandLine,
      });
    }
    await commit(part, outJpegPath);
    return { outPath: outJpegPath, commandLine: run.commandLine };
  } catch (err) {
    await removeQuietly(part);
    throw err;
  }
}

export async function makeProxy(input: string, outMp4Path: string, opts: ProxyOptions = {}): Promise<DerivativeResult> {
  assertSafeMediaPath(input);
  assertSafeMediaPath(outMp4Path);
  const ffmpeg = opts.ffmpegPath ?? locateFfmpeg();
  const part = `${outMp4Path}.part`;
  const args = [
    ...globalArgs('ffmpeg'),
    '-v',
    'error',
    ...inputArgs(input),
    // Explicit maps: automatic selection would pick one audio stream; `?` allows none.
    '-map',
    '0:v:0',
    '-map',
    '0:a?',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-vf',
    SQUARE_EVEN,
    // Keep each frame at its own timestamp: camera video is often variable-rate, and a
    // constant-rate output would drop or duplicate frames.
    '-fps_mode',
    'vfr',
    '-c:v',
    'libx264',
    '-preset',
    'veryfast',
    '-crf',
    '23',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-b:a',
    '128k',
    // Sparse or late-starting audio (pre-event buffers) would otherwise overflow the queue.
    '-max_muxing_queue_size',
    '4096',
    '-movflags',
    '+faststart',
    '-f',
    'mp4',
    '-y',
    fileArg(part),
  ];
  assertInputsAreSafe(args);

  try {
    const run = await runTool(ffmpeg, args, {
      signal: opts.signal,
      timeoutMs: opts.timeoutMs,
      onProgress: opts.onProgress,
      durationSec: opts.durationSec,
    });
    if (!(await nonEmptyFile(part))) {
      throw new CustodianError('MEDIA_TOOL_FAILED', 'The viewing copy of this video came out empty.', {
        commandLine: run.commandLine,
      });
    }
    await commit(part, outMp4Path);
    return { outPath: outMp4Path, commandLine: run.commandLine };
  } catch (err) {
    await removeQuietly(part);
    throw err;
  }
}

async function nonEmptyFile(p: string): Promise<boolean> {
  try {
    const st = await fs.promises.stat(p);
    return st.isFile() && st.size > 0;
  } catch {
    return false;
  }
}

/** Flush to disk, then rename: after a crash the final name holds a whole file or nothing. */
async function commit(part: string, finalPath: string): Promise<void> {
  const handle = await fs.promises.open(part, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(part, finalPath);
}

async function removeQuietly(p: string): Promise<void> {
  try {
    await fs.promises.rm(p, { force: true });
  } catch {
    // Best effort; the caller's error is the one that matters.
  }
}
