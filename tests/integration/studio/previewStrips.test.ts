import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';
import { makeClip } from '../../fixtures/makeClips';
import { filmstripTimes, peaksOf } from '../../../electron/core/media/previewStrips';

let t: TestCore;
let src: string;
let itemId: string;

beforeAll(async () => {
  t = await setUpCore(undefined, { backgroundTasks: false });
  src = tempDir('studio-src-');
  // Two audio streams, each a tone; 2 s of 160×120.
  const clip = await makeClip(src, 'TWO_TRACKS.mp4', { seconds: 2, audioStreams: 2 });
  const started = await t.call('ingest.start', { paths: [clip] });
  await t.core.jobs.wait(started.jobId, 'ingest');
  itemId = (await t.call('recordings.query', {})).rows[0]!.id;
}, 60_000);

afterAll(async () => {
  await t?.core.close();
  if (t) fs.rmSync(t.dataDir, { recursive: true, force: true });
  if (src) fs.rmSync(src, { recursive: true, force: true });
});

describe('the studio timeline media', () => {
  test('a filmstrip is small JPEGs at the middle of equal parts, cached under the derived folder', async () => {
    const a = await t.call('studio.filmstrip', { itemId, count: 4 });
    expect(a.frames.map((f) => f.t)).toEqual(filmstripTimes(a.durationSec, 4));
    expect(a.frames).toHaveLength(4);
    for (const f of a.frames) expect(Buffer.from(f.dataUrl.replace(/^data:image\/jpeg;base64,/, ''), 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const cached = fs.readdirSync(path.join(t.dataDir, 'derived', 'studio')).length;
    expect(cached).toBe(1);
    const b = await t.call('studio.filmstrip', { itemId, count: 4 });
    expect(b.frames.map((f) => f.dataUrl)).toEqual(a.frames.map((f) => f.dataUrl));
  }, 60_000);

  test('a waveform per audio stream: tones give peaks; a stream that does not exist is refused', async () => {
    for (const stream of [0, 1]) {
      const w = await t.call('studio.waveform', { itemId, stream, buckets: 50 });
      expect(w.peaks).toHaveLength(50);
      expect(Math.max(...w.peaks)).toBeGreaterThan(0.05);
    }
    const r = await t.raw('studio.waveform', { itemId, stream: 5, buckets: 50 });
    expect(r.ok).toBe(false);
    expect(fs.readdirSync(path.join(t.dataDir, 'derived', 'studio', fs.readdirSync(path.join(t.dataDir, 'derived', 'studio'))[0]!)).filter((n) => n.endsWith('.part'))).toEqual([]);
  }, 60_000);

  test('peaks are the largest magnitude in each bucket', () => {
    expect(peaksOf(new Float32Array([0.1, -0.5, 0.2, 0.9, -0.3, 0]), 3)).toEqual([0.5, 0.9, 0.3]);
  });
});
