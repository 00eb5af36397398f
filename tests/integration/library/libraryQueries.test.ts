import { afterAll, beforeAll, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { queryRecordings } from '../../../electron/core/library/recordingsRepo';
import { recordingQuerySchema, type RecordingQuery } from '../../../shared/contract';
import type { Db } from '../../../electron/core/db/database';
import { callOk, openSetUpCore, removeDir, type Opened } from '../ingest/helpers';

// The Library's page is chosen on library_rows (m0170), by walking a sort index or by sorting
// the few matches. These tests pin its results to the plain definition below (items joined to
// their metadata, every filter as written in the contract, one total order), over a library
// where both ways are taken, and check the derived rows follow every kind of change.

let o: Opened;
let db: Db;
const dirs: string[] = [];

const schools = ['North High', 'South Middle', 'Écoles Unies', ''];
const officers = ['Adams', 'baker', 'Zed', 'Ünal'];
const words = ['fight', 'hallway', 'bus', 'vape'];

/** The definition the Library must match: the join, every filter, ORDER BY key then number. */
function reference(q: RecordingQuery): { total: number; ids: string[] } {
  const p = recordingQuerySchema.parse(q);
  const where = ["i.state = 'committed'", p.kind === 'any' ? "i.kind IN ('recording', 'redacted-copy')" : 'i.kind = @kind'];
  const params: Record<string, unknown> = { kind: p.kind };
  const words = (p.text ?? '').normalize('NFKC').split(/[^\p{L}\p{N}_-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
  if (words.length) {
    where.push('i.num IN (SELECT rowid FROM recording_fts WHERE recording_fts MATCH @fts)');
    params.fts = words.map((w) => `"${w}"*`).join(' AND ');
  }
  if (p.school) { where.push('m.school = @school'); params.school = p.school; }
  if (p.officer) { where.push('m.officer = @officer'); params.officer = p.officer; }
  if (p.incident) { where.push('m.incident LIKE @incident'); params.incident = `%${p.incident}%`; }
  if (p.from) { where.push('i.sort_start >= @from'); params.from = p.from; }
  if (p.to) { where.push('i.sort_start <= @to'); params.to = p.to.length === 10 ? `${p.to}T23:59:59.999Z` : p.to; }
  if (p.minorsPresent !== undefined) where.push(p.minorsPresent ? 'm.minors_present = 1' : 'COALESCE(m.minors_present, 0) = 0');
  if (p.playable !== undefined) { where.push('i.playable = @playable'); params.playable = p.playable ? 1 : 0; }
  const key = { recordedStart: 'i.sort_start', ingestedAt: 'i.ingested_at', originalName: 'i.original_name', school: 'm.school', officer: 'm.officer', durationSec: 'i.duration_sec' }[p.sort];
  const dir = p.dir === 'asc' ? 'ASC' : 'DESC';
  const all = db
    .prepare(`SELECT i.id FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id WHERE ${where.join(' AND ')} ORDER BY ${key} ${dir}, i.num ${dir}`)
    .pluck()
    .all(params) as string[];
  return { total: all.length, ids: all.slice(p.offset, p.offset + p.limit) };
}

function actual(q: RecordingQuery): { total: number; ids: string[] } {
  const r = queryRecordings(db, recordingQuerySchema.parse(q));
  return { total: r.total, ids: r.rows.map((x) => x.id) };
}

const libraryRows = () => db.prepare('SELECT * FROM library_rows ORDER BY num').all();
const rebuilt = () =>
  db
    .prepare(`SELECT i.num, i.kind, i.sort_start, i.ingested_at, i.original_name, i.duration_sec, i.playable, m.school, m.officer, m.incident, m.minors_present
      FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id WHERE i.state = 'committed' AND i.kind IN ('recording', 'redacted-copy') ORDER BY i.num`)
    .all();

beforeAll(async () => {
  o = await openSetUpCore();
  dirs.push(o.dataDir);
  db = o.core.db;
  const insItem = db.prepare(`INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable, duration_sec, creation_time, streams)
    VALUES (?, ?, 1000, ?, '/import/x', ?, ?, ?, 'test', ?, ?, ?, '[]')`);
  const insMeta = db.prepare('INSERT INTO recording_meta (item_id, officer, badge, school, incident, recorded_start, minors_present, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insFts = db.prepare('INSERT INTO recording_fts (rowid, original_name, officer, badge, school, incident, cad, categories, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      const id = `T-${String(i).padStart(4, '0')}`;
      const kind = i % 17 === 0 ? 'redacted-copy' : i % 23 === 0 ? 'attachment' : 'recording';
      const state = i % 29 === 0 ? 'staged' : i % 31 === 0 ? 'failed' : 'committed';
      // Ties on purpose: many share a start, a name or a duration, so the item number decides.
      const t = new Date(Date.UTC(2024, 0, 1) + (i % 150) * 86400000).toISOString();
      const name = i % 5 === 0 ? 'AXON.mp4' : `AXON_${i % 90}.mp4`;
      const duration = i % 7 === 0 ? null : 30 + (i % 40);
      const num = Number(insItem.run(id, createHash('sha256').update(id).digest('hex'), name, kind, state, t, i % 4 === 0 ? 0 : 1, duration, i % 11 === 0 ? null : t).lastInsertRowid);
      if (i % 13 === 0) continue; // no metadata row at all: the LEFT JOIN's NULLs
      const minors = [1, 0, -1][i % 3]!;
      const notes = `${words[i % 4]} ${words[(i * 3) % 4]} room ${i % 20}`;
      insMeta.run(id, officers[i % 4], String(i % 9), schools[i % 4], i % 6 === 0 ? `INC-${i % 50}` : `Fall-${i % 8}`, i % 9 === 0 ? null : t, minors, notes);
      if (state === 'committed' && kind === 'recording') insFts.run(num, name, officers[i % 4], '', schools[i % 4], '', '', '', notes);
    }
  })();
});

afterAll(async () => {
  await o.core.close();
  dirs.forEach(removeDir);
});

test('the derived library rows are the join of items and their metadata, committed recordings and redacted copies only', () => {
  expect(libraryRows()).toEqual(rebuilt());
  expect(libraryRows().length).toBeGreaterThan(300);
});

const filterSets: RecordingQuery[] = [
  {},
  { kind: 'any' },
  { kind: 'redacted-copy' },
  { school: 'North High' },
  { school: 'Écoles Unies', minorsPresent: true },
  { officer: 'baker' },
  { officer: 'Ünal', minorsPresent: false, playable: true },
  { minorsPresent: true },
  { minorsPresent: false },
  { playable: false },
  { from: '2024-02-01', to: '2024-03-15' },
  { from: '2024-05-01T00:00:00.000Z' },
  { incident: 'INC-1' },
  { incident: 'fa' },
  { incident: 'fall-3' },
  { incident: 'zz' },
  { text: 'fight' },
  { text: 'fight room' },
  { text: 'r' },
  { text: 'hallway', school: 'South Middle' },
  { text: 'bus', from: '2024-03-01', kind: 'any' },
  { text: 'nothing-matches-this' },
  { kind: 'any', minorsPresent: false, from: '2024-01-20' },
];
const sorts: RecordingQuery['sort'][] = ['recordedStart', 'ingestedAt', 'originalName', 'school', 'officer', 'durationSec'];
const pages = [
  { offset: 0, limit: 10 },
  { offset: 0, limit: 500 },
  { offset: 25, limit: 7 },
  { offset: 300, limit: 10 },
];

test('every filter, sort, direction and page gives the rows and total of the plain join, in its order', () => {
  let compared = 0;
  let nonEmpty = 0;
  for (const f of filterSets) {
    for (const sort of sorts) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const page of pages) {
          const q: RecordingQuery = { ...f, sort, dir, ...page };
          const want = reference(q);
          expect(actual(q), JSON.stringify(q)).toEqual(want);
          compared++;
          if (want.ids.length > 0) nonEmpty++;
        }
      }
    }
  }
  expect(compared).toBe(filterSets.length * sorts.length * 2 * pages.length);
  expect(nonEmpty).toBeGreaterThan(compared / 2);
  // Both ways of choosing the page were taken: the whole library walks the sort index, a school the few.
  expect(reference({}).total ** 2).toBeGreaterThanOrEqual(100 * 400);
  expect(reference({ school: 'Écoles Unies', minorsPresent: true }).total ** 2).toBeLessThan(100 * 400);
});

test('the derived rows follow metadata edits, a recording turned into a redacted copy, destruction and removal', async () => {
  const first = actual({ limit: 1 }).ids[0]!;
  await callOk(o, 'recordings.updateMeta', { ids: [first], meta: { school: 'Zebra Academy', officer: 'Young', minorsPresent: true, incident: 'NEW-77' } });
  expect(libraryRows()).toEqual(rebuilt());
  expect(actual({ school: 'Zebra Academy', minorsPresent: true, incident: 'new-7' }).ids).toEqual([first]);

  const noMeta = db.prepare("SELECT i.id FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id WHERE m.item_id IS NULL AND i.state = 'committed' AND i.kind = 'recording' LIMIT 1").pluck().get() as string;
  await callOk(o, 'recordings.updateMeta', { ids: [noMeta], meta: { recordedStart: '2030-01-01T00:00:00.000Z', school: 'Zebra Academy' } });
  expect(libraryRows()).toEqual(rebuilt());
  expect(actual({ limit: 1 }).ids).toEqual([noMeta]);

  db.prepare("UPDATE items SET kind = 'redacted-copy' WHERE id = ?").run(first);
  db.prepare("UPDATE items SET state = 'destroyed' WHERE id = ?").run(noMeta);
  db.prepare("UPDATE items SET state = 'committed' WHERE state = 'staged' AND kind = 'recording'").run();
  db.prepare("DELETE FROM recording_meta WHERE item_id = (SELECT id FROM items WHERE state = 'committed' AND kind = 'recording' ORDER BY num LIMIT 1 OFFSET 3)").run();
  db.prepare("DELETE FROM recording_meta WHERE item_id IN (SELECT id FROM items WHERE state = 'failed')").run();
  db.prepare("DELETE FROM items WHERE state = 'failed'").run();
  expect(libraryRows()).toEqual(rebuilt());
  expect(actual({ school: 'Zebra Academy' }).ids).toEqual([]);
  expect(actual({ school: 'Zebra Academy', kind: 'any' }).ids).toEqual([first]);
  for (const q of [{ incident: 'new-77', kind: 'any' as const }, { minorsPresent: false, sort: 'school' as const, dir: 'asc' as const }, {}]) expect(actual(q), JSON.stringify(q)).toEqual(reference(q));
});
