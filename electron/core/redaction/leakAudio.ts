import type { AudioRange } from '../../../shared/domain/redactionPlan';
import { runTool } from '../media/ffmpegRunner';
import { assertInputsAreSafe, globalArgs, inputArgs } from '../media/safeArgs';
import type { LeakFailure } from './leakReport';

/**
 * The sound half of the leak check: one audio stream of the copy decoded to 32-bit float and
 * streamed here; the peak of every muted range (shrunk by EDGE_MARGIN_SEC at each end) must be
 * below MUTE_MAX_DBFS on every channel. Memory stays flat: only one peak per range is kept.
 */

export const MUTE_MAX_DBFS = -60;
export const EDGE_MARGIN_SEC = 0.005;

export interface AudioMeasure {
  range: AudioRange;
  peakDb: number;
}

export const toDb = (peak: number) => (peak > 0 ? Math.round(20 * Math.log10(peak) * 10) / 10 : -Infinity);

export async function checkMutes(o: {
  ffmpeg: string;
  file: string;
  /** `0:a:N` in the copy. */
  outputIndex: number;
  channels: number;
  sampleRate: number;
  ranges: readonly AudioRange[];
  signal?: AbortSignal;
  fail(f: LeakFailure): void;
}): Promise<AudioMeasure[]> {
  const mutes = o.ranges.filter((r) => r.mode === 'mute');
  if (mutes.length === 0) return [];
  const windows = mutes.map((r) => ({ r, from: Math.round((r.start + EDGE_MARGIN_SEC) * o.sampleRate), to: Math.round((r.end - EDGE_MARGIN_SEC) * o.sampleRate), peak: 0, peakAt: 0, samples: 0 })).filter((w) => w.to > w.from);
  if (windows.length === 0) return [];
  const lastSample = Math.max(...windows.map((w) => w.to));
  const frameBytes = 4 * Math.max(1, o.channels);
  let carry = Buffer.alloc(0);
  let sample = 0;
  const args = [...globalArgs('ffmpeg'), '-loglevel', 'error', ...inputArgs(o.file), '-map', `0:a:${o.outputIndex}`, '-c:a', 'pcm_f32le', '-f', 'f32le', 'pipe:1'];
  assertInputsAreSafe(args);
  await runTool(o.ffmpeg, args, {
    signal: o.signal,
    onStdout: (chunk) => {
      if (sample > lastSample) return;
      const buf = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
      const whole = buf.length - (buf.length % frameBytes);
      for (let off = 0; off < whole; off += frameBytes, sample++) {
        for (const w of windows) {
          if (sample < w.from || sample >= w.to) continue;
          w.samples++;
          for (let c = 0; c < frameBytes; c += 4) {
            const v = Math.abs(buf.readFloatLE(off + c));
            if (v > w.peak || Number.isNaN(v)) {
              w.peak = Number.isNaN(v) ? 1 : v;
              w.peakAt = sample;
            }
          }
        }
      }
      carry = Buffer.from(buf.subarray(whole));
    },
  });
  return windows.map((w) => {
    const peakDb = toDb(w.peak);
    if (w.samples === 0) o.fail({ t: w.r.start, scope: 'audio', what: `Audio stream ${o.outputIndex + 1}: the muted range ${w.r.start.toFixed(3)}–${w.r.end.toFixed(3)} s is not in the copy.` });
    else if (peakDb >= MUTE_MAX_DBFS) o.fail({ t: Math.round((w.peakAt / o.sampleRate) * 1000) / 1000, scope: 'audio', what: `Audio stream ${o.outputIndex + 1}: the muted range ${w.r.start.toFixed(3)}–${w.r.end.toFixed(3)} s still peaks at ${peakDb.toFixed(1)} dBFS (must be below ${MUTE_MAX_DBFS}).` });
    return { range: w.r, peakDb };
  });
}
