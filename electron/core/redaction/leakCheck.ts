import os from 'node:os';
import type { RedactionPlan } from '../../../shared/domain/redactionPlan';
import { checkMutes } from './leakAudio';
import { checkContainer, probeCopy } from './leakContainer';
import { checkFrames } from './leakFrames';
import { MAX_LISTED_FAILURES, type LeakFailure, type LeakReport } from './leakReport';

/**
 * The leak check of a rendered copy, independent of the compiler (it reads the plan and the copy,
 * never the compiler's output): ffprobe of the file (streams, tags, chapters, rotation,
 * duration), every frame decoded twice (as players show it, and ignoring the MP4 edit list so
 * frames hidden by it are seen too), and every muted range of every kept audio stream.
 * Thresholds are in leakFrames.ts, leakAudio.ts and leakContainer.ts and in
 * docs/redaction-plan.md.
 */

export interface LeakCheckInput {
  ffmpeg: string;
  ffprobe: string;
  /** `-fps_mode` from ffmpeg 5.1, `-vsync` before. */
  fpsModeFlag: '-fps_mode' | '-vsync';
  file: string;
  plan: RedactionPlan;
  source: { hasVideo: boolean; audioStreams: number; durationSec: number | null };
  signal?: AbortSignal;
  onProgress?: (fraction: number, message: string) => void;
}

export async function leakCheck(i: LeakCheckInput): Promise<LeakReport> {
  const failures: LeakFailure[] = [];
  let more = 0;
  const fail = (f: LeakFailure) => {
    if (failures.length < MAX_LISTED_FAILURES) failures.push(f);
    else more++;
  };
  const dropped = new Set(i.plan.dropAudioStreams.map((d) => d.stream));
  const kept = Array.from({ length: i.source.audioStreams }, (_, n) => n).filter((n) => !dropped.has(n));
  i.onProgress?.(0, 'Checking the copy’s streams and tags…');
  const probed = checkContainer(await probeCopy(i.ffprobe, i.file, i.signal), { video: i.source.hasVideo, audioStreams: kept.length, sourceDurationSec: i.source.durationSec }, fail);

  // The two picture decodes and the muted-audio check run at once (an ffmpeg each, on the two
  // cores); the second decode is aligned to the first's first frame, so it starts as soon as that
  // frame is decoded. If one fails or the check is cancelled, the others are stopped and waited for.
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  i.signal?.addEventListener('abort', onAbort, { once: true });
  const runs: Promise<unknown>[] = [];
  const decodes: { ignoreEditlist: boolean; frames: number }[] = [];
  let framesChecked = 0;
  const audio: NonNullable<LeakReport['details']>['audio'] = [];
  try {
    const audioRun = (async () => {
      for (const [out, src] of kept.entries()) {
        const a = probed.audio[out];
        if (!a) continue;
        const measured = await checkMutes({ ffmpeg: i.ffmpeg, file: i.file, outputIndex: out, channels: a.channels, sampleRate: a.sampleRate, ranges: i.plan.audio.filter((r) => r.stream === src), signal: stop.signal, fail });
        for (const m of measured) audio.push({ stream: src, start: m.range.start, end: m.range.end, peakDb: Number.isFinite(m.peakDb) ? m.peakDb : -999 });
      }
    })();
    // A failed audio check stops the decodes at once (and is thrown below, where it is awaited).
    audioRun.catch(() => stop.abort());
    runs.push(audioRun);
    if (i.source.hasVideo && probed.width > 0 && probed.height > 0) {
      // Half the cores each (one on two cores: measured a little faster than both frame-threading).
      const decoderThreads = Math.max(1, Math.floor(os.availableParallelism() / 2));
      const base = { ffmpeg: i.ffmpeg, file: i.file, width: probed.width, height: probed.height, regions: i.plan.regions, fpsModeFlag: i.fpsModeFlag, signal: stop.signal, fail, decoderThreads };
      i.onProgress?.(0.1, 'Checking every frame, as players show it and ignoring the edit list, and the muted audio…');
      let firstPts: (pts: number | null) => void = () => undefined;
      const knownFirst = new Promise<number | null>((resolve) => (firstPts = resolve));
      const normalRun = checkFrames({ ...base, ignoreEditlist: false, offset: () => 0, onFirstPts: (pts) => firstPts(pts) });
      normalRun.catch(() => firstPts(null));
      const rawRun = knownFirst.then((first0) => checkFrames({ ...base, ignoreEditlist: true, offset: (first) => (first0 ?? first) - first }));
      runs.push(normalRun, rawRun);
      const [normal, raw] = await Promise.all([normalRun, rawRun]);
      decodes.push({ ignoreEditlist: false, frames: normal.frames }, { ignoreEditlist: true, frames: raw.frames });
      framesChecked = normal.checked + raw.checked;
      if (raw.frames > normal.frames) {
        fail({ t: 0, scope: 'file', what: `${raw.frames - normal.frames} frames are in the file but hidden by its edit list; a player may still show them.` });
      }
      if (normal.frames === 0) fail({ t: 0, scope: 'file', what: 'No picture could be decoded from the copy.' });
    } else {
      i.onProgress?.(0.1, 'Checking the muted audio…');
    }
    await audioRun;
  } catch (err) {
    stop.abort();
    await Promise.allSettled(runs);
    throw err;
  } finally {
    i.signal?.removeEventListener('abort', onAbort);
  }

  if (more > 0) failures.push({ t: 0, scope: 'file', what: `…and ${more} more problems.` });
  return {
    ok: failures.length === 0,
    framesChecked,
    failures,
    details: { decodes, audio, durationSec: probed.durationSec, sourceDurationSec: i.source.durationSec },
  };
}
