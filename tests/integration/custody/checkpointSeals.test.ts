import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainVerificationInfo } from '../../../shared/contract';
import { openCore } from '../../../electron/core/openCore';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';

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
  const first = (await t.call('custody.verify', {})) as ChainVerificationInfo;
  expect(first.ok).toBe(true);
  const sealed = (t.core.db.prepare('SELECT COUNT(*) AS n FROM checkpoint_seals').get() as { n: number }).n;
  expect(sealed).toBeGreaterThan(1);
  return t;
}

/** Opens the database file directly, as someone with write access to it but not to keys/. */
function behindTheAppsBack(tc: TestCore, change: (db: Database.Database) => void): void {
  const db = new Database(path.join(tc.dataDir, 'custodian.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS checkpoints_no_update');
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
