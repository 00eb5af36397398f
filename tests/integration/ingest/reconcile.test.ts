import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeClip } from '../../fixtures/makeClips';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { reconcileIngest } from '../../../electron/core/ingest/reconcile';
import type { FindingInfo } from '../../../shared/contract';
import { callOk, filesUnder, ingest, openSetUpCore, removeDir, reopenCore, tempDir, waitAllJobs, type Opened } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let src: string;
let dataDir: string;
let clipA: string;
let clipB: string;

/** Writes a file into objects/ as an interrupted ingest would have left it. */
function putObject(root: string, bytes: Buffer, name = sha(bytes)): string {
  const p = name.length === 64 ? objectPath(path.join(root, 'objects'), name) : path.join(root, 'objects', name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, bytes);
  return p;
}

function stagedRow(db: Database.Database, id: string, bytes: Buffer, name: string): void {
  db.prepare(
    `INSERT INTO items (id, sha256, size, original_name, source_path, source_mtime, state, ingested_at, ingested_by, playable, streams)
     VALUES (?, ?, ?, ?, ?, ?, 'staged', ?, 'custodian', 1, '[]')`,
  ).run(id, sha(bytes), bytes.length, name, `/media/card/${name}`, new Date().toISOString(), new Date().toISOString());
}

beforeAll(async () => {
  src = tempDir('reconcile-src-');
  clipA = await makeClip(src, 'a.mp4', { seconds: 1 });
  clipB = await makeClip(src, 'b.mp4', { seconds: 1, rate: 9 });
  const o = await openSetUpCore();
  dataDir = o.dataDir;
  await ingest(o, { paths: [clipA] });
  await waitAllJobs(o.core);
  await o.core.close();
});

afterAll(() => {
  removeDir(dataDir);
  removeDir(src);
});

describe('start-up reconciliation after a crash', () => {
  let o: Opened;
  const recoverable = Buffer.from('bytes that reached the store before the crash');
  const lost = Buffer.from('bytes that never reached the store');
  const corrupt = Buffer.from('bytes whose stored copy is damaged');
  const orphan = Buffer.from('an object with no row at all');

  beforeAll(async () => {
    const db = new Database(path.join(dataDir, 'custodian.sqlite'));
    stagedRow(db, 'REC-20240101-recover1', recoverable, 'recoverable.mp4');
    stagedRow(db, 'REC-20240101-lost0001', lost, 'lost.mp4');
    stagedRow(db, 'REC-20240101-corrupt1', corrupt, 'corrupt.mp4');
    db.close();
    putObject(dataDir, recoverable);
    putObject(dataDir, Buffer.from('not what was hashed'), sha(corrupt));
    putObject(dataDir, orphan);
    putObject(dataDir, Buffer.from('stray'), 'not-a-hash.tmp');
    fs.writeFileSync(path.join(dataDir, 'staging', '1b4e28ba-2fa1-11d2-883f-0016d3cca427.part'), 'half a copy');
    fs.mkdirSync(path.join(dataDir, 'derived', 'ab'), { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'derived', 'ab', 'x.proxy.mp4.part'), 'half a proxy');
    o = await reopenCore(dataDir);
  });

  afterAll(async () => {
    await o.core.close();
  });

  const state = (id: string) => (o.core.db.prepare('SELECT state FROM items WHERE id = ?').get(id) as { state: string }).state;

  test('a staged row whose object re-hashes correctly is committed, logged as recovered, with a finding', async () => {
    expect(state('REC-20240101-recover1')).toBe('committed');
    const e = o.core.custody.forObject('REC-20240101-recover1').find((x) => x.action === 'ingest')!;
    expect(e.username).toBe('(system)');
    expect(e.details).toMatchObject({ recoveredAtStartup: true, originalName: 'recoverable.mp4' });
    const findings = await callOk<FindingInfo[]>(o, 'findings.list', { includeAcknowledged: false });
    expect(findings.some((f) => f.kind === 'ingest-recovered' && f.summary.includes('REC-20240101-recover1'))).toBe(true);
    expect(fs.existsSync(objectPath(o.core.paths.objects, sha(recoverable)))).toBe(true);
  });

  test('a staged row whose object is missing, or does not re-hash, is failed', () => {
    expect(state('REC-20240101-lost0001')).toBe('failed');
    expect(state('REC-20240101-corrupt1')).toBe('failed');
    const e = o.core.custody.forObject('REC-20240101-corrupt1').find((x) => x.action === 'ingest-failed')!;
    expect(e.details.reason).toMatch(/does not match/);
  });

  test('objects with no committed row are quarantined (logged, with findings); nothing committed moved', async () => {
    const quarantined = filesUnder(o.core.paths.quarantine);
    expect(quarantined).toHaveLength(3);
    expect(quarantined.some((f) => f.endsWith(sha(orphan)))).toBe(true);
    expect(quarantined.some((f) => f.endsWith(sha(corrupt)))).toBe(true);
    expect(quarantined.some((f) => f.endsWith('not-a-hash.tmp'))).toBe(true);
    const events = o.core.custody.page({ limit: 50, action: 'orphan-quarantined' });
    expect(events).toHaveLength(3);
    const findings = await callOk<FindingInfo[]>(o, 'findings.list', { includeAcknowledged: false });
    expect(findings.filter((f) => f.kind === 'orphan-object')).toHaveLength(3);
    const committed = new Set((o.core.db.prepare("SELECT sha256 FROM items WHERE state = 'committed'").all() as { sha256: string }[]).map((r) => r.sha256));
    for (const f of filesUnder(o.core.paths.objects)) expect(committed.has(path.basename(f))).toBe(true);
  });

  test('stray .part files are deleted and logged as aborted ingests', () => {
    expect(filesUnder(o.core.paths.staging)).toEqual([]);
    expect(filesUnder(o.core.paths.derived).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(o.core.custody.page({ limit: 10, action: 'ingest-aborted' })[0]!.details).toMatchObject({ file: 'staging/1b4e28ba-2fa1-11d2-883f-0016d3cca427.part' });
    expect(o.core.custody.page({ limit: 10, action: 'derivative-aborted' })).toHaveLength(1);
  });

  test('the chain verifies and fixity passes afterwards', async () => {
    expect(await callOk<{ ok: boolean }>(o, 'custody.verify', {})).toMatchObject({ ok: true });
    expect(await callOk<{ ok: boolean }>(o, 'custody.fixity', {})).toMatchObject({ ok: true });
  });

  test('a second reconciliation finds nothing to do', async () => {
    const r = await reconcileIngest(o.core);
    expect(r).toEqual({ recovered: [], failed: [], quarantined: [], abortedParts: [], derivativePartsRemoved: [], chainOk: true });
  });

  test('a file whose row failed can be added again (the row is reused)', async () => {
    const cutDir = tempDir('reingest-');
    try {
      const p = path.join(cutDir, 'lost.mp4');
      fs.writeFileSync(p, lost);
      const r = await ingest(o, { paths: [p, clipB] });
      expect(r.ingested.map((i) => i.id)).toContain('REC-20240101-lost0001');
      expect(state('REC-20240101-lost0001')).toBe('committed');
      await waitAllJobs(o.core);
    } finally {
      removeDir(cutDir);
    }
  });
});

describe('reconciliation leaves another open core’s work alone', () => {
  test('a .part and a staged row of a core that is still open survive a second core’s start', async () => {
    const first = await openSetUpCore();
    try {
      const part = path.join(first.core.paths.staging, '00000000-0000-4000-8000-000000000000.part');
      fs.writeFileSync(part, 'a copy in progress');
      const bytes = Buffer.from('staged by the first core');
      const db = new Database(path.join(first.dataDir, 'custodian.sqlite'));
      stagedRow(db, 'REC-20240101-inflight', bytes, 'inflight.mp4');
      db.close();
      const second = await reopenCore(first.dataDir);
      try {
        expect(fs.existsSync(part)).toBe(true);
        expect((second.core.db.prepare('SELECT state FROM items WHERE id = ?').get('REC-20240101-inflight') as { state: string }).state).toBe('staged');
      } finally {
        await second.core.close();
      }
      await first.core.close();
      // Once nobody has the folder open, the next start cleans up.
      const third = await reopenCore(first.dataDir);
      try {
        expect(fs.existsSync(part)).toBe(false);
        expect((third.core.db.prepare('SELECT state FROM items WHERE id = ?').get('REC-20240101-inflight') as { state: string }).state).toBe('failed');
      } finally {
        await third.core.close();
      }
    } finally {
      if (first.core.db.open) await first.core.close();
      removeDir(first.dataDir);
    }
  });
});
