import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip } from '../../fixtures/makeClips';
import type { RecordingDetail } from '../../../shared/contract';
import { callOk, filesUnder, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from './helpers';

let src: string;
let o: Opened;
let savedTz: string | undefined;

beforeAll(async () => {
  savedTz = process.env.TZ;
  // The machine's zone is neither UTC nor the agency's: a local recorded_start must still be
  // read on the agency's clock (the time zone setting), which these tests set to Chicago.
  process.env.TZ = 'Asia/Kolkata';
  src = tempDir('sidecar-src-');
  for (const [dir, name, rate] of [
    ['csv', 'one.mp4', 10], ['csv', 'two.mp4', 11], ['csv', 'three.mp4', 12], ['json/day1', 'four.mp4', 13], ['json/day2', 'five.mp4', 14],
    ['zone', 'summer.mp4', 15], ['zone', 'winter.mp4', 16], ['zone', 'offset.mp4', 17], ['zone', 'gap.mp4', 18],
  ] as const) {
    fs.mkdirSync(path.join(src, dir), { recursive: true });
    await makeClip(path.join(src, dir), name, { seconds: 1, rate });
  }
  o = await openSetUpCore();
  await callOk(o, 'deadlines.settings.set', { timeZone: 'America/Chicago' });
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

async function detail(id: string): Promise<RecordingDetail> {
  return callOk<RecordingDetail>(o, 'recordings.get', { id });
}

describe('sidecar ingest', () => {
  test('CSV: good rows applied (sidecar wins per field), a bad row refuses its file by line, unknown file reported', async () => {
    const sidecar = path.join(src, 'csv', 'meta.csv');
    fs.writeFileSync(
      sidecar,
      '\uFEFFfile,officer,badge,school,recorded_start,minors,categories,notes\r\n' +
        'one.mp4,"Garcia, M.",4471,Roosevelt MS,2024-03-05 07:45,victim;witness,fight;hallway,"Said ""stop"",\r\nthen left"\r\n' +
        'two.mp4,Lee,,,2024-02-31 10:00,,,\r\n' +
        'ghost.mp4,Nobody,,,,,,\r\n',
    );
    const r = await ingest(o, { paths: [path.join(src, 'csv')], sidecarPath: sidecar, batchMeta: { school: 'District Default', incident: 'INC-7' } });
    expect(r.ingested.map((i) => i.originalName).sort()).toEqual(['one.mp4', 'three.mp4']);
    expect(r.rejected).toEqual([{ path: path.join(src, 'csv', 'two.mp4'), code: 'BAD_INPUT', message: expect.stringMatching(/line 4, column recorded_start: There is no day 31 in that month\. It was not added/) }]);
    // one.mp4's notes hold a line break, so two.mp4's row starts on line 4.
    expect(r.sidecarProblems.map((p) => [p.line, p.column])).toEqual([[4, 'recorded_start'], [5, 'file']]);
    expect(r.skipped.map((s) => path.basename(s.path))).toEqual(['meta.csv']);

    const one = await detail(r.ingested.find((i) => i.originalName === 'one.mp4')!.id);
    expect(one.meta).toMatchObject({
      officer: 'Garcia, M.', badge: '4471', school: 'Roosevelt MS', incident: 'INC-7', recordedStart: '2024-03-05T13:45:00.000Z',
      minorsPresent: true, minors: [{ role: 'victim' }, { role: 'witness' }], categories: ['fight', 'hallway'], notes: 'Said "stop",\r\nthen left',
    });
    const three = await detail(r.ingested.find((i) => i.originalName === 'three.mp4')!.id);
    expect(three.meta).toMatchObject({ officer: '', school: 'District Default', incident: 'INC-7', minorsPresent: null });

    const found = await callOk<{ total: number; rows: { id: string }[] }>(o, 'recordings.query', { text: 'Garcia hallway' });
    expect(found.rows.map((x) => x.id)).toEqual([one.id]);
    const entry = o.core.custody.forObject(one.id).find((e) => e.action === 'ingest')!;
    expect(entry.details.metadata).toMatchObject({ sidecarLine: 2, fromBatch: ['incident'] });
    await waitAllJobs(o.core);
  });

  test('JSON: nested folders matched by relative path; forbidden keys refuse the row', async () => {
    const sidecar = path.join(src, 'meta.json');
    fs.writeFileSync(
      sidecar,
      JSON.stringify([{ file: 'day1/four.mp4', officer: 'Ng', use_of_force: true, badge: 12 }], null, 2).replace(/\n\]$/, ',\n  {"file": "day2/five.mp4", "constructor": "x"}\n]'),
    );
    const r = await ingest(o, { paths: [path.join(src, 'json')], sidecarPath: sidecar });
    expect(r.ingested.map((i) => i.originalName)).toEqual(['four.mp4']);
    expect(r.rejected.map((x) => [path.basename(x.path), x.code])).toEqual([['five.mp4', 'BAD_INPUT']]);
    expect(r.rejected[0]!.message).toMatch(/line 8, column constructor/);
    const four = await detail(r.ingested[0]!.id);
    expect(four.meta).toMatchObject({ officer: 'Ng', useOfForce: true, badge: '12' });
    await waitAllJobs(o.core);
  });

  test('a recorded_start without an offset is agency time (DST-aware), whatever the machine zone; an offset is kept', async () => {
    const sidecar = path.join(src, 'zone.csv');
    fs.writeFileSync(
      sidecar,
      'file,recorded_start\n' +
        // Chicago: CDT (UTC-5) in summer, CST (UTC-6) in winter.
        'summer.mp4,2026-07-14 08:15\n' +
        'winter.mp4,2026-03-02 08:15:30\n' +
        'offset.mp4,2026-03-02T08:15:00-05:00\n' +
        // Clocks in Chicago skip 02:00-03:00 on 2026-03-08 (the gap is Chicago's, not Kolkata's).
        'gap.mp4,2026-03-08 02:30\n',
    );
    const r = await ingest(o, { paths: [path.join(src, 'zone')], sidecarPath: sidecar });
    expect(r.ingested.map((i) => i.originalName).sort()).toEqual(['offset.mp4', 'summer.mp4', 'winter.mp4']);
    expect(r.rejected).toEqual([
      { path: path.join(src, 'zone', 'gap.mp4'), code: 'BAD_INPUT', message: expect.stringMatching(/line 5, column recorded_start: 2026-03-08 02:30 does not exist in the agency's time zone, America\/Chicago/) },
    ]);
    const startOf = async (name: string) => (await detail(r.ingested.find((i) => i.originalName === name)!.id)).meta.recordedStart;
    expect(await startOf('summer.mp4')).toBe('2026-07-14T13:15:00.000Z');
    expect(await startOf('winter.mp4')).toBe('2026-03-02T14:15:30.000Z');
    expect(await startOf('offset.mp4')).toBe('2026-03-02T13:15:00.000Z');
    await waitAllJobs(o.core);
  });

  test('an unreadable sidecar refuses the batch before anything is copied', async () => {
    const bad = path.join(src, 'bad.csv');
    fs.writeFileSync(bad, 'file,offcer\none.mp4,x\n');
    const before = filesUnder(o.core.paths.objects).length;
    const r = await o.core.call({ method: 'ingest.start', input: { paths: [path.join(src, 'csv')], sidecarPath: bad }, session: o.token }, { host: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('BAD_INPUT');
      expect(r.error.message).toMatch(/offcer/);
    }
    expect(filesUnder(o.core.paths.objects).length).toBe(before);
  });
});
