/**
 * Pure mapping from ffprobe's JSON (and its error text) to what Custodian records about a
 * media file. No I/O, so it can be tested with captured ffprobe output.
 */

export type StreamType = 'video' | 'audio' | 'subtitle' | 'data' | 'attachment' | 'other';

export interface ProbeStream {
  index: number;
  type: StreamType;
  codec?: string;
  width?: number;
  height?: number;
  /** Average frames per second. */
  frameRate?: number;
  /**
   * Video only: degrees clockwise (0, 90, 180, 270) a player turns the stored picture to show
   * it upright — what ffmpeg's autorotate applies. Redaction regions are drawn after it.
   */
  rotation?: number;
  channels?: number;
  sampleRate?: number;
  /** Cover art: a picture stored as a video stream. It leaks like metadata. */
  attachedPicture?: boolean;
}

export interface ProbeResult {
  playable: boolean;
  unplayableReason?: string;
  /** 'mp4', 'mov', 'webm', 'matroska', or the first name of ffprobe's format (e.g. 'avi'). */
  container?: string;
  durationSec?: number;
  /** As the file states it; cameras often write local time without a zone, or nothing. */
  creationTime?: string;
  streams: ProbeStream[];
  /** Chromium can play the file directly, so no proxy is needed to view it. */
  browserPlayable: boolean;
}

type Json = Record<string, unknown>;

function asObject(v: unknown): Json | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
}

function asString(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** ffprobe prints most numbers as strings ("1.000000") and some as numbers. */
function asNumber(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function asPositiveInt(v: unknown): number | undefined {
  const n = asNumber(v);
  return n !== undefined && Number.isInteger(n) && n > 0 ? n : undefined;
}

function parseRate(v: unknown): number | undefined {
  const s = asString(v);
  if (!s) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(s);
  if (!m) return asNumber(s);
  const num = Number(m[1]);
  const den = Number(m[2]);
  if (den === 0 || num === 0) return undefined;
  return Math.round((num / den) * 1000) / 1000;
}

function normaliseDegrees(deg: number): number {
  const d = Math.round(((deg % 360) + 360) % 360);
  return d === 360 ? 0 : d;
}

/**
 * ffprobe reports a display matrix's angle counter-clockwise (av_display_rotation_get); the
 * old `rotate` tag is clockwise. Both become clockwise degrees here.
 */
function rotationOf(stream: Json): number {
  const sideData = Array.isArray(stream.side_data_list) ? stream.side_data_list : [];
  for (const entry of sideData) {
    const sd = asObject(entry);
    if (sd && asString(sd.side_data_type) === 'Display Matrix') {
      const ccw = asNumber(sd.rotation);
      if (ccw !== undefined) return normaliseDegrees(-ccw);
    }
  }
  const tag = asNumber(asObject(stream.tags)?.rotate);
  return tag !== undefined ? normaliseDegrees(tag) : 0;
}

function streamType(codecType: string | undefined): StreamType {
  switch (codecType) {
    case 'video':
    case 'audio':
    case 'subtitle':
    case 'data':
    case 'attachment':
      return codecType;
    default:
      return 'other';
  }
}

interface RawStream {
  stream: ProbeStream;
  pixFmt?: string;
}

function toStream(raw: Json, position: number): RawStream {
  const type = streamType(asString(raw.codec_type));
  const stream: ProbeStream = { index: asNumber(raw.index) ?? position, type };
  const codec = asString(raw.codec_name);
  if (codec) stream.codec = codec;
  if (type === 'video') {
    const width = asPositiveInt(raw.width);
    const height = asPositiveInt(raw.height);
    if (width) stream.width = width;
    if (height) stream.height = height;
    const rate = parseRate(raw.avg_frame_rate) ?? parseRate(raw.r_frame_rate);
    if (rate) stream.frameRate = rate;
    stream.rotation = rotationOf(raw);
    if (asNumber(asObject(raw.disposition)?.attached_pic) === 1) stream.attachedPicture = true;
  } else if (type === 'audio') {
    const channels = asPositiveInt(raw.channels);
    const sampleRate = asPositiveInt(raw.sample_rate);
    if (channels) stream.channels = channels;
    if (sampleRate) stream.sampleRate = sampleRate;
  }
  return { stream, pixFmt: asString(raw.pix_fmt) };
}

const WEBM_VIDEO = new Set(['vp8', 'vp9', 'av1']);
const WEBM_AUDIO = new Set(['opus', 'vorbis']);

function containerOf(format: Json | undefined, streams: ProbeStream[]): string | undefined {
  const formatName = asString(format?.format_name);
  if (!formatName) return undefined;
  const names = formatName.split(',');
  if (names.includes('mp4') || names.includes('mov')) {
    const brand = asString(asObject(format?.tags)?.major_brand)?.trim();
    // QuickTime files carry the 'qt' brand; very old ones have no ftyp box at all.
    return brand === undefined || brand === 'qt' ? 'mov' : 'mp4';
  }
  if (names.includes('matroska') || names.includes('webm')) {
    // ffprobe names the demuxer, not the DocType; WebM is Matroska restricted to these codecs.
    const webm = streams.every((s) =>
      s.type === 'video' ? WEBM_VIDEO.has(s.codec ?? '') : s.type === 'audio' ? WEBM_AUDIO.has(s.codec ?? '') : false,
    );
    return webm && streams.length > 0 ? 'webm' : 'matroska';
  }
  return names[0];
}

const BROWSER_CONTAINERS = new Set(['mp4', 'mov', 'webm']);
const BROWSER_VIDEO = new Set(['h264', 'vp8', 'vp9', 'av1']);
const BROWSER_AUDIO = new Set(['aac', 'opus', 'mp3']);
/** Chromium decodes 8-bit 4:2:0 H.264 only (no High 10, no 4:2:2/4:4:4). */
const BROWSER_H264_PIXFMT = new Set(['yuv420p', 'yuvj420p']);

function isBrowserPlayable(container: string | undefined, raws: RawStream[]): boolean {
  if (!container || !BROWSER_CONTAINERS.has(container)) return false;
  const video = raws.filter((r) => r.stream.type === 'video' && !r.stream.attachedPicture);
  const audio = raws.filter((r) => r.stream.type === 'audio');
  if (video.length === 0 && audio.length === 0) return false;
  const main = video[0];
  if (main) {
    if (!BROWSER_VIDEO.has(main.stream.codec ?? '')) return false;
    if (main.stream.codec === 'h264' && main.pixFmt !== undefined && !BROWSER_H264_PIXFMT.has(main.pixFmt)) {
      return false;
    }
  }
  return audio.every((a) => BROWSER_AUDIO.has(a.stream.codec ?? ''));
}

function durationOf(format: Json | undefined, rawStreams: Json[]): number | undefined {
  const fromFormat = asNumber(format?.duration);
  if (fromFormat !== undefined && fromFormat >= 0) return fromFormat;
  const fromStreams = rawStreams.map((s) => asNumber(s.duration)).filter((d): d is number => d !== undefined && d >= 0);
  return fromStreams.length > 0 ? Math.max(...fromStreams) : undefined;
}

function creationTimeOf(format: Json | undefined, rawStreams: Json[]): string | undefined {
  const fromFormat = asString(asObject(format?.tags)?.creation_time);
  if (fromFormat) return fromFormat;
  for (const s of rawStreams) {
    const t = asString(asObject(s.tags)?.creation_time);
    if (t) return t;
  }
  return undefined;
}

export function toProbeResult(json: unknown): ProbeResult {
  const root = asObject(json) ?? {};
  const format = asObject(root.format);
  const rawStreams = (Array.isArray(root.streams) ? root.streams : []).map(asObject).filter((s): s is Json => !!s);
  const raws = rawStreams.map(toStream);
  const streams = raws.map((r) => r.stream);

  const result: ProbeResult = { playable: false, streams, browserPlayable: false };
  const container = containerOf(format, streams);
  if (container) result.container = container;
  const durationSec = durationOf(format, rawStreams);
  if (durationSec !== undefined) result.durationSec = durationSec;
  const creationTime = creationTimeOf(format, rawStreams);
  if (creationTime) result.creationTime = creationTime;

  const media = streams.filter((s) => (s.type === 'video' && !s.attachedPicture) || s.type === 'audio');
  if (media.length === 0) {
    result.unplayableReason =
      streams.length === 0
        ? 'ffprobe found no video or audio in this file.'
        : 'This file holds no video or audio, only other kinds of data (such as subtitles, pictures or sensor data).';
    return result;
  }
  if (media.every((s) => s.codec === undefined)) {
    result.unplayableReason =
      'The video or audio in this file is in a format that Custodian’s copy of ffmpeg does not recognise.';
    return result;
  }
  result.playable = true;
  result.browserPlayable = isBrowserPlayable(container, raws);
  return result;
}

const PREFIX = 'ffprobe could not read this file: ';

/**
 * A reason for the records custodian, from ffprobe's error output. The file's own name is
 * removed: it was already shown elsewhere, and a hostile name must not write the message.
 */
export function describeFfprobeFailure(stderrTail: string, file: string): string {
  const text = stderrTail.split(`file:${file}`).join('the file').split(file).join('the file');
  if (/moov atom not found/i.test(text)) {
    return `${PREFIX}moov atom not found — the recording may be truncated (camera stopped before finishing the file).`;
  }
  const format = /\[([\w,]+) @ [^\]]*\]\s*Format not on whitelist/i.exec(text);
  if (format || /Format not on whitelist/i.test(text)) {
    const kind = format?.[1] ? `a "${format[1]}" file` : 'in a format';
    return `${PREFIX}it is ${kind}, which Custodian does not accept as a recording (lists and playlists that point to other files are refused).`;
  }
  if (/not on whitelist|protocol not found/i.test(text)) {
    return `${PREFIX}it refers to other files or network addresses, which Custodian never follows.`;
  }
  if (/EBML header parsing failed/i.test(text)) {
    return `${PREFIX}the start of this MKV file is damaged.`;
  }
  if (/Permission denied/i.test(text)) {
    return `${PREFIX}Custodian is not allowed to open it (permission denied).`;
  }
  if (/Invalid data found when processing input/i.test(text)) {
    return `${PREFIX}it is not in a video or audio format ffprobe recognises — it may be damaged, encrypted, or not a recording.`;
  }
  const last = text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\[[^\]]*@ ?(?:0x)?[0-9a-f]+\]\s*/i, '').trim())
    .filter((l) => l !== '')
    .pop();
  const cleaned = [...(last ?? 'no explanation was given')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch))
    .join('')
    .slice(0, 200);
  return `${PREFIX}${cleaned}.`;
}
