import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { runTool } from './ffmpegRunner';
import { assertInputsAreSafe, fileArg, globalArgs, inputArgs } from './safeArgs';

/**
 * Cheap pictures and peaks for the redaction studio's timeline: a filmstrip of small JPEGs
 * (one ffmpeg run; keyframes only for long recordings) and a waveform per audio stream (decoded once to 2 kHz mono
 * f32le). Both are cached under the derived folder by the original's SHA-256; a cache file is
 * written as `.part` and renamed, so a half-written one is never read.
 */

const STRIP_HEIGHT = 72;
const PEAK_RATE = 2000;
const STRIP_TIMEOUT_MS = 5 * 60_000;
const WAVE_TIMEOUT_MS = 10 * 60_000;

export interface PreviewInput {
  ffmpeg: string;
  /** The original in the object store. */
  source: string;
  sha256: string;
  durationSec: number;
  /** `<derived>/studio/<sha256>`. */
  cacheDir: string;
  signal?: AbortSignal;
}

export function studioCacheDir(derivedDir: string, sha256: string): string {
  return path.join(derivedDir, 'studio', sha256);
}

let partSeq = 0;
/** A private temporary name: two windows asking at once never write the same file. */
function partName(file: string): string {
  partSeq += 1;
  return `${file}.${process.pid}-${partSeq}.part`;
}

async function exists(p: string): Promise<boolean> {
  return fs.promises.stat(p).then(
    (s) => s.isFile() && s.size > 0,
    () => false,
  );
}

/** Times of `count` pictures spread over the recording: the middle of each of `count` equal parts. */
export function filmstripTimes(durationSec: number, count: number): number[] {
  const d = Math.max(0, durationSec);
  return Array.from({ length: count }, (_, i) => Math.round(((i + 0.5) * d * 1000) / count) / 1000);
}

/** Longer than this, only keyframes are decoded for the filmstrip (an hour of video stays cheap). */
const FULL_DECODE_MAX_SEC = 120;

/** One ffmpeg run: `count` pictures at an even rate over the recording, written to a folder renamed into place when complete. */
export async function filmstrip(inp: PreviewInput, count: number): Promise<{ t: number; dataUrl: string }[]> {
  const dir = path.join(inp.cacheDir, `film-${count}`);
  if (!(await exists(path.join(dir, 'done')))) {
    const part = partName(dir);
    await fs.promises.mkdir(part, { recursive: true });
    const step = Math.max(0.001, inp.durationSec) / count;
    const half = (step / 2).toFixed(4);
    const st = step.toFixed(6);
    const args = [
      ...globalArgs('ffmpeg'),
      '-v', 'error',
      ...inputArgs(inp.source, inp.durationSec > FULL_DECODE_MAX_SEC ? ['-skip_frame', 'nokey'] : []),
      '-map', '0:v:0',
      // The first picture in each part from its middle on (a keyframe, for long recordings): one per part, no drift.
      '-vf', `select='gte(t\\,${half})*not(eq(floor((t-${half})/${st})\\,floor((prev_t-${half})/${st})))',scale=iw*sar:ih,setsar=1,scale=-2:${STRIP_HEIGHT}`,
      '-fps_mode', 'vfr',
      '-frames:v', String(count),
      '-map_metadata', '-1', '-c:v', 'mjpeg', '-q:v', '6', '-f', 'image2', '-start_number', '0', '-y',
      fileArg(path.join(part, '%03d.jpg')),
    ];
    assertInputsAreSafe(args);
    try {
      await runTool(inp.ffmpeg, args, { signal: inp.signal, timeoutMs: STRIP_TIMEOUT_MS });
      await fs.promises.writeFile(path.join(part, 'done'), String(count));
      await fs.promises.rm(dir, { recursive: true, force: true });
      await fs.promises.rename(part, dir);
    } catch (err) {
      await fs.promises.rm(part, { recursive: true, force: true });
      throw err;
    }
  }
  const times = filmstripTimes(inp.durationSec, count);
  const out: { t: number; dataUrl: string }[] = [];
  for (let i = 0; i < count; i++) {
    const file = path.join(dir, `${String(i).padStart(3, '0')}.jpg`);
    if (!(await exists(file))) continue; // past the last frame: a gap
    out.push({ t: times[i]!, dataUrl: `data:image/jpeg;base64,${(await fs.promises.readFile(file)).toString('base64')}` });
  }
  return out;
}

/** Peak of |sample| per bucket, 0–1, from raw f32le mono samples. */
export function peaksOf(samples: Float32Array, buckets: number): number[] {
  const peaks = new Array<number>(buckets).fill(0);
  if (samples.length === 0) return peaks;
  for (let i = 0; i < samples.length; i++) {
    const b = Math.min(buckets - 1, Math.floor((i * buckets) / samples.length));
    const v = Math.abs(samples[i]!);
    if (v > peaks[b]!) peaks[b] = Math.min(1, v);
  }
  return peaks.map((p) => Math.round(p * 1000) / 1000);
}

/** The peaks of audio stream `stream` (0 = the first audio stream) in `buckets` buckets. */
export async function waveform(inp: PreviewInput, stream: number, buckets: number): Promise<number[]> {
  await fs.promises.mkdir(inp.cacheDir, { recursive: true });
  const raw = path.join(inp.cacheDir, `audio-${stream}.f32`);
  if (!(await exists(raw))) {
    const part = partName(raw);
    const args = [
      ...globalArgs('ffmpeg'),
      '-v', 'error',
      ...inputArgs(inp.source),
      '-map', `0:a:${stream}`, '-vn', '-ac', '1', '-ar', String(PEAK_RATE), '-c:a', 'pcm_f32le', '-f', 'f32le', '-y',
      fileArg(part),
    ];
    assertInputsAreSafe(args);
    try {
      await runTool(inp.ffmpeg, args, { signal: inp.signal, timeoutMs: WAVE_TIMEOUT_MS });
      if (!(await exists(part))) throw new CustodianError('MEDIA_TOOL_FAILED', `No sound could be read from audio stream ${stream + 1} of this recording.`);
      await fs.promises.rename(part, raw);
    } catch (err) {
      await fs.promises.rm(part, { force: true });
      throw err;
    }
  }
  const buf = await fs.promises.readFile(raw);
  const samples = new Float32Array(buf.buffer, buf.byteOffset, Math.floor(buf.length / 4));
  return peaksOf(samples, buckets);
}
