import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChainVerificationInfo, FindingInfo } from '../../../shared/contract';
import { openCore, type Core } from '../../../electron/core/openCore';
import { custodyTrust } from '../../../electron/core/custody/verifyChain';
import { readVerifiedMark, VERIFIED_MARK_SETTING, verifyChainAtOpen } from '../../../electron/core/custody/verifyAtOpen';
import { sealKeyOf } from '../../../electron/core/custody/checkpointSeal';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';

/**
 * The open's custody check (custody/verifyAtOpen.ts) starts from the last verified point instead
 * of re-hashing the whole log; these cases make sure it still finds what the full check finds.
 */

let t: TestCore | null = null;
const opened: Core[] = [];
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
  for (const c of opened.splice(0)) await c.close().catch(() => undefined);
});

async function coreWithEntries(n: number): Promise<TestCore> {
  t = await setUpCore();
  const actor = t.core.systemActor();
  for (let i = 0; i < n; i++) t.core.log(actor, { action: 'view', details: { i } });
  return t;
}

/** Someone with write access to the database file but not to keys/. */
function behindTheAppsBack(dataDir: string, change: (db: Database.Database) => void): void {
  const db = new Database(path.join(dataDir, 'custodian.sqlite'));
  db.exec('DROP TRIGGER IF EXISTS custody_log_no_update; DROP TRIGGER IF EXISTS checkpoints_no_update;');
  change(db);
  db.close();
}

const markOf = (core: Core) => readVerifiedMark(core.db, core.origin, sealKeyOf(core.key.privateKey));

async function openFindings(dataDir: string): Promise<string[]> {
  const core = await openCore({ dataDir });
  opened.push(core);
  const login = await core.call({ method: 'auth.login', input: { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true } }, { host: 'test' });
  if (!login.ok) throw new Error(login.error.message);
  const token = (login.value as { token: string }).token;
  const f = await core.call({ method: 'findings.list', input: { includeAcknowledged: false }, session: token }, { host: 'test' });
  if (!f.ok) throw new Error(f.error.message);
  return (f.value as FindingInfo[]).filter((x) => x.kind === 'custody-chain').map((x) => x.summary);
}

describe('the custody check when a core opens', () => {
  it('leaves a mark of what it verified, keyed from outside the database, and a forged mark is not believed', async () => {
    const tc = await coreWithEntries(5);
    await tc.core.close();
    const core = await openCore({ dataDir: tc.dataDir });
    opened.push(core);
    const mark = markOf(core);
    expect(mark).not.toBeNull();
    // Moved up only when it saves work (a cursor moved, or 1,000 entries behind): here still the first open's.
    expect(mark?.seq).toBeGreaterThanOrEqual(0);
    expect(mark?.seq).toBeLessThanOrEqual(core.custody.count());
    // Rewritten to claim more, without the key: not a mark any more.
    const raw = JSON.parse((core.db.prepare('SELECT value FROM settings WHERE key = ?').get(VERIFIED_MARK_SETTING) as { value: string }).value) as Record<string, unknown>;
    core.db.prepare('UPDATE settings SET value = ? WHERE key = ?').run(JSON.stringify({ ...raw, cursor: 2 }), VERIFIED_MARK_SETTING);
    expect(markOf(core)).toBeNull();
  });

  it('starts from the mark, and finds an older entry edited in place within its rolling slices', async () => {
    const tc = await coreWithEntries(40);
    const trust = () => custodyTrust(tc.core);
    const slice = { entries: 5, checkpoints: 5 };
    // Without a mark: the full check, which writes a mark through the 40 entries.
    tc.core.db.prepare('DELETE FROM settings WHERE key = ?').run(VERIFIED_MARK_SETTING);
    expect(verifyChainAtOpen(tc.core.db, tc.core.origin, trust(), slice).ok).toBe(true);
    expect(markOf(tc.core)?.seq).toBe(tc.core.custody.count());
    behindTheAppsBack(tc.dataDir, (db) => db.prepare('UPDATE custody_log SET details = ? WHERE seq = 20').run('{"i":"changed"}'));
    // The full check sees it at once (custody verify is unchanged)…
    const full = (await tc.call('custody.verify', {})) as ChainVerificationInfo;
    expect(full).toMatchObject({ ok: false, firstBadSeq: 20, problem: 'Entry 20 was changed after it was written.' });
    // …the open's check passes while its slices are before entry 20 (so it did not re-hash everything), then finds it.
    const results = Array.from({ length: 6 }, () => verifyChainAtOpen(tc.core.db, tc.core.origin, trust(), slice));
    expect(results[0]).toMatchObject({ ok: true });
    const failed = results.find((r) => !r.ok);
    expect(failed).toMatchObject({ firstBadSeq: 20, problem: 'Entry 20 was changed after it was written.' });
  });

  it('re-hashes every entry written since the mark: one changed after it is found at the next open', async () => {
    const tc = await coreWithEntries(5);
    const dir = tc.dataDir;
    await tc.core.close();
    const again = await openCore({ dataDir: dir });
    const mark = markOf(again);
    const actor = again.systemActor();
    for (let i = 0; i < 4; i++) again.log(actor, { action: 'view', details: { after: i } });
    await again.close();
    const target = (mark?.seq ?? 0) + 2;
    behindTheAppsBack(dir, (db) => db.prepare('UPDATE custody_log SET details = ? WHERE seq = ?').run('{"after":"changed"}', target));
    expect(await openFindings(dir)).toContain(`Entry ${target} was changed after it was written.`);
  });

  it('still checks new checkpoints: one signed with another key after the mark fails the open', async () => {
    const tc = await coreWithEntries(3);
    const dir = tc.dataDir;
    await tc.core.close();
    const again = await openCore({ dataDir: dir });
    expect(markOf(again)).not.toBeNull();
    again.log(again.systemActor(), { action: 'view' });
    await again.close();
    behindTheAppsBack(dir, (db) => {
      const id = (db.prepare('SELECT MAX(id) AS id FROM checkpoints').get() as { id: number }).id;
      db.prepare('UPDATE checkpoints SET signature = ? WHERE id = ?').run(Buffer.alloc(64, 7).toString('base64'), id);
    });
    const found = await openFindings(dir);
    expect(found.some((s) => /does not carry a valid signature from this installation/.test(s))).toBe(true);
  });
});
