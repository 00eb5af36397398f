import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodianError } from '../../../shared/errors';
import { probeMedia } from '../../../electron/core/media/probe';
import { makeClip, makeRandomBytes, makeTempDir, makeTruncated } from '../../fixtures/makeClips';

let dir: string;
let h264Mp4: string;

beforeAll(async () => {
  dir = await makeTempDir();
  h264Mp4 = await makeClip(dir, 'h264.mp4', {
    seconds: 1,
    metadata: { creation_time: '2024-03-01T10:00:00.000000Z', title: 'Officer 123' },
  });
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (err) {
    return err instanceof CustodianError ? err.code : `not a CustodianError: ${String(err)}`;
  }
  return undefined;
}

describe('probeMedia on generated clips', () => {
  it('reads an H.264/AAC MP4', async () => {
    const r = await probeMedia(h264Mp4);
    expect(r).toMatchObject({ playable: true, browserPlayable: true, container: 'mp4' });
    expect(r.unplayableReason).toBeUndefined();
    expect(r.durationSec).toBeCloseTo(1, 1);
    expect(r.creationTime).toMatch(/^2024-03-01T10:00:00/);
    expect(r.streams).toEqual([
      { index: 0, type: 'video', codec: 'h264', width: 160, height: 120, frameRate: 15, rotation: 0 },
      { index: 1, type: 'audio', codec: 'aac', channels: 1, sampleRate: 16000 },
    ]);
  });

  it('reads HEVC in Matroska as playable but not by the browser', async () => {
    const p = await makeClip(dir, 'hevc.mkv', { codec: 'hevc', container: 'mkv' });
    const r = await probeMedia(p);
    expect(r).toMatchObject({ playable: true, browserPlayable: false, container: 'matroska' });
    expect(r.streams[0]).toMatchObject({ type: 'video', codec: 'hevc', width: 160, height: 120 });
  });

  it('reads MPEG-4 Part 2 in AVI', async () => {
    const r = await probeMedia(await makeClip(dir, 'old.avi', { codec: 'mpeg4', container: 'avi' }));
    expect(r).toMatchObject({ playable: true, browserPlayable: false, container: 'avi' });
    expect(r.streams.map((s) => s.codec)).toEqual(['mpeg4', 'pcm_s16le']);
  });

  it.each([90, 180, 270] as const)('reports a %i° display rotation, clockwise', async (rotation) => {
    const p = await makeClip(dir, `rot${rotation}.mp4`, { rotation });
    const r = await probeMedia(p);
    expect(r.playable).toBe(true);
    expect(r.streams[0]).toMatchObject({ type: 'video', width: 160, height: 120, rotation });
  });

  it('reads an audio-only file', async () => {
    const r = await probeMedia(await makeClip(dir, 'audio.m4a', { video: false, seconds: 1 }));
    expect(r).toMatchObject({ playable: true, container: 'mp4' });
    expect(r.streams).toEqual([{ index: 0, type: 'audio', codec: 'aac', channels: 1, sampleRate: 16000 }]);
  });

  it('lists every audio stream', async () => {
    const r = await probeMedia(await makeClip(dir, 'two-audio.mov', { container: 'mov', audioStreams: 2 }));
    expect(r.container).toBe('mov');
    expect(r.streams.map((s) => s.type)).toEqual(['video', 'audio', 'audio']);
  });

  it('marks a truncated camera file unplayable and says why', async () => {
    const p = await makeTruncated(dir, 'truncated.mp4');
    const before = await fs.promises.readFile(p);
    const r = await probeMedia(p);
    expect(r).toMatchObject({ playable: false, browserPlayable: false, streams: [] });
    expect(r.unplayableReason).toBe(
      'ffprobe could not read this file: moov atom not found — the recording may be truncated (camera stopped before finishing the file).',
    );
    expect((await fs.promises.readFile(p)).equals(before)).toBe(true);
  });

  it('marks random bytes unplayable', async () => {
    const r = await probeMedia(await makeRandomBytes(dir, 'noise.mp4', 64 * 1024));
    expect(r.playable).toBe(false);
    expect(r.unplayableReason).toMatch(/^ffprobe could not read this file: /);
  });

  it('marks an empty file unplayable', async () => {
    const p = path.join(dir, 'empty.mp4');
    await fs.promises.writeFile(p, '');
    expect((await probeMedia(p)).playable).toBe(false);
  });

  it('throws for a missing file, a folder or a relative path, not for bad media', async () => {
    expect(await codeOf(probeMedia(path.join(dir, 'does-not-exist.mp4')))).toBe('NOT_FOUND');
    expect(await codeOf(probeMedia(dir))).toBe('NOT_REGULAR_FILE');
    expect(await codeOf(probeMedia('h264.mp4'))).toBe('BAD_INPUT');
  });

  it('throws MEDIA_TOOL_MISSING when ffprobe cannot be started', async () => {
    expect(await codeOf(probeMedia(h264Mp4, { ffprobePath: path.join(dir, 'no-ffprobe') }))).toBe('MEDIA_TOOL_MISSING');
  });

  it('reports a probe that runs out of time as unplayable, not as an error', async () => {
    const r = await probeMedia(h264Mp4, { timeoutMs: 1 });
    expect(r.playable).toBe(false);
    expect(r.unplayableReason).toMatch(/could not finish examining this file within 1 second —/);
  });

  it('throws CANCELLED when cancelled', async () => {
    const ac = new AbortController();
    ac.abort();
    expect(await codeOf(probeMedia(h264Mp4, { signal: ac.signal }))).toBe('CANCELLED');
  });
});

describe('probeMedia on files that try to reach other files', () => {
  it('refuses an ffconcat list disguised as .mp4 (it would read a sibling file)', async () => {
    await fs.promises.copyFile(h264Mp4, path.join(dir, 'sibling.mp4'));
    const p = path.join(dir, 'list.mp4');
    await fs.promises.writeFile(p, 'ffconcat version 1.0\nfile sibling.mp4\n');
    const r = await probeMedia(p);
    expect(r.playable).toBe(false);
    expect(r.unplayableReason).toMatch(/"concat" file, which Custodian does not accept/);
  });

  it('refuses an HLS playlist disguised as .mp4', async () => {
    const p = path.join(dir, 'playlist.mp4');
    await fs.promises.writeFile(
      p,
      '#EXTM3U\n#EXT-X-TARGETDURATION:1\n#EXTINF:1,\nsibling.mp4\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n#EXT-X-ENDLIST\n',
    );
    const r = await probeMedia(p);
    expect(r.playable).toBe(false);
    expect(r.unplayableReason).toMatch(/does not accept as a recording/);
  });
});

/**
 * Names that would be options or protocols if they ever reached ffmpeg as typed. Each file is
 * a real copy of the clip; a correct probe proves the name was read as a plain local file.
 */
const hostileNames = [
  '-i',
  '-y.mp4',
  '-f lavfi',
  '--',
  '-protocol_whitelist',
  'name\nwith newline.mp4',
  'crlf\r\nname.mp4',
  'concat:a.mp4|b.mp4',
  'file:x.mp4',
  'file:',
  'http:example.com',
  'pipe:0',
  'subfile,,start,0,end,0,,:x.mp4',
  "quote'\"$(touch pwned)`touch pwned2`.mp4",
  ' leading space.mp4',
  'ünïcødé 録画.mp4',
];

describe.skipIf(process.platform === 'win32')('hostile file names stay file names', () => {
  let hostileDir: string;
  beforeAll(async () => {
    hostileDir = path.join(dir, 'hostile');
    await fs.promises.mkdir(hostileDir);
  });

  it.each(hostileNames)('probes %j as the clip it is', async (name) => {
    const p = path.join(hostileDir, name);
    await fs.promises.copyFile(h264Mp4, p);
    const r = await probeMedia(p);
    expect(r.playable).toBe(true);
    expect(r.streams[0]).toMatchObject({ type: 'video', codec: 'h264', width: 160, height: 120 });
    expect(r.durationSec).toBeCloseTo(1, 1);
  });

  it('ran no shell', async () => {
    const names = await fs.promises.readdir(hostileDir);
    expect(names).not.toContain('pwned');
    expect(names).not.toContain('pwned2');
    expect(fs.existsSync(path.join(process.cwd(), 'pwned'))).toBe(false);
  });
});
