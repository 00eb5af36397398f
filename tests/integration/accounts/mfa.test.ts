import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret, TOTP, URI } from 'otpauth';
import type { LoginResult } from '../../../shared/contract';
import { ADMIN_PASSWORD, fakeClock, setUpCore, type FakeClock, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

function codeAt(secret: string, ms: number): string {
  return new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });
}

async function enrol(t: TestCore, clock: FakeClock, session?: string, password = ADMIN_PASSWORD): Promise<string> {
  const e = await t.call('auth.mfa.begin', { confirmPassword: password }, session);
  expect(e.otpauthUri.startsWith('otpauth://totp/')).toBe(true);
  const parsed = URI.parse(e.otpauthUri);
  expect(parsed.issuer).toBe('Custodian');
  expect((parsed as TOTP).secret.base32).toBe(e.secret);
  const done = await t.call('auth.mfa.confirm', { code: codeAt(e.secret, clock.now()) }, session);
  expect(done.ok).toBe(true);
  return e.secret;
}

async function login(t: TestCore): Promise<LoginResult> {
  return t.call('auth.login', { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true }, undefined);
}

describe('TOTP second factor (CJIS IA-2)', () => {
  it('enrols, then signs in in two steps with a code computed by otpauth', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    const secret = await enrol(t, clock);
    const row = t.core.db.prepare("SELECT mfa_secret FROM users WHERE username = 'admin'").get() as { mfa_secret: string };
    expect(row.mfa_secret.startsWith('v1.')).toBe(true);
    expect(row.mfa_secret).not.toContain(secret);
    expect(fs.existsSync(path.join(t.dataDir, 'keys', 'totp-secrets.key'))).toBe(true);

    clock.advance(60_000);
    const first = await login(t);
    expect(first.mfaRequired).toBe(true);
    expect(first.token).toBe('');
    if (!first.mfaRequired) throw new Error('expected a challenge');
    const bad = await t.raw('auth.loginMfa', { challenge: first.challenge, code: '000000' }, null);
    expect(!bad.ok && bad.error.code).toBe('BAD_CREDENTIALS');
    const s = await t.call('auth.loginMfa', { challenge: first.challenge, code: codeAt(secret, clock.now()) }, undefined);
    expect(s.token.length).toBeGreaterThan(20);
    expect(s.mfa).toBe(true);
    // The challenge is single-use.
    const again = await t.raw('auth.loginMfa', { challenge: first.challenge, code: codeAt(secret, clock.now()) }, null);
    expect(!again.ok && again.error.code).toBe('NOT_SIGNED_IN');

    // A code cannot be replayed in a new sign-in within its window.
    const second = await login(t);
    if (!second.mfaRequired) throw new Error('expected a challenge');
    const replay = await t.raw('auth.loginMfa', { challenge: second.challenge, code: codeAt(secret, clock.now()) }, null);
    expect(!replay.ok && replay.error.code).toBe('BAD_CREDENTIALS');
    clock.advance(30_000);
    expect((await t.raw('auth.loginMfa', { challenge: second.challenge, code: codeAt(secret, clock.now()) }, null)).ok).toBe(true);

    const log = await t.call('custody.log', { limit: 50 }, s.token);
    expect(log.some((e) => e.action === 'mfa-enabled')).toBe(true);
    expect(log.some((e) => e.action === 'login' && e.details.via === 'password+totp' && e.details.bannerAcknowledged === true)).toBe(true);
    expect(log.some((e) => e.action === 'login-failed' && e.details.reason === 'wrong second-factor code')).toBe(true);
    // The secret is never shown again.
    expect(JSON.stringify(await t.call('users.list', {}, s.token))).not.toContain(secret);
  });

  it('wrong codes count towards the lockout', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    await enrol(t, clock);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await login(t).catch((e: { code: string }) => e);
      if ('code' in c) {
        codes.push(c.code);
        continue;
      }
      if (!c.mfaRequired) throw new Error('expected a challenge');
      const r = await t.raw('auth.loginMfa', { challenge: c.challenge, code: '123456' }, null);
      codes.push(r.ok ? 'ok' : r.error.code);
    }
    expect(codes.slice(-1)).toEqual(['ACCOUNT_LOCKED']);
  });

  it('an administrator resets a lost second factor; disabling needs password and code', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    const u = await t.call('users.create', { username: 'rita', displayName: 'Rita', password: 'request desk phrase', roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
    const rita = await t.login('rita', 'request desk phrase');
    const e = await t.call('auth.mfa.begin', { confirmPassword: 'request desk phrase' }, rita);
    await t.call('auth.mfa.confirm', { code: codeAt(e.secret, clock.now()) }, rita);
    expect((await t.call('users.list', {})).find((x) => x.id === u.id)?.mfaEnabled).toBe(true);
    const missing = await t.raw('auth.mfa.begin', {}, rita);
    expect(!missing.ok && missing.error.code).toBe('REAUTH_REQUIRED');

    const reset = await t.call('users.resetMfa', { id: u.id, confirmPassword: ADMIN_PASSWORD });
    expect(reset.mfaEnabled).toBe(false);
    // Her sessions ended; she signs in with the password alone now.
    expect((await t.raw('agency.get', {}, rita)).ok).toBe(false);
    const plain = await t.call('auth.login', { username: 'rita', password: 'request desk phrase', acknowledgedBanner: true }, undefined);
    expect(plain.mfaRequired).toBeFalsy();
    expect(plain.token.length).toBeGreaterThan(20);

    const secret = await enrol(t, clock, plain.token, 'request desk phrase');
    clock.advance(30_000);
    const noCode = await t.raw('auth.mfa.disable', { confirmPassword: 'request desk phrase', code: '000000' }, plain.token);
    expect(!noCode.ok && noCode.error.code).toBe('BAD_CREDENTIALS');
    await t.call('auth.mfa.disable', { confirmPassword: 'request desk phrase', code: codeAt(secret, clock.now()) }, plain.token);
    const log = await t.call('custody.log', { limit: 100 });
    expect(log.find((x) => x.action === 'mfa-reset')?.details).toMatchObject({ username: 'rita', reauthenticated: true });
    expect(log.some((x) => x.action === 'mfa-disabled')).toBe(true);
  });

  it('when the agency requires it, an administrator without a factor may only enrol', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    await t.call('security.settings.set', { requireMfaForAdmins: true, confirmPassword: ADMIN_PASSWORD });
    const s = await login(t);
    expect(s.mfaEnrolmentRequired).toBe(true);
    const blocked = await t.raw('agency.get', {}, s.token);
    expect(!blocked.ok && blocked.error.code).toBe('FORBIDDEN');
    expect(!blocked.ok && blocked.error.details?.reason).toBe('mfa-enrolment-required');
    await enrol(t, clock, s.token);
    expect((await t.raw('agency.get', {}, s.token)).ok).toBe(true);
    // And cannot turn it off while the rule stands.
    clock.advance(30_000);
    const off = await t.raw('auth.mfa.disable', { confirmPassword: ADMIN_PASSWORD, code: '000000' }, s.token);
    expect(!off.ok && off.error.code).toBe('POLICY_REFUSED');
  });
});
