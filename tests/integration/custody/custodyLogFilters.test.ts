import { afterEach, describe, expect, it } from 'vitest';
import { logPageQuery } from '../../../electron/core/custody/custodyQuery';
import { ADMIN_PASSWORD, fakeClock, setUpCore, type FakeClock, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
let clock: FakeClock;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

const BOB_PASSWORD = 'another long passphrase 77';

/** Day 1 (2026-03-02, 14:00 UTC): setup, admin creates bob. Day 2 (09:00 New York): bob and admin sign in, admin verifies. */
async function seeded(): Promise<TestCore> {
  clock = fakeClock(Date.parse('2026-03-02T14:00:00.000Z'));
  t = await setUpCore(undefined, { clock: clock.clock });
  await t.call('users.create', { username: 'bob', displayName: 'Bob Custodian', password: BOB_PASSWORD, roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
  clock.set(Date.parse('2026-03-03T14:00:00.000Z'));
  await t.login('bob', BOB_PASSWORD);
  t.token = await t.login('admin', ADMIN_PASSWORD);
  clock.advance(60_000);
  await t.call('custody.verify', {});
  clock.advance(60_000);
  return t;
}

describe('custody log filters', () => {
  it('takes the label it shows, in any case, as well as the code', async () => {
    t = await seeded();
    for (const action of ['user-created', 'User created', 'USER CREATED', '  user_created ']) {
      const rows = await t.call('custody.log', { limit: 100, action });
      expect(rows.length, action).toBeGreaterThan(0);
      expect(rows.every((e) => e.action === 'user-created'), action).toBe(true);
    }
    expect(await t.call('custody.log', { limit: 100, action: 'Verification' })).toHaveLength(1);
    expect(await t.call('custody.log', { limit: 100, action: 'no such thing' })).toEqual([]);
  });

  it('filters by a date range given as instants with an offset (the agency day)', async () => {
    t = await seeded();
    // 2026-03-03 on the New York clock is 05:00 UTC that day to 04:59:59.999 UTC the next.
    const day2 = await t.call('custody.log', { limit: 100, from: '2026-03-03T00:00:00-05:00', to: '2026-03-03T23:59:59.999-05:00' });
    expect(day2.length).toBeGreaterThan(0);
    expect(day2.every((e) => e.at >= '2026-03-03T05:00:00.000Z' && e.at <= '2026-03-04T04:59:59.999Z')).toBe(true);
    expect(day2.map((e) => e.action)).toEqual(expect.arrayContaining(['login', 'verification']));
    expect(day2.some((e) => e.action === 'user-created')).toBe(false);
    const day1 = await t.call('custody.log', { limit: 100, to: '2026-03-02T23:59:59.999-05:00', action: 'User created' });
    expect(day1.length).toBeGreaterThan(0);
    expect(await t.call('custody.log', { limit: 100, from: '2026-03-05T00:00:00Z' })).toEqual([]);
    const backwards = await t.raw('custody.log', { limit: 100, from: '2026-03-04T00:00:00Z', to: '2026-03-03T00:00:00Z' });
    expect(!backwards.ok && backwards.error.code).toBe('BAD_INPUT');
    const noZone = await t.raw('custody.log', { limit: 100, from: '2026-03-04T00:00:00' });
    expect(!noZone.ok && noZone.error.code).toBe('BAD_INPUT');
  });

  it('filters by user, any case, and combines with the action filter', async () => {
    t = await seeded();
    const bob = await t.call('custody.log', { limit: 100, username: 'BOB' });
    expect(bob.length).toBeGreaterThan(0);
    expect(bob.every((e) => e.username === 'bob')).toBe(true);
    const bobLogins = await t.call('custody.log', { limit: 100, username: 'bob', action: 'Login' });
    expect(bobLogins).toHaveLength(1);
    expect((await t.call('custody.log', { limit: 100, action: 'login' })).length).toBeGreaterThan(1);
    expect(await t.call('custody.log', { limit: 100, username: 'bob', action: 'User created' })).toEqual([]);
  });

  it('exports the filtered entries as CSV and logs the export with the CSV hash', async () => {
    t = await seeded();
    const shown = await t.call('custody.log', { limit: 500, from: '2026-03-03T00:00:00-05:00' });
    const out = await t.call('custody.logCsv', { from: '2026-03-03T00:00:00-05:00' });
    const lines = out.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seq,at_utc,username,role,workstation,action,action_label,description,outcome,object_id,object_sha256,details,prev_hash,hash');
    // Each read is logged before it runs, so the read above shows itself; the export adds nothing before it is built.
    expect(out.entries).toBe(shown.length);
    expect(shown[0].action).toBe('audit-log-read');
    expect(lines.slice(1).map((l) => Number(l.split(',')[0]))).toEqual(shown.map((e) => e.seq));
    expect(lines).toHaveLength(out.entries + 1);
    // The code, the label and the sentence the screen shows, then the outcome.
    expect(lines.some((l) => /,verification,Verification,Custody log verified by [^,]+ are intact\.,success,/.test(l))).toBe(true);
    expect(out.fileName).toMatch(/^custody-log-.*\.csv$/);
    const logged = await t.call('custody.log', { limit: 5, action: 'Audit log exported' });
    expect(logged).toHaveLength(1);
    expect(logged[0].details).toMatchObject({ format: 'csv', entries: out.entries, csvSha256: out.sha256, from: '2026-03-03T05:00:00.000Z' });
    expect(logged[0].username).toBe('admin');
  });

  it('quotes commas and quotes, and defuses a cell a spreadsheet would run as a formula', async () => {
    t = await seeded();
    t.core.log({ userId: null, username: '=HYPERLINK("x")', role: 'system', workstation: 'ws, one' }, { action: 'finding-acknowledged' });
    const out = await t.call('custody.logCsv', { action: 'finding-acknowledged' });
    expect(out.csv.split('\r\n')[1]).toContain(`,"'=HYPERLINK(""x"")",system,"ws, one",finding-acknowledged,Finding acknowledged,"Finding acknowledged by =HYPERLINK(""x"").",success,`);
  });

  it('pages through indexes, never a scan of the whole log', async () => {
    t = await seeded();
    const db = t.core.db;
    const plan = (f: Parameters<typeof logPageQuery>[1]) => {
      const q = logPageQuery(db, f, { limit: 100 })!;
      return (db.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.args) as { detail: string }[]).map((r) => r.detail).join(' | ');
    };
    expect(plan({ action: 'Login' })).toMatch(/USING INDEX custody_log_action/);
    expect(plan({ username: 'Bob' })).toMatch(/USING INDEX custody_log_username/);
    expect(plan({ from: '2026-03-03T05:00:00.000Z', to: '2026-03-04T05:00:00.000Z' })).toMatch(/INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    for (const f of [{ action: 'Login' }, { username: 'bob' }, { from: '2026-03-03T05:00:00.000Z' }, { username: 'bob', from: '2026-03-03T05:00:00.000Z' }]) {
      const p = plan(f);
      expect(p, JSON.stringify(f)).not.toMatch(/SCAN custody_log|TEMP B-TREE/);
    }
  });
});
