import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CustodianError } from '../../../shared/errors';
import {
  INPUT_FORMAT_WHITELIST,
  INPUT_MAX_PIXELS,
  INPUT_PROTOCOL_WHITELIST,
  assertInputsAreSafe,
  assertSafeMediaPath,
  fileArg,
  formatCommandLine,
  globalArgs,
  inputArgs,
} from '../../../electron/core/media/safeArgs';

const root = path.resolve('/evidence-store');

/** Names a hostile submitter could choose; none may become an option or a protocol. */
const hostileNames = [
  '-i',
  '-y',
  '-f lavfi',
  '--',
  '-protocol_whitelist',
  'name\nwith newline.mp4',
  'concat:a.mp4|b.mp4',
  'file:x.mp4',
  'http:example.com',
  'pipe:0',
  'subfile,,start,0,end,0,,:x.mp4',
  "quote'\"$(touch pwned).mp4",
];

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CustodianError ? err.code : `not a CustodianError: ${String(err)}`;
  }
  return undefined;
}

describe('assertSafeMediaPath', () => {
  it.each(['', 'clip.mp4', './clip.mp4', '../clip.mp4', '-i', 'file:/abs/clip.mp4', 'concat:/a|/b', 'http://x/y.mp4'])(
    'refuses %j',
    (p) => {
      expect(codeOf(() => assertSafeMediaPath(p))).toBe('BAD_INPUT');
    },
  );
  it('refuses a NUL byte', () => {
    expect(codeOf(() => assertSafeMediaPath(path.join(root, 'a\0b.mp4')))).toBe('BAD_INPUT');
  });
  it('accepts absolute paths, whatever the name', () => {
    for (const name of hostileNames) expect(codeOf(() => assertSafeMediaPath(path.join(root, name)))).toBeUndefined();
  });
});

describe('fileArg and inputArgs', () => {
  it.each(hostileNames)('keeps %j a file input', (name) => {
    const p = path.join(root, name);
    expect(fileArg(p)).toBe(`file:${p}`);
    const args = inputArgs(p);
    expect(args).toEqual([
      '-max_pixels',
      INPUT_MAX_PIXELS,
      '-format_whitelist',
      INPUT_FORMAT_WHITELIST,
      '-protocol_whitelist',
      INPUT_PROTOCOL_WHITELIST,
      '-i',
      `file:${p}`,
    ]);
    expect(() => assertInputsAreSafe([...globalArgs('ffmpeg'), ...args, '-f', 'null', '-'])).not.toThrow();
  });

  it('puts input options before the whitelists so they stay attached to this input', () => {
    const p = path.join(root, 'a.mp4');
    expect(inputArgs(p, ['-ss', '1.000'])).toEqual([
      '-ss',
      '1.000',
      '-max_pixels',
      '67108864',
      '-format_whitelist',
      INPUT_FORMAT_WHITELIST,
      '-protocol_whitelist',
      'file',
      '-i',
      `file:${p}`,
    ]);
  });

  it('caps decoded pictures at 64 megapixels (8192 × 8192), above any camera, far below a hostile 65535 × 65535', () => {
    expect(INPUT_MAX_PIXELS).toBe('67108864');
    expect(Number(INPUT_MAX_PIXELS)).toBeGreaterThanOrEqual(3840 * 2160);
    expect(Number(INPUT_MAX_PIXELS)).toBeLessThan(65535 * 65535);
  });

  it('whitelists only the file protocol and no list or playlist demuxers', () => {
    expect(INPUT_PROTOCOL_WHITELIST).toBe('file');
    const formats = INPUT_FORMAT_WHITELIST.split(',');
    for (const banned of ['concat', 'hls', 'dash', 'ffmetadata', 'lavfi', 'image2', 'sdp', 'rtsp', 'tee']) {
      expect(formats).not.toContain(banned);
    }
  });
});

describe('globalArgs', () => {
  it('gives ffmpeg -nostdin, and ffprobe (which has no such option) only -hide_banner', () => {
    expect(globalArgs('ffmpeg')).toEqual(['-hide_banner', '-nostdin']);
    expect(globalArgs('ffprobe')).toEqual(['-hide_banner']);
  });
});

describe('assertInputsAreSafe', () => {
  const p = path.join(root, 'a.mp4');
  it.each([
    ['bare path', ['-i', p]],
    ['no whitelist', ['-i', `file:${p}`]],
    ['protocol whitelist only', ['-protocol_whitelist', 'file', '-i', `file:${p}`]],
    ['wider protocol whitelist', ['-max_pixels', INPUT_MAX_PIXELS, '-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file,http', '-i', `file:${p}`]],
    ['relative file url', ['-max_pixels', INPUT_MAX_PIXELS, '-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file', '-i', 'file:a.mp4']],
    ['trailing -i', ['-max_pixels', INPUT_MAX_PIXELS, '-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file', '-i']],
    ['no pixel cap', ['-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file', '-i', `file:${p}`]],
    ['another pixel cap', ['-max_pixels', '2147483647', '-format_whitelist', INPUT_FORMAT_WHITELIST, '-protocol_whitelist', 'file', '-i', `file:${p}`]],
  ])('refuses %s', (_name, args) => {
    expect(codeOf(() => assertInputsAreSafe(args))).toMatch(/^(INTERNAL|BAD_INPUT)$/);
  });
  it('checks every input, not only the first', () => {
    const q = path.join(root, 'b.mp4');
    expect(codeOf(() => assertInputsAreSafe([...inputArgs(p), ...inputArgs(q)]))).toBeUndefined();
    expect(codeOf(() => assertInputsAreSafe([...inputArgs(p), '-i', `file:${q}`]))).toBe('INTERNAL');
  });
});

describe('formatCommandLine', () => {
  it('quotes words so a newline in a name cannot forge a log line', () => {
    const line = formatCommandLine('/usr/bin/ffprobe', ['-i', 'file:/s/a\nb.mp4', 'plain']);
    expect(line).toBe('/usr/bin/ffprobe -i "file:/s/a\\nb.mp4" plain');
    expect(line).not.toContain('\n');
  });
});
