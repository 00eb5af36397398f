import { runTool } from '../../media/ffmpegRunner';
import { assertInputsAreSafe, assertSafeMediaPath, globalArgs, inputArgs } from '../../media/safeArgs';
import { ffprobeFor } from '../../ingest/mediaTools';
import { objectPath } from '../../store/objectPaths';
import type { CoreContext } from '../../coreContext';

/**
 * Whether a recording starts with a pre-event buffer: picture before sound. Body-worn cameras
 * keep the seconds before the officer presses record as video without audio, so the file's
 * audio starts that much after its video. A gap under a second is codec priming (AAC starts a
 * few dozen milliseconds late), not a buffer.
 */
export const BUFFER_MIN_GAP_SEC = 1;

interface StreamStart {
  codec_type?: string;
  start_time?: string;
}

/** From ffprobe's stream list: the seconds between the first picture and the first sound, or null when there is no such gap. */
export function bufferGapOf(streams: readonly StreamStart[]): number | null {
  const start = (type: string): number | null => {
    const times = streams.filter((s) => s.codec_type === type).map((s) => Number(s.start_time)).filter((n) => Number.isFinite(n));
    return times.length ? Math.min(...times) : null;
  };
  const video = start('video');
  const audio = start('audio');
  if (video === null || audio === null) return null;
  const gap = audio - video;
  return gap >= BUFFER_MIN_GAP_SEC ? gap : null;
}

/** Probes one stored file; a file ffprobe cannot read is taken as having no buffer (the letter then says nothing about it). */
export async function fileHasPreEventBuffer(ffprobe: string, file: string): Promise<boolean> {
  assertSafeMediaPath(file);
  const args = [...globalArgs('ffprobe'), '-v', 'error', '-print_format', 'json', '-show_entries', 'stream=codec_type,start_time', ...inputArgs(file)];
  assertInputsAreSafe(args);
  try {
    const { stdout } = await runTool(ffprobe, args, { timeoutMs: 30_000, collectStdout: true });
    const streams = (JSON.parse(stdout) as { streams?: StreamStart[] }).streams ?? [];
    return bufferGapOf(streams) !== null;
  } catch {
    return false;
  }
}

/** The recordings (by SHA-256 of the stored original) among these that start with a pre-event buffer. */
export async function recordingsWithPreEventBuffer(core: CoreContext, recordings: readonly { itemId: string; sha256: string }[]): Promise<string[]> {
  if (recordings.length === 0) return [];
  let ffprobe: string;
  try {
    ffprobe = ffprobeFor(core);
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const r of recordings) {
    if (await fileHasPreEventBuffer(ffprobe, objectPath(core.paths.objects, r.sha256))) out.push(r.itemId);
  }
  return out;
}
