import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip, makeRandomBytes, makeTruncated } from '../../fixtures/makeClips';
import { objectPath } from '../../../electron/core/store/objectPaths';
import type { CustodyEntryInfo } from '../../../shared/contract';
import { TEST_PASSWORD, callOk, filesUnder, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from './helpers';

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

let src: string;
let o: Opened;
const clips: Record<string, string> = {};

beforeAll(async () => {
  src = tempDir('ingest-src-');
  fs.mkdirSync(path.join(src, 'card', 'DCIM', '100'), { recursive: true });
  clips.a = await makeClip(path.join(src, 'card'), 'a.mp4', { seconds: 1 });
  clips.b = await makeClip(path.join(src, 'card', 'DCIM', '100'), 'b.avi', { seconds: 1, container: 'avi', codec: 'mpeg4' });
  clips.dash = await makeClip(path.join(src, 'card'), '-y -i concat:x.mp4', { seconds: 1, rate: 10 });
  clips.newline = await makeClip(path.join(src, 'card'), 'line\nbreak.mp4', { seconds: 1, rate: 12 });
  clips.scripts = await makeClip(path.join(src, 'card'), 'שלום 日本 🎥.mov', { seconds: 1, container: 'mov' });
  clips.truncated = await makeTruncated(path.join(src, 'card'), 'cut.mp4');
  clips.noise = await makeRandomBytes(path.join(src, 'card'), 'noise.mp4', 50_000);
  fs.writeFileSync(path.join(src, 'card', 'empty.mp4'), '');
  fs.symlinkSync(clips.a, path.join(src, 'card', 'link.mp4'));
  execFileSync('mkfifo', [path.join(src, 'card', 'pipe.mp4')]);
  o = await openSetUpCore();
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
});

describe('ingest of a card folder', () => {
  let result: Awaited<ReturnType<typeof ingest>>;

  beforeAll(async () => {
    result = await ingest(o, { paths: [path.join(src, 'card')] });
  });

  test('result shape: ingested, duplicates, rejected', () => {
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['ingested', 'duplicates', 'rejected']));
    expect(result.ingested.map((i) => i.originalName)).toEqual([
      '-y -i concat:x.mp4', 'a.mp4', 'cut.mp4', 'line\nbreak.mp4', 'noise.mp4', 'שלום 日本 🎥.mov', 'b.avi',
    ]);
    for (const i of result.ingested) {
      expect(Object.keys(i)).toEqual(expect.arrayContaining(['id', 'sha256', 'size', 'originalName', 'playable']));
      expect(i.id).toMatch(/^REC-\d{8}-[0-9a-f]{8,}$/);
    }
    expect(result.duplicates).toEqual([]);
    expect(result.rejected.map((r) => [path.basename(r.path), r.code]).sort()).toEqual([
      ['empty.mp4', 'EMPTY_FILE'], ['link.mp4', 'NOT_REGULAR_FILE'], ['pipe.mp4', 'NOT_REGULAR_FILE'],
    ]);
    for (const r of result.rejected) expect(r.message.length).toBeGreaterThan(20);
  });

  test('every object is a byte-exact copy stored by its SHA-256, with the name kept as data', () => {
    for (const i of result.ingested) {
      const original = Object.values(clips).find((p) => path.basename(p) === i.originalName)!;
      const stored = objectPath(o.core.paths.objects, i.sha256);
      expect(i.sha256).toBe(sha(original));
      expect(sha(stored)).toBe(i.sha256);
      expect(fs.readFileSync(stored).equals(fs.readFileSync(original))).toBe(true);
      expect(i.size).toBe(fs.statSync(original).size);
      const row = o.core.db.prepare('SELECT * FROM items WHERE id = ?').get(i.id) as { state: string; original_name: string; source_path: string };
      expect(row).toMatchObject({ state: 'committed', original_name: i.originalName, source_path: original });
    }
    expect(filesUnder(o.core.paths.staging)).toEqual([]);
  });

  test('hostile media: a truncated MP4 and random bytes are kept, unplayable, with the reason', () => {
    const cut = result.ingested.find((i) => i.originalName === 'cut.mp4')!;
    expect(cut.playable).toBe(false);
    const row = o.core.db.prepare('SELECT playable, unplayable_reason FROM items WHERE id = ?').get(cut.id) as { playable: number; unplayable_reason: string };
    expect(row.playable).toBe(0);
    expect(row.unplayable_reason).toMatch(/moov atom not found/);
    expect(result.ingested.find((i) => i.originalName === 'noise.mp4')!.playable).toBe(false);
    for (const name of ['a.mp4', 'b.avi', '-y -i concat:x.mp4', 'line\nbreak.mp4', 'שלום 日本 🎥.mov']) {
      expect(result.ingested.find((i) => i.originalName === name)!.playable).toBe(true);
    }
  });

  test('each ingest has one custody entry with the source facts and probe summary', async () => {
    const a = result.ingested.find((i) => i.originalName === 'a.mp4')!;
    const entries = await callOk<CustodyEntryInfo[]>(o, 'custody.forItem', { id: a.id });
    const ing = entries.filter((e) => e.action === 'ingest');
    expect(ing).toHaveLength(1);
    expect(ing[0]!.objectSha256).toBe(a.sha256);
    expect(ing[0]!.details).toMatchObject({ originalName: 'a.mp4', size: a.size, sourcePath: clips.a, playable: true, unplayableReason: null });
    expect(ing[0]!.details.sourceMtime).toBe(new Date(fs.statSync(clips.a).mtimeMs).toISOString());
    expect((ing[0]!.details.probe as { container: string }).container).toBe('mp4');
  });

  test('a signed checkpoint covers the batch, and the chain verifies', async () => {
    const cp = await callOk<{ entries: number }>(o, 'custody.checkpoint', {});
    const batchEntry = o.core.db.prepare("SELECT seq FROM custody_log WHERE action = 'ingest-batch' ORDER BY seq DESC").get() as { seq: number };
    expect(cp.entries).toBeGreaterThanOrEqual(batchEntry.seq);
    expect(await callOk<{ ok: boolean }>(o, 'custody.verify', {})).toMatchObject({ ok: true });
  });

  test('thumbnails for playable video, a proxy only where the browser cannot play the original', async () => {
    expect(result.derivativeJobs.length).toBeGreaterThan(0);
    const jobs = await waitAllJobs(o.core);
    const mine = jobs.filter((j) => result.derivativeJobs.includes(j.id));
    expect(mine.map((j) => [j.kind, j.status, j.error])).toEqual(mine.map((j) => [j.kind, 'done', null]));
    const rows = o.core.db.prepare('SELECT d.*, i.original_name FROM derivatives d JOIN items i ON i.id = d.item_id ORDER BY i.original_name, d.kind').all() as {
      item_id: string; kind: string; path: string; sha256: string; size: number; tool: string; params: string; original_name: string;
    }[];
    const proxies = rows.filter((r) => r.kind === 'proxy').map((r) => r.original_name);
    const thumbs = rows.filter((r) => r.kind === 'thumbnail').map((r) => r.original_name);
    expect(proxies).toEqual(['b.avi']);
    expect(thumbs.sort()).toEqual(['-y -i concat:x.mp4', 'a.mp4', 'b.avi', 'line\nbreak.mp4', 'שלום 日本 🎥.mov'].sort());
    for (const r of rows) {
      const file = path.join(o.core.paths.derived, r.path);
      expect(sha(file)).toBe(r.sha256);
      expect(fs.statSync(file).size).toBe(r.size);
      expect(r.tool).toMatch(/^ffmpeg \S+/);
      expect(r.params).toContain('<original>');
      expect(r.params).not.toContain(o.core.paths.root);
      const item = result.ingested.find((i) => i.id === r.item_id)!;
      const made = o.core.custody.forObject(r.item_id).find((e) => e.action === `${r.kind}-made`)!;
      expect(made.objectSha256).toBe(item.sha256);
      expect(made.details).toMatchObject({ parentSha256: item.sha256, derivativeSha256: r.sha256, path: r.path });
    }
    expect(filesUnder(o.core.paths.derived).filter((f) => f.endsWith('.part'))).toEqual([]);
  });

  test('the same card again: every file is a duplicate, logged against the existing item', async () => {
    const again = await ingest(o, { paths: [path.join(src, 'card')] });
    expect(again.ingested).toEqual([]);
    expect(again.duplicates.map((d) => d.id).sort()).toEqual(result.ingested.map((i) => i.id).sort());
    const a = result.ingested.find((i) => i.originalName === 'a.mp4')!;
    expect(again.duplicates.find((d) => d.id === a.id)).toEqual({ path: clips.a, id: a.id, sha256: a.sha256 });
    const dup = o.core.custody.forObject(a.id).filter((e) => e.action === 'duplicate');
    expect(dup).toHaveLength(1);
    expect(dup[0]!.details).toMatchObject({ path: clips.a });
    expect(filesUnder(o.core.paths.staging)).toEqual([]);
  });
});

describe('ingest.start input', () => {
  test('relative paths are refused before a job starts', async () => {
    const r = await o.core.call({ method: 'ingest.start', input: { paths: ['card/a.mp4'] }, session: o.token }, { host: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
  });

  test('only the custodian role may add evidence', async () => {
    await callOk(o, 'users.create', { username: 'reviewer', displayName: 'Legal Reviewer', password: 'another long passphrase 77', roles: ['legal-reviewer'], confirmPassword: TEST_PASSWORD });
    const login = await o.core.call({ method: 'auth.login', input: { username: 'reviewer', password: 'another long passphrase 77', acknowledgedBanner: true } }, { host: 'test' });
    expect(login.ok).toBe(true);
    if (!login.ok) return;
    const r = await o.core.call({ method: 'ingest.start', input: { paths: [src] }, session: (login.value as { token: string }).token }, { host: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('FORBIDDEN');
  });

  test('progress names the file in hand, with control characters in names made visible', async () => {
    const { displayName } = await import('../../../electron/core/ingest/ingestBatch');
    expect(displayName('line\nbreak\u202Egnp.exe')).toBe('line\uFFFDbreak\uFFFDgnp.exe');
  });

  test('signed-out calls are refused', async () => {
    const r = await o.core.call({ method: 'ingest.start', input: { paths: [src] } }, { host: 'test' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_SIGNED_IN');
  });
});
