import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close();
  t = null;
});

describe('accounts', () => {
  it('refuses a second setup', async () => {
    t = await setUpCore();
    const r = await t.raw('setup.run', { agencyName: 'Other', agencyAddress: '', username: 'eve', displayName: 'Eve', password: 'another long password' });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('ALREADY_SET_UP');
  });

  it('logs failed log-ins and enforces roles in the core', async () => {
    t = await setUpCore();
    const bad = await t.raw('auth.login', { username: 'admin', password: 'nope', acknowledgedBanner: true });
    expect(!bad.ok && bad.error.code).toBe('BAD_CREDENTIALS');
    await t.call('users.create', { username: 'lee', displayName: 'Lee Reviewer', password: 'reviewer long password', roles: ['legal-reviewer'], confirmPassword: ADMIN_PASSWORD });
    const lee = await t.login('lee', 'reviewer long password');
    const forbidden = await t.raw('users.list', {}, lee);
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
    const noSession = await t.raw('recordings.query', {}, null);
    expect(!noSession.ok && noSession.error.code).toBe('NOT_SIGNED_IN');
    const log = await t.call('custody.log', { limit: 100 });
    expect(log.some((e) => e.action === 'login-failed' && e.outcome === 'failure')).toBe(true);
    expect(log.some((e) => e.action === 'access-denied' && e.username === 'lee')).toBe(true);
  });

  it('rejects weak passwords and changes a password', async () => {
    t = await setUpCore();
    const weak = await t.raw('users.create', { username: 'bob', displayName: 'Bob', password: 'short', roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
    expect(!weak.ok && weak.error.code).toBe('WEAK_PASSWORD');
    await t.call('auth.changePassword', { currentPassword: ADMIN_PASSWORD, newPassword: 'a brand new long passphrase' });
    const again = await t.raw('auth.login', { username: 'admin', password: 'a brand new long passphrase', acknowledgedBanner: true });
    expect(again.ok).toBe(true);
  });

  it('validates input at the core and answers with a custodian-readable error', async () => {
    t = await setUpCore();
    const r = await t.raw('users.create', { username: '-rf', displayName: 'x', password: 'x', roles: ['janitor'] });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.code).toBe('BAD_INPUT');
    const unknown = await t.raw('evil.method', {});
    expect(!unknown.ok && unknown.error.message).toMatch(/does not know/);
  });

  it('requires the acting administrator’s password for every change to a user', async () => {
    t = await setUpCore();
    const input = { username: 'carol', displayName: 'Carol Custodian', password: 'evidence shelf phrase', roles: ['custodian' as const] };
    const missing = await t.raw('users.create', input);
    expect(!missing.ok && missing.error.code).toBe('REAUTH_REQUIRED');
    expect(!missing.ok && missing.error.details?.reason).toBe('missing');
    const wrong = await t.raw('users.create', { ...input, confirmPassword: 'not my password at all' });
    expect(!wrong.ok && wrong.error.code).toBe('REAUTH_REQUIRED');
    expect(!wrong.ok && wrong.error.details?.reason).toBe('wrong');
    const carol = await t.call('users.create', { ...input, confirmPassword: ADMIN_PASSWORD });
    expect(carol.mfaEnabled).toBe(false);
    for (const [method, extra] of [
      ['users.update', { displayName: 'Carol C.' }],
      ['users.resetPassword', { newPassword: 'another carol passphrase' }],
      ['users.unlock', {}],
      ['users.resetMfa', {}],
    ] as const) {
      const r = await t.raw(method, { id: carol.id, ...extra });
      expect(!r.ok && r.error.code, method).toBe('REAUTH_REQUIRED');
    }
    await t.call('users.update', { id: carol.id, displayName: 'Carol C.', confirmPassword: ADMIN_PASSWORD });
    const log = await t.call('custody.log', { limit: 100 });
    const reauthFailures = log.filter((e) => e.action === 'reauth-failed');
    expect(reauthFailures).toHaveLength(1);
    expect(reauthFailures[0].details).toMatchObject({ purpose: 'adding a user' });
    expect(log.find((e) => e.action === 'user-changed')?.details).toMatchObject({ reauthenticated: true });
  });

  it('ends the sessions of a user whose roles change', async () => {
    t = await setUpCore();
    const u = await t.call('users.create', { username: 'dana', displayName: 'Dana', password: 'evidence room phrase', roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
    const dana = await t.login('dana', 'evidence room phrase');
    await t.call('users.update', { id: u.id, roles: ['legal-reviewer'], confirmPassword: ADMIN_PASSWORD });
    const r = await t.raw('auth.status', {}, dana);
    expect(r.ok && (r.value as { signedIn: boolean }).signedIn).toBe(false);
  });
});
