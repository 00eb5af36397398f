import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NOTHING_DECODED } from '../../../electron/core/media/decodeCheck';
import { probeMedia } from '../../../electron/core/media/probe';
import { objectPath } from '../../../electron/core/store/objectPaths';
import type { CustodyEntryInfo, RecordingDetail } from '../../../shared/contract';
import { makeClip, makeFaststartCut } from '../../fixtures/makeClips';
import { callOk, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from './helpers';

/**
 * A file whose index (moov) is whole but whose media data is missing: ffprobe names its codecs,
 * so only decoding shows it cannot play. Ingest decodes at most a second of each playable file
 * and marks such a file unplayable with the reason; its bytes are kept exactly.
 */

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

let src: string;
let o: Opened;

beforeAll(async () => {
  src = tempDir('undecodable-src-');
  o = await openSetUpCore();
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
});

describe('ingest of files ffprobe reads but nothing decodes', () => {
  test('moov only, and moov with a stub of mdat: kept byte for byte, unplayable with the reason, no viewing copies', async () => {
    const moovOnly = await makeFaststartCut(src, 'moov-only.mp4', { keepMdatBytes: 0 });
    const stub = await makeFaststartCut(src, 'mdat-stub.mp4', { keepMdatBytes: 500 });
    const half = await makeFaststartCut(src, 'half.mp4', { keepMdatFraction: 0.5 });
    const whole = await makeClip(src, 'whole-long.mp4', { seconds: 8 });
    for (const p of [moovOnly, stub]) expect((await probeMedia(p)).playable).toBe(true);

    const result = await ingest(o, { paths: [moovOnly, stub, half, whole] });
    expect(result.rejected).toEqual([]);
    const byName = new Map(result.ingested.map((i) => [i.originalName, i]));
    for (const name of ['moov-only.mp4', 'mdat-stub.mp4']) {
      const i = byName.get(name)!;
      expect(i).toMatchObject({ playable: false, unplayableReason: NOTHING_DECODED });
      const stored = objectPath(o.core.paths.objects, i.sha256);
      expect(fs.readFileSync(stored).equals(fs.readFileSync(name === 'moov-only.mp4' ? moovOnly : stub))).toBe(true);
      expect(sha(stored)).toBe(i.sha256);

      const d = await callOk<RecordingDetail>(o, 'recordings.get', { id: i.id });
      // What ffprobe read is kept as facts; the verdict is the decode's.
      expect(d).toMatchObject({ playable: false, browserPlayable: false, unplayableReason: NOTHING_DECODED, container: 'mp4', viewingCopiesMissing: [] });
      expect(d.streams.map((s) => s.type)).toEqual(['video', 'audio']);
      const ing = (o.core.custody.forObject(i.id) as CustodyEntryInfo[]).find((e) => e.action === 'ingest')!;
      expect(ing.details).toMatchObject({ playable: false, unplayableReason: NOTHING_DECODED });
      // Nothing can be made from it.
      const r = await o.core.call({ method: 'recordings.makeProxy', input: { id: i.id }, session: o.token }, { host: 'test' });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.message).toMatch(/could not read video/);
    }
    expect(byName.get('half.mp4')!.playable).toBe(true);
    expect(byName.get('whole-long.mp4')!.playable).toBe(true);

    // Thumbnails only for the two that decode; no job was queued for the undecodable ones.
    const jobs = await waitAllJobs(o.core);
    const mine = jobs.filter((j) => result.derivativeJobs.includes(j.id));
    expect(mine.map((j) => j.itemId).sort()).toEqual([byName.get('half.mp4')!.id, byName.get('whole-long.mp4')!.id].sort());
    expect(mine.every((j) => j.status === 'done')).toBe(true);
  });
});
