import { afterAll, expect, test } from 'vitest';
import { makeClip } from '../../fixtures/makeClips';
import { SEARCH_INDEX_FORM } from '../../../electron/core/library/searchIndex';
import type { CustodyEntryInfo, RecordingRow } from '../../../shared/contract';
import { callOk, ingest, openSetUpCore, removeDir, reopenCore, tempDir, type Opened } from '../ingest/helpers';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

const names = (r: { rows: RecordingRow[] }) => r.rows.map((x) => x.originalName);

test('a search index written before NFKC indexing is rebuilt once at start-up, logged, and finds compatibility names', async () => {
  const src = tempDir('search-upgrade-src-');
  dirs.push(src);
  const name = '\uff26\uff29\uff2c\uff25 cafe\u0301.mp4'; // full-width "FILE", "café" with a combining accent
  await makeClip(src, name, { seconds: 1 });
  let o: Opened = await openSetUpCore();
  dirs.push(o.dataDir);
  const result = await ingest(o, { paths: [src] });
  expect(result.ingested).toHaveLength(1);
  expect(names(await callOk(o, 'recordings.query', { text: 'file', limit: 10 }))).toEqual([name]);

  // Put the index back the way an older version wrote it: the name as given, no form marker.
  o.core.db.prepare("UPDATE recording_fts SET original_name = ? WHERE rowid = (SELECT num FROM items WHERE id = ?)").run(name, result.ingested[0]!.id);
  o.core.db.prepare("DELETE FROM settings WHERE key = 'search.indexForm'").run();
  expect(names(await callOk(o, 'recordings.query', { text: 'file', limit: 10 }))).toEqual([]);
  await o.core.close();

  o = await reopenCore(o.dataDir);
  expect(names(await callOk(o, 'recordings.query', { text: 'file', limit: 10 }))).toEqual([name]);
  expect(names(await callOk(o, 'recordings.query', { text: name, limit: 10 }))).toEqual([name]);
  expect(o.core.db.prepare("SELECT value FROM settings WHERE key = 'search.indexForm'").get()).toEqual({ value: JSON.stringify(SEARCH_INDEX_FORM) });
  const rebuilt = await callOk<CustodyEntryInfo[]>(o, 'custody.log', { action: 'search-index-rebuilt' });
  expect(rebuilt).toHaveLength(1);
  expect(rebuilt[0]!.details).toMatchObject({ form: SEARCH_INDEX_FORM, recordings: 1 });
  expect((await callOk<{ ok: boolean }>(o, 'custody.verify', {})).ok).toBe(true);
  await o.core.close();

  // A second start finds the index current and logs nothing more.
  o = await reopenCore(o.dataDir);
  expect(await callOk<CustodyEntryInfo[]>(o, 'custody.log', { action: 'search-index-rebuilt' })).toHaveLength(1);
  await o.core.close();
});

test('a lone hyphen or dash run in the search text is ignored, not an empty AND term', async () => {
  const src = tempDir('search-hyphen-src-');
  dirs.push(src);
  await makeClip(src, 'hallway fight.mp4', { seconds: 1 });
  const o = await openSetUpCore();
  dirs.push(o.dataDir);
  await ingest(o, { paths: [src] });
  for (const text of ['hallway - fight', 'hallway -- fight', '- hallway', 'hallway —']) {
    expect(names(await callOk(o, 'recordings.query', { text, limit: 10 })), text).toEqual(['hallway fight.mp4']);
  }
  expect(names(await callOk(o, 'recordings.query', { text: 'hallway - stairs', limit: 10 }))).toEqual([]);
  await o.core.close();
});
