import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/openCore';
import { ADMIN_PASSWORD, fakeClock, setUpCore, type TestCore } from '../../helpers/testCore';

const MINUTE = 60_000;
const CLERK_PASSWORD = 'records desk passphrase';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

async function withClerk(clock = fakeClock()) {
  t = await setUpCore(undefined, { clock: clock.clock });
  const clerk = await t.call('users.create', { username: 'clerk', displayName: 'Clerk', password: CLERK_PASSWORD, roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
  return { t, clock, clerk };
}

async function failLogin(t: TestCore, username = 'clerk') {
  const r = await t.raw('auth.login', { username, password: 'wrong password here', acknowledgedBanner: true }, null);
  return r.ok ? 'ok' : r.error.code;
}

describe('lockout (CJIS AC-7)', () => {
  it('locks after five failures within 15 minutes, until an administrator unlocks', async () => {
    const { t, clock, clerk } = await withClerk();
    const clerkSession = await t.login('clerk', CLERK_PASSWORD);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push(await failLogin(t));
      clock.advance(2 * MINUTE);
    }
    expect(codes).toEqual(['BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'BAD_CREDENTIALS', 'ACCOUNT_LOCKED']);
    // Locked: even the right password is refused, and the clerk's open session ended.
    const right = await t.raw('auth.login', { username: 'clerk', password: CLERK_PASSWORD, acknowledgedBanner: true }, null);
    expect(!right.ok && right.error.code).toBe('ACCOUNT_LOCKED');
    expect((await t.raw('recordings.facets', {}, clerkSession)).ok).toBe(false);
    // Waiting does not release it.
    clock.advance(24 * 60 * MINUTE);
    expect(await failLogin(t)).toBe('ACCOUNT_LOCKED');
    t.token = await t.login('admin', ADMIN_PASSWORD);

    const listed = (await t.call('users.list', {})).find((u) => u.id === clerk.id)!;
    expect(listed.lockedAt).not.toBeNull();
    expect(listed.lockedReason).toBe('failed-attempts');

    const unlocked = await t.call('users.unlock', { id: clerk.id, confirmPassword: ADMIN_PASSWORD });
    expect(unlocked.lockedAt).toBeNull();
    expect((await t.raw('auth.login', { username: 'clerk', password: CLERK_PASSWORD, acknowledgedBanner: true }, null)).ok).toBe(true);
    // The count starts again after the release.
    expect(await failLogin(t)).toBe('BAD_CREDENTIALS');

    const log = await t.call('custody.log', { limit: 200 });
    const locked = log.filter((e) => e.action === 'account-locked');
    expect(locked).toHaveLength(1);
    expect(locked[0].objectId).toBe(`user:${clerk.id}`);
    expect(locked[0].workstation).toBe(t.core.workstation);
    const release = log.find((e) => e.action === 'account-unlocked')!;
    expect(release.username).toBe('admin');
    expect(release.details).toMatchObject({ username: 'clerk', reauthenticated: true });
    expect(log.filter((e) => e.action === 'login-failed' && e.objectId === `user:${clerk.id}`).length).toBeGreaterThanOrEqual(6);
  });

  it('does not lock after five failures spread over an hour', async () => {
    const { t, clock } = await withClerk();
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) {
      codes.push(await failLogin(t));
      clock.advance(12 * MINUTE);
    }
    expect(codes.every((c) => c === 'BAD_CREDENTIALS')).toBe(true);
    expect((await t.raw('auth.login', { username: 'clerk', password: CLERK_PASSWORD, acknowledgedBanner: true }, null)).ok).toBe(true);
  });

  it('a successful log-on starts the count again', async () => {
    const { t } = await withClerk();
    for (let i = 0; i < 4; i++) await failLogin(t);
    await t.login('clerk', CLERK_PASSWORD);
    for (let i = 0; i < 4; i++) expect(await failLogin(t)).toBe('BAD_CREDENTIALS');
  });

  it('keeps counting across a restart', async () => {
    const clock = fakeClock();
    const { t: first } = await withClerk(clock);
    for (let i = 0; i < 3; i++) await failLogin(first);
    await first.core.close();
    const core = await openCore({ dataDir: first.dataDir, clock: clock.clock });
    t = { ...first, core, raw: (method, input) => core.call({ method, input }, { host: 'test' }) };
    expect(await failLogin(t)).toBe('BAD_CREDENTIALS');
    expect(await failLogin(t)).toBe('ACCOUNT_LOCKED');
  });

  it('counts wrong passwords at re-authentication and idle unlock', async () => {
    const { t } = await withClerk();
    const admin2 = await t.call('users.create', { username: 'boss', displayName: 'Boss', password: 'supervisor long phrase', roles: ['administrator'], confirmPassword: ADMIN_PASSWORD });
    const boss = await t.login('boss', 'supervisor long phrase');
    for (let i = 0; i < 3; i++) {
      const r = await t.raw('users.resetMfa', { id: admin2.id, confirmPassword: 'not the right one' }, boss);
      expect(!r.ok && r.error.code).toBe('REAUTH_REQUIRED');
    }
    await t.call('auth.lock', {}, boss);
    expect((await t.raw('auth.unlock', { password: 'still not right' }, boss)).ok).toBe(false);
    const fifth = await t.raw('auth.unlock', { password: 'still not right' }, boss);
    expect(!fifth.ok && fifth.error.code).toBe('ACCOUNT_LOCKED');
    const me = await t.raw('auth.me', {}, boss);
    expect(me.ok && me.value).toBeNull();
  });

  it('logs unknown user names without locking anything', async () => {
    const { t } = await withClerk();
    for (let i = 0; i < 6; i++) expect(await failLogin(t, 'nobody')).toBe('BAD_CREDENTIALS');
    const log = await t.call('custody.log', { limit: 50, action: 'login-failed' });
    expect(log.filter((e) => e.username === 'nobody' && e.details.reason === 'unknown user')).toHaveLength(6);
  });
});
