import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/openCore';
import { DEFAULT_BANNER } from '../../../electron/core/accounts/securitySettings';
import type { SessionStatus } from '../../../shared/contract';
import { ADMIN_PASSWORD, fakeClock, setUpCore, type TestCore } from '../../helpers/testCore';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

function code(r: Awaited<ReturnType<TestCore['raw']>>): string {
  return r.ok ? 'ok' : r.error.code;
}

describe('idle lock (CJIS AC-11)', () => {
  it('locks a session idle for more than 30 minutes; only unlock, logout, me, status get through', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    clock.advance(29 * MINUTE);
    expect(code(await t.raw('agency.get', {}))).toBe('ok');
    clock.advance(30 * MINUTE + 1);
    const locked = await t.raw('agency.get', {});
    expect(code(locked)).toBe('SESSION_LOCKED');
    expect(code(await t.raw('custody.log', { limit: 5 }))).toBe('SESSION_LOCKED');
    const me = await t.call('auth.me', {});
    expect(me?.locked).toBe(true);
    const status = await t.call('auth.status', {});
    expect(status).toMatchObject({ signedIn: true, locked: true, lockReason: 'idle', idleMinutes: 30 });

    const wrong = await t.raw('auth.unlock', { password: 'not the password' });
    expect(code(wrong)).toBe('BAD_CREDENTIALS');
    const back = await t.call('auth.unlock', { password: ADMIN_PASSWORD });
    expect(back.locked).toBe(false);
    expect(code(await t.raw('agency.get', {}))).toBe('ok');

    const log = await t.call('custody.log', { limit: 50 });
    const lock = log.find((e) => e.action === 'session-locked')!;
    expect(lock.details).toMatchObject({ reason: 'idle', idleMinutes: 30 });
    expect(lock.username).toBe('admin');
    expect(lock.workstation).toBe(t.core.workstation);
    expect(log.find((e) => e.action === 'session-unlock-failed')?.outcome).toBe('failure');
    expect(log.find((e) => e.action === 'session-unlocked')?.details).toMatchObject({ lockReason: 'idle' });
  });

  it('auth.me and auth.status do not count as activity', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    for (let i = 0; i < 4; i++) {
      clock.advance(10 * MINUTE);
      await t.call('auth.me', {});
      await t.call('auth.status', {});
    }
    expect(code(await t.raw('agency.get', {}))).toBe('SESSION_LOCKED');
  });

  it('auth.lock locks at once, and the idle limit is an agency setting', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    await t.call('auth.lock', {});
    expect(code(await t.raw('agency.get', {}))).toBe('SESSION_LOCKED');
    expect((await t.call('auth.status', {})).lockReason).toBe('manual');
    await t.call('auth.unlock', { password: ADMIN_PASSWORD });

    const s = await t.call('security.settings.set', { idleMinutes: 10, confirmPassword: ADMIN_PASSWORD });
    expect(s.idleMinutes).toBe(10);
    expect((await t.call('setup.status', {})).idleMinutes).toBe(10);
    clock.advance(11 * MINUTE);
    expect(code(await t.raw('agency.get', {}))).toBe('SESSION_LOCKED');
    // CJIS allows no more than 30.
    await t.call('auth.unlock', { password: ADMIN_PASSWORD });
    expect(code(await t.raw('security.settings.set', { idleMinutes: 45, confirmPassword: ADMIN_PASSWORD }))).toBe('BAD_INPUT');
  });

  it('the sweep logs an idle lock even when nobody calls', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    clock.advance(31 * MINUTE);
    t.core.sessions.sweep();
    const { logSessionEvents } = await import('../../../electron/core/accounts/sessionGate');
    logSessionEvents(t.core);
    expect(t.core.custody.page({ limit: 5 }).some((e) => e.action === 'session-locked')).toBe(true);
  });
});

describe('re-authentication (CJIS IA-11)', () => {
  it('ends a session 12 hours after sign-in, however active', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    for (let i = 0; i < 24; i++) {
      clock.advance(29 * MINUTE);
      expect(code(await t.raw('agency.get', {}))).toBe('ok');
    }
    expect((await t.call('auth.status', {})).signInAgainAt).toBe(new Date(Date.parse('2026-03-02T14:00:00.000Z') + 12 * HOUR).toISOString());
    clock.advance(30 * MINUTE);
    const r = await t.raw('agency.get', {});
    expect(code(r)).toBe('NOT_SIGNED_IN');
    expect(!r.ok && r.error.message).toMatch(/12 hours/);
    expect(await t.call('auth.me', {})).toBeNull();
    const log = t.core.custody.page({ limit: 5 });
    expect(log.some((e) => e.action === 'session-expired' && e.username === 'admin')).toBe(true);
    t.token = await t.login('admin', ADMIN_PASSWORD);
    expect(code(await t.raw('agency.get', {}))).toBe('ok');
  });

  it('sessions do not survive a new core on the same data folder', async () => {
    t = await setUpCore();
    const token = t.token;
    expect(code(await t.raw('agency.get', {}))).toBe('ok');
    await t.core.close();
    const core = await openCore({ dataDir: t.dataDir });
    t = { ...t, core, raw: (method, input, session) => core.call({ method, input, session: session === null ? undefined : (session ?? token) }, { host: 'test' }) };
    expect(code(await t.raw('agency.get', {}, token))).toBe('NOT_SIGNED_IN');
    const me = await t.raw('auth.me', {}, token);
    expect(me.ok && me.value).toBeNull();
  });
});

describe('system-use notice (CJIS AC-8)', () => {
  it('is an agency setting shown by setup.status, and log-in requires its acknowledgement', async () => {
    t = await setUpCore();
    const status = await t.call('setup.status', {});
    expect(status.banner).toBe(DEFAULT_BANNER);
    for (const input of [
      { username: 'admin', password: ADMIN_PASSWORD },
      { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: false },
    ]) {
      const r = await t.raw('auth.login', input, null);
      expect(code(r)).toBe('BAD_INPUT');
      expect(!r.ok && r.error.message).toMatch(/system-use notice/);
    }
    await t.call('security.settings.set', { banner: 'Authorized use only. Everything is recorded.', confirmPassword: ADMIN_PASSWORD });
    expect((await t.call('setup.status', {})).banner).toBe('Authorized use only. Everything is recorded.');
    await t.login('admin', ADMIN_PASSWORD);
    const log = await t.call('custody.log', { limit: 20 });
    const login = log.find((e) => e.action === 'login')!;
    expect(login.details).toMatchObject({ bannerAcknowledged: true, via: 'password' });
    expect(login.details.bannerSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(log.filter((e) => e.action === 'login-failed' && e.details.reason === 'system-use notice not acknowledged')).toHaveLength(2);
    // Empty text restores the default.
    await t.call('security.settings.set', { banner: '  ', confirmPassword: ADMIN_PASSWORD });
    expect((await t.call('security.settings.get', {})).banner).toBe(DEFAULT_BANNER);
  });

  it('reports where the session stands', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    const s: SessionStatus = await t.call('auth.status', {});
    expect(s).toMatchObject({ signedIn: true, username: 'admin', locked: false, mfa: false, mfaEnrolmentRequired: false });
    expect(s.idleLocksAt).toBe(new Date(clock.now() + 30 * MINUTE).toISOString());
    const none = await t.raw('auth.status', {}, null);
    expect(none.ok && (none.value as SessionStatus).signedIn).toBe(false);
  });
});
