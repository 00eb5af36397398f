import { CustodianError } from '../../../shared/errors';
import { runTool } from './ffmpegRunner';
import { locateFfmpeg } from './locateTools';
import { assertInputsAreSafe, assertSafeMediaPath, globalArgs, inputArgs } from './safeArgs';

/**
 * ffprobe reads a file's index (an MP4's `moov`), not its media data: a file whose index is
 * whole but whose samples are missing (cut while copying, a camera that wrote the index first
 * and then lost power) names its codecs and looks playable. This check decodes the first
 * moments of the first video and first audio stream and counts the frames that came out, so
 * such a file is reported unplayable with a reason a records custodian can read.
 *
 * `-f framecrc` writes one short line per decoded frame (a checksum, not the picture) to
 * stdout, which tells the frames of each stream apart; `-t` bounds the work to `seconds` of
 * media, so ingest stays quick whatever the recording's length.
 */

export interface DecodeCheckOptions {
  signal?: AbortSignal;
  /** Default 20 s. A file that takes longer to give up one second of media is reported not decodable. */
  timeoutMs?: number;
  /** Media to decode, default 1 second. */
  seconds?: number;
  /** Defaults to `locateFfmpeg()`. */
  ffmpegPath?: string;
}

export interface DecodeCheckResult {
  /** At least one video or audio frame decoded. */
  decoded: boolean;
  /** Frames decoded from the first video and first audio stream together. */
  frames: number;
  /** Set when nothing decoded: why, for the custodian. */
  reason?: string;
  commandLine: string;
}

const DEFAULT_TIMEOUT_MS = 20_000;

export const NOTHING_DECODED =
  'No picture or sound could be decoded from this file. Its index was read, but the video and audio data it points to is missing or damaged — ' +
  'the recording may have been cut short while it was being recorded or copied. The original is kept byte for byte.';

export async function checkDecodes(file: string, opts: DecodeCheckOptions = {}): Promise<DecodeCheckResult> {
  assertSafeMediaPath(file);
  const ffmpeg = opts.ffmpegPath ?? locateFfmpeg();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const seconds = opts.seconds ?? 1;
  const args = [
    ...globalArgs('ffmpeg'),
    '-v',
    'error',
    ...inputArgs(file),
    // The first video and the first audio stream, when there are any (`?`).
    '-map',
    '0:v:0?',
    '-map',
    '0:a:0?',
    '-t',
    seconds.toFixed(3),
    '-map_metadata',
    '-1',
    '-f',
    'framecrc',
    'pipe:1',
  ];
  assertInputsAreSafe(args);

  let stdout: string;
  let commandLine: string;
  try {
    ({ stdout, commandLine } = await runTool(ffmpeg, args, { signal: opts.signal, timeoutMs, collectStdout: true }));
  } catch (err) {
    if (!(err instanceof CustodianError)) throw err;
    const line = typeof err.details?.commandLine === 'string' ? err.details.commandLine : '';
    if (err.code === 'MEDIA_TOOL_FAILED') {
      // ffmpeg ends with an error when no frame at all could be written.
      return { decoded: false, frames: 0, reason: NOTHING_DECODED, commandLine: line };
    }
    if (err.code === 'MEDIA_TIMEOUT') {
      return {
        decoded: false,
        frames: 0,
        reason: `ffmpeg could not decode the first ${seconds === 1 ? 'second' : `${seconds} seconds`} of this file within ${secondsText(timeoutMs)} — it may be damaged or built to stall video tools. The original is kept byte for byte.`,
        commandLine: line,
      };
    }
    throw err;
  }
  const frames = countFrames(stdout);
  return frames > 0 ? { decoded: true, frames, commandLine } : { decoded: false, frames, reason: NOTHING_DECODED, commandLine };
}

function secondsText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

/** framecrc lines are `stream_index, dts, pts, duration, size, 0xcrc`, one per frame; `#` lines are headers. */
export function countFrames(framecrc: string): number {
  return framecrc.split('\n').filter((line) => /^\s*\d+,/.test(line)).length;
}
