import path from 'node:path';
import { CustodianError } from '../../../shared/errors';

/**
 * Builders for ffmpeg/ffprobe argument arrays that keep file names out of option and
 * protocol position.
 *
 * ffmpeg reads every non-option word on its command line as a URL: a file called `-y`
 * would be an option, `concat:a|b` or `subfile,,start,…:` a protocol, and `http:…` a
 * network fetch. So every path is absolute and prefixed with `file:` (the file protocol
 * strips exactly that prefix and opens the rest verbatim), and every input is preceded by
 * `-protocol_whitelist file`, which also binds whatever the container itself references
 * (HLS playlists, MOV data references) to local files only.
 */

/**
 * Only the file protocol is needed to read inputs. `-progress pipe:1` is an output opened
 * outside the input's whitelist, so it does not need `pipe` here.
 */
export const INPUT_PROTOCOL_WHITELIST = 'file';

/**
 * Demuxers Custodian accepts for recordings (ffmpeg's own names). Playlist and list formats
 * are left out on purpose: an `ffconcat` or HLS text file named `.mp4` is detected by content
 * and would pull other local files (other evidence) into a probe or a proxy, and the 2017
 * HLS-in-AVI trick hid such a playlist inside a real container. ffmpeg copies this list to the
 * nested demuxers it opens, so it binds those too. MOV external data references are already
 * off by default in the mov demuxer (`enable_drefs=0`).
 */
export const INPUT_FORMAT_WHITELIST = [
  'mov,mp4,m4a,3gp,3g2,mj2',
  'matroska,webm',
  'avi',
  'mpegts',
  'mpeg',
  'asf',
  'mxf',
  'flv',
  'dv',
  'm4v',
  'h264',
  'hevc',
  'ogg',
  'wav',
  'w64',
  'mp3',
  'aac',
  'flac',
  'amr',
  'caf',
].join(',');

/**
 * The largest picture (width × height) a decoder may allocate for an input: 64 megapixels,
 * 8192 × 8192, well above any body-worn or dash camera (4K is 8.3 Mpx). A hostile file that
 * states a 65535 × 65535 frame would otherwise make the decoder try to allocate gigabytes per
 * frame. `-max_pixels` is an AVOption of the decoder context, so as an input option it binds
 * every decoder ffmpeg or ffprobe opens for that input; a larger frame fails to decode (and the
 * file is reported unplayable) instead of exhausting memory.
 */
export const INPUT_MAX_PIXELS = String(8192 * 8192);

/** Refuses anything but an absolute path to a file the app chose. */
export function assertSafeMediaPath(p: string): void {
  if (typeof p !== 'string' || p.length === 0) {
    throw new CustodianError('BAD_INPUT', 'No file was given for this media step.', { path: p });
  }
  if (p.includes('\0')) {
    throw new CustodianError('BAD_INPUT', 'The file location contains an invalid character.', {
      path: JSON.stringify(p),
    });
  }
  if (!path.isAbsolute(p)) {
    throw new CustodianError(
      'BAD_INPUT',
      'Custodian only hands the video tools complete file locations that it chose itself; this one was not.',
      { path: JSON.stringify(p), reason: 'relative path' },
    );
  }
  // On Windows `\foo` is "absolute" but drive-relative; require a drive or UNC root.
  if (process.platform === 'win32' && !/^(?:[a-zA-Z]:[\\/]|[\\/]{2}[^\\/])/.test(p)) {
    throw new CustodianError(
      'BAD_INPUT',
      'Custodian only hands the video tools complete file locations that it chose itself; this one was not.',
      { path: JSON.stringify(p), reason: 'no drive letter' },
    );
  }
}

/** The command-line word for a file, input or output: `file:` + absolute path. */
export function fileArg(p: string): string {
  assertSafeMediaPath(p);
  return `file:${p}`;
}

export type MediaTool = 'ffmpeg' | 'ffprobe';

/**
 * Options that go first on every command line. ffprobe has no `-nostdin` (it never reads the
 * terminal, and the runner gives it no stdin anyway); ffmpeg needs it or it may wait on a key.
 */
export function globalArgs(tool: MediaTool): string[] {
  return tool === 'ffmpeg' ? ['-hide_banner', '-nostdin'] : ['-hide_banner'];
}

/**
 * One input. `-max_pixels`, `-protocol_whitelist` and `-format_whitelist` are input options:
 * they apply only to the `-i` that follows, so they are repeated for each input.
 * `inputOptions` (e.g. `-ss`) go before them.
 */
export function inputArgs(p: string, inputOptions: readonly string[] = []): string[] {
  return [
    ...inputOptions,
    '-max_pixels',
    INPUT_MAX_PIXELS,
    '-format_whitelist',
    INPUT_FORMAT_WHITELIST,
    '-protocol_whitelist',
    INPUT_PROTOCOL_WHITELIST,
    '-i',
    fileArg(p),
  ];
}

/**
 * Checks a finished argument array: every `-i` must be a whitelisted, pixel-capped `file:`
 * input with an absolute path. The probe, the decode check and the derivatives call it before
 * spawning.
 */
export function assertInputsAreSafe(args: readonly string[]): void {
  args.forEach((arg, i) => {
    if (arg !== '-i') return;
    const next = args[i + 1];
    const ok =
      next !== undefined &&
      next.startsWith('file:') &&
      args[i - 2] === '-protocol_whitelist' &&
      args[i - 1] === INPUT_PROTOCOL_WHITELIST &&
      args[i - 4] === '-format_whitelist' &&
      args[i - 3] === INPUT_FORMAT_WHITELIST &&
      args[i - 6] === '-max_pixels' &&
      args[i - 5] === INPUT_MAX_PIXELS;
    if (!ok) {
      throw new CustodianError('INTERNAL', 'Custodian refused to start a video tool with an unsafe command.', {
        args: args.map((a) => JSON.stringify(a)).join(' '),
        at: i,
      });
    }
    assertSafeMediaPath(next.slice('file:'.length));
  });
}

/** A copy-pasteable rendering for logs and custody records; names with newlines stay on one line. */
export function formatCommandLine(binary: string, args: readonly string[]): string {
  return [binary, ...args].map(quoteForLog).join(' ');
}

function quoteForLog(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./\\-]+$/.test(word) ? word : JSON.stringify(word);
}
