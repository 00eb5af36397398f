import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodianError } from '../../../shared/errors';
import { makeProxy, makeThumbnail } from '../../../electron/core/media/derivatives';
import { runTool } from '../../../electron/core/media/ffmpegRunner';
import { locateFfprobe } from '../../../electron/core/media/locateTools';
import { probeMedia } from '../../../electron/core/media/probe';
import type { MediaProgress } from '../../../electron/core/media/progressParser';
import { makeClip, makeRandomBytes, makeTempDir } from '../../fixtures/makeClips';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir();
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<CustodianError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CustodianError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

/** Container and stream tags, straight from ffprobe, to check what a derivative leaks. */
async function rawTags(file: string): Promise<{ format: Record<string, string>; streams: Array<Record<string, string>> }> {
  const { stdout } = await runTool(
    locateFfprobe(),
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', `file:${file}`],
    { collectStdout: true },
  );
  const json = JSON.parse(stdout) as { format?: { tags?: Record<string, string> }; streams?: Array<{ tags?: Record<string, string> }> };
  return { format: json.format?.tags ?? {}, streams: (json.streams ?? []).map((s) => s.tags ?? {}) };
}

async function leftovers(folder: string): Promise<string[]> {
  return (await fs.promises.readdir(folder)).filter((n) => n.endsWith('.part'));
}

describe('makeProxy', () => {
  it('turns HEVC/MKV into a browser-playable H.264/AAC MP4 and reports progress', async () => {
    const src = await makeClip(dir, 'hevc.mkv', {
      codec: 'hevc',
      container: 'mkv',
      seconds: 2,
      metadata: { title: 'Officer 123', comment: 'secret' },
    });
    const out = path.join(dir, 'hevc.proxy.mp4');
    const events: MediaProgress[] = [];
    const result = await makeProxy(src, out, { durationSec: 2, onProgress: (p) => events.push(p) });

    expect(result.outPath).toBe(out);
    expect(result.commandLine).toContain('libx264');
    const r = await probeMedia(out);
    expect(r).toMatchObject({ playable: true, browserPlayable: true, container: 'mp4' });
    expect(r.streams.map((s) => [s.type, s.codec])).toEqual([
      ['video', 'h264'],
      ['audio', 'aac'],
    ]);
    expect(r.durationSec).toBeCloseTo(2, 0);

    expect(events.length).toBeGreaterThan(0);
    expect(events[events.length - 1]?.fraction).toBe(1);

    const tags = await rawTags(out);
    expect(tags.format.title).toBeUndefined();
    expect(tags.format.comment).toBeUndefined();
    expect(await leftovers(dir)).toEqual([]);
  });

  it('handles a clip with no audio, and makes odd sizes even', async () => {
    const src = await makeClip(dir, 'odd.avi', { codec: 'mpeg4', container: 'avi', width: 161, height: 121, audio: false });
    const out = path.join(dir, 'odd.proxy.mp4');
    await makeProxy(src, out);
    const r = await probeMedia(out);
    expect(r.browserPlayable).toBe(true);
    expect(r.streams).toEqual([expect.objectContaining({ type: 'video', codec: 'h264', width: 160, height: 120 })]);
  });

  it('keeps every audio stream', async () => {
    const src = await makeClip(dir, 'two-audio.mov', { container: 'mov', audioStreams: 2 });
    const out = path.join(dir, 'two-audio.proxy.mp4');
    await makeProxy(src, out);
    expect((await probeMedia(out)).streams.map((s) => s.type)).toEqual(['video', 'audio', 'audio']);
  });

  it('bakes the display rotation into the picture and drops the matrix', async () => {
    const src = await makeClip(dir, 'rot90.mp4', { rotation: 90 });
    const out = path.join(dir, 'rot90.proxy.mp4');
    await makeProxy(src, out);
    const video = (await probeMedia(out)).streams[0];
    expect(video).toMatchObject({ type: 'video', width: 120, height: 160, rotation: 0 });
  });

  it('cancelling via AbortSignal rejects CANCELLED and leaves no output', async () => {
    const src = await makeClip(dir, 'long.avi', { codec: 'mpeg4', container: 'avi', seconds: 30, width: 320, height: 240, rate: 30 });
    const cancelDir = path.join(dir, 'cancel');
    await fs.promises.mkdir(cancelDir);
    const out = path.join(cancelDir, 'long.proxy.mp4');
    const ac = new AbortController();
    let progressSeen = 0;
    const err = await rejection(
      makeProxy(src, out, {
        signal: ac.signal,
        durationSec: 30,
        onProgress: (p) => {
          progressSeen++;
          // Cancel mid-encode, once ffmpeg has written something.
          if (p.outTimeSec > 0) ac.abort();
        },
      }),
    );
    expect(err.code).toBe('CANCELLED');
    expect(progressSeen).toBeGreaterThan(0);
    expect(await fs.promises.readdir(cancelDir)).toEqual([]);
  });

  it('fails with MEDIA_TOOL_FAILED on unreadable input and removes the partial file', async () => {
    const src = await makeRandomBytes(dir, 'noise.bin', 32 * 1024);
    const failDir = path.join(dir, 'fail');
    await fs.promises.mkdir(failDir);
    const err = await rejection(makeProxy(src, path.join(failDir, 'noise.proxy.mp4')));
    expect(err.code).toBe('MEDIA_TOOL_FAILED');
    expect(typeof err.details?.stderrTail).toBe('string');
    expect(await fs.promises.readdir(failDir)).toEqual([]);
  });

  it('refuses relative paths before starting anything', async () => {
    expect((await rejection(makeProxy('in.mp4', path.join(dir, 'x.mp4')))).code).toBe('BAD_INPUT');
    expect((await rejection(makeProxy(path.join(dir, 'hevc.mkv'), 'out.mp4'))).code).toBe('BAD_INPUT');
  });
});

describe('makeThumbnail', () => {
  async function isJpeg(p: string): Promise<boolean> {
    const b = await fs.promises.readFile(p);
    return b[0] === 0xff && b[1] === 0xd8 && b[b.length - 2] === 0xff && b[b.length - 1] === 0xd9;
  }

  it('writes a 320-wide JPEG from about 10% in', async () => {
    const src = await makeClip(dir, 'thumb-src.mp4', { seconds: 2 });
    const out = path.join(dir, 'thumb.jpg');
    const r = await makeThumbnail(src, out, { durationSec: 2 });
    expect(r.commandLine).toMatch(/-ss 0\.200 /);
    expect(await isJpeg(out)).toBe(true);
    const { stdout } = await runTool(
      locateFfprobe(),
      ['-v', 'error', '-print_format', 'json', '-show_streams', '-i', `file:${out}`],
      { collectStdout: true },
    );
    const stream = (JSON.parse(stdout) as { streams: Array<{ codec_name: string; width: number; height: number }> }).streams[0];
    expect(stream).toMatchObject({ codec_name: 'mjpeg', width: 320, height: 240 });
    expect(await leftovers(dir)).toEqual([]);
  });

  it('shows a rotated clip upright', async () => {
    const src = await makeClip(dir, 'thumb-rot.mp4', { rotation: 270 });
    const out = path.join(dir, 'thumb-rot.jpg');
    await makeThumbnail(src, out, { durationSec: 1 });
    const { stdout } = await runTool(
      locateFfprobe(),
      ['-v', 'error', '-print_format', 'json', '-show_streams', '-i', `file:${out}`],
      { collectStdout: true },
    );
    const stream = (JSON.parse(stdout) as { streams: Array<{ width: number; height: number }> }).streams[0];
    expect(stream?.width).toBe(320);
    expect(stream?.height).toBeGreaterThan(320);
  });

  it('falls back to the first frame when the stated duration is wrong', async () => {
    const src = await makeClip(dir, 'thumb-short.mp4', { seconds: 1 });
    const out = path.join(dir, 'thumb-short.jpg');
    await makeThumbnail(src, out, { durationSec: 500 });
    expect(await isJpeg(out)).toBe(true);
  });

  it('fails cleanly for an audio-only file', async () => {
    const src = await makeClip(dir, 'audio-only.m4a', { video: false });
    const out = path.join(dir, 'audio-only.jpg');
    expect((await rejection(makeThumbnail(src, out))).code).toBe('MEDIA_TOOL_FAILED');
    expect(fs.existsSync(out)).toBe(false);
    expect(fs.existsSync(`${out}.part`)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('works with hostile input and output names', async () => {
    const hostile = path.join(dir, 'hostile');
    await fs.promises.mkdir(hostile);
    const src = path.join(hostile, '-i concat:x|y\n.mp4');
    await fs.promises.copyFile(path.join(dir, 'thumb-src.mp4'), src);
    const out = path.join(hostile, '-y http:x.jpg');
    await makeThumbnail(src, out, { durationSec: 2 });
    expect(await isJpeg(out)).toBe(true);
    const proxy = path.join(hostile, '-f pipe:1.mp4');
    await makeProxy(src, proxy);
    expect((await probeMedia(proxy)).browserPlayable).toBe(true);
  });
});
