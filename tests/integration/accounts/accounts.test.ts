import { afterEach, describe, expect, it } from 'vitest';
import { setUpCore, type TestCore } from '../../helpers/testCore';

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
    const bad = await t.raw('auth.login', { username: 'admin', password: 'nope' });
    expect(!bad.ok && bad.error.code).toBe('BAD_CREDENTIALS');
    await t.call('users.create', { username: 'lee', displayName: 'Lee Reviewer', password: 'reviewer long password', roles: ['legal-reviewer'] });
    const s = await t.call('auth.login', { username: 'lee', password: 'reviewer long password' });
    const forbidden = await t.raw('users.list', {}, s.token);
    expect(!forbidden.ok && forbidden.error.code).toBe('FORBIDDEN');
    const noSession = await t.raw('recordings.query', {}, null);
    expect(!noSession.ok && noSession.error.code).toBe('NOT_SIGNED_IN');
    const log = await t.call('custody.log', { limit: 100 });
    expect(log.some((e) => e.action === 'login-failed' && e.outcome === 'failure')).toBe(true);
    expect(log.some((e) => e.action === 'access-denied' && e.username === 'lee')).toBe(true);
  });

  it('rejects weak passwords and changes a password', async () => {
    t = await setUpCore();
    const weak = await t.raw('users.create', { username: 'bob', displayName: 'Bob', password: 'short', roles: ['custodian'] });
    expect(!weak.ok && weak.error.code).toBe('WEAK_PASSWORD');
    await t.call('auth.changePassword', { currentPassword: 'correct horse battery staple', newPassword: 'a brand new long passphrase' });
    const again = await t.raw('auth.login', { username: 'admin', password: 'a brand new long passphrase' });
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
});
