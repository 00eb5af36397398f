import { runTool } from '../media/ffmpegRunner';
import { assertInputsAreSafe, globalArgs, inputArgs } from '../media/safeArgs';
import type { LeakFailure } from './leakReport';

/**
 * The file half of the leak check, from ffprobe of the copy: only the planned streams (one
 * H.264 picture if the recording has one, and the kept audio streams as AAC), no chapters, no
 * tags but the MP4 brand fields and a track's language (a blank encoder name is allowed: ffmpeg
 * writes one unless it is set to a blank), no rotation, and a duration within DURATION_FRAMES
 * frames (plus one AAC frame) of the recording's.
 */

export const ALLOWED_FORMAT_TAGS = new Set(['major_brand', 'minor_version', 'compatible_brands']);
export const ALLOWED_STREAM_TAGS = new Set(['language', 'vendor_id']);
export const DURATION_FRAMES = 2;
const AAC_FRAME_SEC = 1024 / 44100;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

export interface ProbedCopy {
  width: number;
  height: number;
  fps: number;
  audio: { channels: number; sampleRate: number }[];
  durationSec: number | null;
}

export async function probeCopy(ffprobe: string, file: string, signal?: AbortSignal): Promise<Json> {
  const args = [...globalArgs('ffprobe'), '-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', ...inputArgs(file)];
  assertInputsAreSafe(args);
  const { stdout } = await runTool(ffprobe, args, { signal, collectStdout: true, timeoutMs: 60_000 });
  return obj(JSON.parse(stdout));
}

function rate(v: unknown): number {
  const m = /^(\d+)\/(\d+)$/.exec(String(v ?? ''));
  return m && Number(m[2]) > 0 ? Number(m[1]) / Number(m[2]) : 0;
}

function badTags(tags: Json, allowed: ReadonlySet<string>): string[] {
  return Object.entries(tags)
    .filter(([k, v]) => !allowed.has(k) && !(k === 'encoder' && String(v).trim() === ''))
    .map(([k]) => k);
}

export function checkContainer(
  probe: Json,
  expect: { video: boolean; audioStreams: number; sourceDurationSec: number | null },
  fail: (f: LeakFailure) => void,
): ProbedCopy {
  const streams = (Array.isArray(probe.streams) ? probe.streams : []).map(obj);
  const format = obj(probe.format);
  const video = streams.filter((s) => s.codec_type === 'video');
  const audio = streams.filter((s) => s.codec_type === 'audio');
  const other = streams.filter((s) => s.codec_type !== 'video' && s.codec_type !== 'audio');
  if (video.length !== (expect.video ? 1 : 0)) fail({ t: 0, scope: 'file', what: `The copy has ${video.length} video streams; the plan makes ${expect.video ? 1 : 0}.` });
  if (audio.length !== expect.audioStreams) fail({ t: 0, scope: 'file', what: `The copy has ${audio.length} audio streams; the plan keeps ${expect.audioStreams}.` });
  for (const s of other) fail({ t: 0, scope: 'file', what: `The copy holds a ${String(s.codec_type ?? 'unknown')} stream (subtitles, data and attachments are never kept).` });
  for (const s of video) if (s.codec_name !== 'h264') fail({ t: 0, scope: 'file', what: `The copy's video is ${String(s.codec_name)}, not a fresh H.264 encode.` });
  for (const s of audio) if (s.codec_name !== 'aac') fail({ t: 0, scope: 'file', what: `The copy's audio is ${String(s.codec_name)}, not a fresh AAC encode.` });
  const bad = badTags(obj(format.tags), ALLOWED_FORMAT_TAGS);
  if (bad.length > 0) fail({ t: 0, scope: 'file', what: `The copy carries file tags it must not: ${bad.join(', ')}.` });
  streams.forEach((s, i) => {
    const b = badTags(obj(s.tags), ALLOWED_STREAM_TAGS);
    if (b.length > 0) fail({ t: 0, scope: 'file', what: `Stream ${i + 1} of the copy carries tags it must not: ${b.join(', ')}.` });
    const sides = Array.isArray(s.side_data_list) ? s.side_data_list.map(obj) : [];
    if (sides.some((d) => d.side_data_type === 'Display Matrix' && Number(d.rotation ?? 0) !== 0)) fail({ t: 0, scope: 'file', what: `Stream ${i + 1} of the copy still asks players to rotate it.` });
  });
  const chapters = Array.isArray(probe.chapters) ? probe.chapters.length : 0;
  if (chapters > 0) fail({ t: 0, scope: 'file', what: `The copy has ${chapters} chapter marks; they are never kept.` });
  const v = video[0];
  const fps = v ? rate(v.avg_frame_rate) || rate(v.r_frame_rate) || 30 : 30;
  const durationSec = Number.isFinite(Number(format.duration)) ? Number(format.duration) : null;
  if (expect.sourceDurationSec !== null && expect.sourceDurationSec > 0) {
    const tolerance = DURATION_FRAMES / fps + AAC_FRAME_SEC;
    if (durationSec === null || Math.abs(durationSec - expect.sourceDurationSec) > tolerance) {
      fail({ t: 0, scope: 'file', what: `The copy lasts ${durationSec?.toFixed(3) ?? 'an unknown time'} s; the recording lasts ${expect.sourceDurationSec.toFixed(3)} s.` });
    }
  }
  return {
    width: Number(v?.width ?? 0),
    height: Number(v?.height ?? 0),
    fps,
    audio: audio.map((a) => ({ channels: Number(a.channels ?? 2), sampleRate: Number(a.sample_rate ?? 48000) })),
    durationSec,
  };
}
