import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkDecodes, countFrames, NOTHING_DECODED } from '../../../electron/core/media/decodeCheck';
import { probeMedia } from '../../../electron/core/media/probe';
import { INPUT_MAX_PIXELS } from '../../../electron/core/media/safeArgs';
import { fixtureFfmpeg, makeClip, makeFaststartCut, makeRandomBytes, makeTempDir } from '../../fixtures/makeClips';

let dir: string;

beforeAll(async () => {
  dir = await makeTempDir('custodian-decode-');
});
afterAll(async () => {
  await fs.promises.rm(dir, { recursive: true, force: true });
});

describe('checkDecodes (real ffmpeg)', () => {
  it('decodes the first second of a whole clip, video and audio', async () => {
    const clip = await makeClip(dir, 'whole.mp4', { seconds: 3, rate: 15 });
    const r = await checkDecodes(clip);
    expect(r.decoded).toBe(true);
    expect(r.reason).toBeUndefined();
    // About one second of 15 fps video plus its audio frames, never the whole three seconds.
    expect(r.frames).toBeGreaterThanOrEqual(15);
    expect(r.frames).toBeLessThan(3 * 15);
    expect(r.commandLine).toContain(`-max_pixels ${INPUT_MAX_PIXELS}`);
    expect(r.commandLine).toMatch(/-t 1\.000 .*-f framecrc pipe:1$/);
  });

  it('decodes audio-only and video-only files', async () => {
    expect((await checkDecodes(await makeClip(dir, 'audio.mp4', { video: false }))).decoded).toBe(true);
    expect((await checkDecodes(await makeClip(dir, 'video.avi', { container: 'avi', codec: 'mpeg4', audio: false }))).decoded).toBe(true);
  });

  it('a moov-only file: ffprobe calls it playable, but nothing decodes', async () => {
    const p = await makeFaststartCut(dir, 'moov-only.mp4', { keepMdatBytes: 0 });
    expect((await probeMedia(p)).playable).toBe(true);
    const r = await checkDecodes(p);
    expect(r).toMatchObject({ decoded: false, frames: 0, reason: NOTHING_DECODED });
  });

  it('a faststart file cut a few hundred bytes into its media data decodes nothing', async () => {
    const p = await makeFaststartCut(dir, 'mdat-stub.mp4', { keepMdatBytes: 600 });
    expect((await probeMedia(p)).playable).toBe(true);
    expect((await checkDecodes(p)).decoded).toBe(false);
  });

  it('a faststart file cut in half still decodes its first second', async () => {
    const p = await makeFaststartCut(dir, 'half.mp4', { keepMdatFraction: 0.5 });
    expect((await checkDecodes(p)).decoded).toBe(true);
  });

  it('noise decodes nothing (ffmpeg fails) and is reported, not thrown', async () => {
    const r = await checkDecodes(await makeRandomBytes(dir, 'noise.mp4', 20_000));
    expect(r.decoded).toBe(false);
    expect(r.reason).toBe(NOTHING_DECODED);
  });

  it('a stalled decode is stopped by the timeout and reported', async () => {
    const clip = await makeClip(dir, 'slow.mp4', { seconds: 1 });
    const r = await checkDecodes(clip, { timeoutMs: 1 });
    expect(r.decoded).toBe(false);
    expect(r.reason).toMatch(/could not decode the first second of this file within 1 second\b/);
  });

  it('cancel rejects CANCELLED', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(checkDecodes(path.join(dir, 'whole.mp4'), { signal: ac.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('-max_pixels: a frame over 64 megapixels is refused by the decoder, in the probe and the decode check', async () => {
    // One plain grey 8208 × 8208 PNG frame (67.4 Mpx, just over the cap): 200 KB on disk, 200 MB decoded.
    const p = path.join(dir, 'over-cap.mkv');
    execFileSync(fixtureFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=8208x8208:r=1:d=1', '-frames:v', '1', '-c:v', 'png', '-f', 'matroska', '-y', `file:${p}`]);
    const probe = await probeMedia(p);
    // The capped decoder never opened the picture, so ffprobe could not learn its size.
    expect(probe.streams[0]).toMatchObject({ type: 'video', codec: 'png' });
    expect(probe.streams[0]!.width).toBeUndefined();
    const r = await checkDecodes(p);
    expect(r).toMatchObject({ decoded: false, frames: 0 });

    // Just under the cap (8192 × 8192) still decodes.
    const q = path.join(dir, 'at-cap.mkv');
    execFileSync(fixtureFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=8192x8192:r=1:d=1', '-frames:v', '1', '-c:v', 'png', '-f', 'matroska', '-y', `file:${q}`]);
    expect((await probeMedia(q)).streams[0]).toMatchObject({ width: 8192, height: 8192 });
    expect(await checkDecodes(q)).toMatchObject({ decoded: true, frames: 1 });
  });

  it('countFrames counts framecrc frame lines only', () => {
    expect(countFrames('#tb 0: 1/15\n#media_type 0: video\n0,          0,          0,        1,    28800, 0x1\n1,       0,       0,     1024,     2048, 0x2\n')).toBe(2);
    expect(countFrames('')).toBe(0);
  });
});
