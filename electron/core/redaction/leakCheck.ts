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

  const decodes: { ignoreEditlist: boolean; frames: number }[] = [];
  let framesChecked = 0;
  if (i.source.hasVideo && probed.width > 0 && probed.height > 0) {
    const base = { ffmpeg: i.ffmpeg, file: i.file, width: probed.width, height: probed.height, regions: i.plan.regions, fpsModeFlag: i.fpsModeFlag, signal: i.signal, fail };
    i.onProgress?.(0.1, 'Checking every frame…');
    const normal = await checkFrames({ ...base, ignoreEditlist: false, offset: () => 0 });
    i.onProgress?.(0.5, 'Checking every frame again, ignoring the edit list…');
    const raw = await checkFrames({ ...base, ignoreEditlist: true, offset: (first) => (normal.firstPts ?? first) - first });
    decodes.push({ ignoreEditlist: false, frames: normal.frames }, { ignoreEditlist: true, frames: raw.frames });
    framesChecked = normal.checked + raw.checked;
    if (raw.frames > normal.frames) {
      fail({ t: 0, scope: 'file', what: `${raw.frames - normal.frames} frames are in the file but hidden by its edit list; a player may still show them.` });
    }
    if (normal.frames === 0) fail({ t: 0, scope: 'file', what: 'No picture could be decoded from the copy.' });
  }

  i.onProgress?.(0.9, 'Checking the muted audio…');
  const audio: NonNullable<LeakReport['details']>['audio'] = [];
  for (const [out, src] of kept.entries()) {
    const a = probed.audio[out];
    if (!a) continue;
    const measured = await checkMutes({ ffmpeg: i.ffmpeg, file: i.file, outputIndex: out, channels: a.channels, sampleRate: a.sampleRate, ranges: i.plan.audio.filter((r) => r.stream === src), signal: i.signal, fail });
    for (const m of measured) audio.push({ stream: src, start: m.range.start, end: m.range.end, peakDb: Number.isFinite(m.peakDb) ? m.peakDb : -999 });
  }
  if (more > 0) failures.push({ t: 0, scope: 'file', what: `…and ${more} more problems.` });
  return {
    ok: failures.length === 0,
    framesChecked,
    failures,
    details: { decodes, audio, durationSec: probed.durationSec, sourceDurationSec: i.source.durationSec },
  };
}
