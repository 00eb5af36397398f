import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainVerificationInfo } from '../../../shared/contract';
import { openCore } from '../../../electron/core/openCore';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';
import { RangeDigest } from '../../../electron/core/custody/checkpointSeal';
import { keyFingerprint } from '../../../electron/core/custody/trust';
import { randomBytes } from 'node:crypto';

/**
 * Checkpoint seals (custody/checkpointSeal.ts) only skip a repeat of the Ed25519 check; they must
 * never make a changed checkpoint pass. Each case changes a checkpoint that carries a valid seal,
 * behind the app's back, and verification must fail.
 */

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

async function sealedCore(): Promise<TestCore> {
  t = await setUpCore();
  for (let i = 0; i < 4; i++) await t.call('custody.log', { limit: 5 });
  const before = newestCheckpoint(t);
  const first = (await t.call('custody.verify', {})) as ChainVerificationInfo;
  expect(first.ok).toBe(true);
  const sealed = (t.core.db.prepare('SELECT COUNT(*) AS n FROM checkpoint_seals').get() as { n: number }).n;
  expect(sealed).toBeGreaterThan(1);
  // The whole verification sealed the run of checkpoints through the newest it saw (checkpoint_range_seal).
  expect(rangeThrough(t)).toBe(before);
  return t;
}

const rangeThrough = (tc: TestCore) => (tc.core.db.prepare('SELECT through_id AS id FROM checkpoint_range_seal').get() as { id: number } | undefined)?.id ?? null;
const newestCheckpoint = (tc: TestCore) => (tc.core.db.prepare('SELECT MAX(id) AS id FROM checkpoints').get() as { id: number }).id;

/** A range seal over the table's checkpoints as they are now, under a key that is not the installation's. */
function forgedRangeSeal(db: Database.Database): void {
  const rows = db.prepare('SELECT id, entries, head_hash AS headHash, public_key AS publicKey, signature FROM checkpoints ORDER BY id').all() as { id: number; entries: number; headHash: string; publicKey: string; signature: string }[];
  const digest = new RangeDigest();
  for (const r of rows) digest.add(r, keyFingerprint(r.publicKey)!);
  const through = rows[rows.length - 1]!.id;
  db.prepare('INSERT OR REPLACE INTO checkpoint_range_seal (id, through_id, seal) VALUES (1, ?, ?)').run(through, digest.seal(randomBytes(32), 'any', through));
}

/** Opens the database file directly, as someone with write access to it but not to keys/. */
function behindTheAppsBack(tc: TestCore, change: (db: Database.Database) => void): void {
  const db = new Database(path.join(tc.dataDir, 'custodian.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS checkpoints_no_update; DROP TRIGGER IF EXISTS checkpoints_no_delete');
  change(db);
  db.close();
}

const flip = (b64: string): string => {
  const bytes = Buffer.from(b64, 'base64');
  bytes[10] ^= 0x01;
  return bytes.toString('base64');
};

describe('a sealed checkpoint changed behind the app fails verification', () => {
  it.each([
    ['its signature', (db: Database.Database, id: number) => {
      const { signature } = db.prepare('SELECT signature FROM checkpoints WHERE id = ?').get(id) as { signature: string };
      db.prepare('UPDATE checkpoints SET signature = ? WHERE id = ?').run(flip(signature), id);
    }],
    ['its head hash', (db: Database.Database, id: number) => {
      db.prepare('UPDATE checkpoints SET head_hash = ? WHERE id = ?').run('0'.repeat(64), id);
    }],
    ['its entry count', (db: Database.Database, id: number) => {
      db.prepare('UPDATE checkpoints SET entries = entries - 1 WHERE id = ?').run(id);
    }],
    ['its seal, copied from another checkpoint', (db: Database.Database, id: number) => {
      const other = db.prepare('SELECT seal FROM checkpoint_seals WHERE checkpoint_id <> ? LIMIT 1').get(id) as { seal: Buffer };
      db.prepare('UPDATE checkpoint_seals SET seal = ? WHERE checkpoint_id = ?').run(other.seal, id);
      const { signature } = db.prepare('SELECT signature FROM checkpoints WHERE id = ?').get(id) as { signature: string };
      db.prepare('UPDATE checkpoints SET signature = ? WHERE id = ?').run(flip(signature), id);
    }],
    ['its signature, with a range seal made again without the installation key', (db: Database.Database, id: number) => {
      const { signature } = db.prepare('SELECT signature FROM checkpoints WHERE id = ?').get(id) as { signature: string };
      db.prepare('UPDATE checkpoints SET signature = ? WHERE id = ?').run(flip(signature), id);
      db.prepare('DELETE FROM checkpoint_seals WHERE checkpoint_id = ?').run(id);
      forgedRangeSeal(db);
    }],
    ['a checkpoint inserted inside the sealed range, the range seal kept', (db: Database.Database, id: number) => {
      const row = db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as Record<string, unknown>;
      db.prepare('DELETE FROM checkpoints WHERE id = ?').run(id);
      db.prepare('INSERT INTO checkpoints (id, entries, head_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?, ?)').run(id, row.entries, '1'.repeat(64), row.signed_at, row.public_key, row.signature);
    }],
  ])('%s', async (_what, change) => {
    const tc = await sealedCore();
    const id = (tc.core.db.prepare('SELECT MIN(checkpoint_id) AS id FROM checkpoint_seals').get() as { id: number }).id;
    await tc.core.close();
    behindTheAppsBack(tc, (db) => change(db, id));
    const core = await openCore({ dataDir: tc.dataDir });
    try {
      const login = await core.call({ method: 'auth.login', input: { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true } }, { host: 'test' });
      expect(login.ok).toBe(true);
      const token = (login as { value: { token: string } }).value.token;
      const r = await core.call({ method: 'custody.verify', input: {}, session: token }, { host: 'test' });
      expect(r.ok).toBe(true);
      expect((r as { value: ChainVerificationInfo }).value.ok).toBe(false);
    } finally {
      await core.close();
      t = null;
    }
  });
});

describe('the range seal', () => {
  it('is carried forward as checkpoints are added, and a verification without the per-checkpoint seals still passes on it', async () => {
    const tc = await sealedCore();
    const first = rangeThrough(tc);
    for (let i = 0; i < 3; i++) await tc.call('custody.log', { limit: 5 });
    const newest = newestCheckpoint(tc);
    expect(newest).toBeGreaterThan(first!);
    expect(((await tc.call('custody.verify', {})) as ChainVerificationInfo).ok).toBe(true);
    expect(rangeThrough(tc)).toBe(newest);
    // Seals are derived data: with none per checkpoint the range seal still says they were checked.
    tc.core.db.prepare('DELETE FROM checkpoint_seals').run();
    expect(((await tc.call('custody.verify', {})) as ChainVerificationInfo).ok).toBe(true);
  });
});
