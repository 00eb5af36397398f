import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../../electron/web/webHost';
import { LOCKOUT_THRESHOLD } from '../../../electron/core/accounts/lockout';
import { ADMIN_PASSWORD, setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

/*
 * CJIS AC-7 against a burst: 100 wrong passwords and the right one, all at once, through the
 * real loopback web host. scrypt is asynchronous, so without one password check at a time per
 * account every guess would read "not locked" before the first had failed: all of them would
 * be checked, and the right one would open a session on an account the wrong ones had locked.
 */

const WRONG = 100;
const RIGHT_AT = 50;

let t: TestCore;
let host: WebHost;
let cookie = '';

interface Reply {
  ok: boolean;
  value?: { token?: string; signedIn?: boolean; locked?: boolean } | null;
  error?: { code: string; message: string };
}

function post(envelope: unknown): Promise<Reply> {
  const body = JSON.stringify(envelope);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: '/api',
        method: 'POST',
        headers: { host: `127.0.0.1:${host.port}`, origin: `http://127.0.0.1:${host.port}`, 'content-type': 'application/json', cookie },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text) as Reply) : reject(new Error(`HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = (username: string, password: string) => post({ method: 'auth.login', input: { username, password, acknowledgedBanner: true } });

/** 100 wrong passwords with the right one in the middle, sent together. */
function burst(right: string): string[] {
  const guesses = Array.from({ length: WRONG }, (_, i) => `wrong guess number ${i}`);
  guesses.splice(RIGHT_AT, 0, right);
  return guesses;
}

async function newUser(username: string, password: string): Promise<number> {
  const u = await t.call('users.create', { username, displayName: username, password, roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
  return u.id;
}

function attempts(userId: number): Array<{ id: number; outcome: string }> {
  return t.core.db.prepare('SELECT id, outcome FROM auth_attempts WHERE user_id = ? ORDER BY id').all(userId) as Array<{ id: number; outcome: string }>;
}

const lockedAt = (userId: number) => (t.core.db.prepare('SELECT locked_at FROM users WHERE id = ?').get(userId) as { locked_at: string | null }).locked_at;

/**
 * A wrong password counts only until the account locks: with the right one in between there
 * can be at most (threshold − 1) failures before it and threshold after it.
 */
function expectHonouredAtMost(userId: number, since: number) {
  const rows = attempts(userId).filter((a) => a.id > since);
  const failures = rows.filter((a) => a.outcome === 'failure').length;
  const successes = rows.filter((a) => a.outcome === 'success').length;
  expect(successes).toBeLessThanOrEqual(1);
  expect(failures).toBeLessThanOrEqual(successes === 0 ? LOCKOUT_THRESHOLD : 2 * LOCKOUT_THRESHOLD - 1);
  return { rows, failures, successes };
}

beforeAll(async () => {
  t = await setUpCore();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Custodian</title>');
  host = await startWebHost({ core: t.core, rendererDir });
  const u = new URL(host.launchUrl);
  const launched = await new Promise<http.IncomingMessage>((resolve, reject) =>
    http.get({ host: '127.0.0.1', port: host.port, path: u.pathname + u.search, headers: { host: `127.0.0.1:${host.port}` } }, resolve).on('error', reject),
  );
  launched.resume();
  cookie = String(launched.headers['set-cookie']).split(';')[0];
});
afterAll(async () => {
  await host.close();
  await t.core.close();
});

describe('parallel password guesses through the web host (CJIS AC-7)', () => {
  it('grants no session on an account that is already locked', async () => {
    const id = await newUser('locked.clerk', 'locked clerk passphrase');
    for (let i = 0; i < LOCKOUT_THRESHOLD; i++) await login('locked.clerk', `early wrong guess ${i}`);
    expect(lockedAt(id)).not.toBeNull();
    const before = attempts(id).at(-1)!.id;

    const replies = await Promise.all(burst('locked clerk passphrase').map((p) => login('locked.clerk', p)));
    expect(replies.filter((r) => r.ok)).toHaveLength(0);
    expect(new Set(replies.map((r) => r.error?.code))).toEqual(new Set(['ACCOUNT_LOCKED']));
    // Nothing was even checked: a locked account answers the same to right and wrong.
    expect(attempts(id).filter((a) => a.id > before)).toHaveLength(0);
  });

  it('honours at most the lockout count of wrong passwords, and then refuses the right one', async () => {
    const id = await newUser('busy.clerk', 'busy clerk passphrase');
    const replies = await Promise.all(burst('busy clerk passphrase').map((p) => login('busy.clerk', p)));

    const verdicts = replies.filter((r) => r.ok || r.error?.code === 'BAD_CREDENTIALS' || /Too many failed/.test(r.error?.message ?? ''));
    const { rows, successes } = expectHonouredAtMost(id, 0);
    expect(verdicts.length).toBe(rows.length);
    // 100 wrong passwords always end locked, whatever order they arrived in.
    expect(lockedAt(id)).not.toBeNull();
    const right = replies[RIGHT_AT];
    if (right.ok) {
      // It came before the fifth failure: its session was ended when the account locked.
      expect(successes).toBe(1);
      expect((await post({ method: 'auth.me', input: {}, session: right.value!.token })).value).toBeNull();
    } else {
      expect(right.error?.code).toBe('ACCOUNT_LOCKED');
      expect(successes).toBe(0);
    }
  });

  it('unlocking a locked screen: parallel wrong passwords lock the account and sign it out, the right one does not slip through', async () => {
    const id = await newUser('screen.clerk', 'screen clerk passphrase');
    const signedIn = await login('screen.clerk', 'screen clerk passphrase');
    const token = signedIn.value!.token!;
    expect((await post({ method: 'auth.lock', input: {}, session: token })).ok).toBe(true);
    const since = attempts(id).at(-1)!.id;

    const replies = await Promise.all(burst('screen clerk passphrase').map((password) => post({ method: 'auth.unlock', input: { password }, session: token })));

    const { failures } = expectHonouredAtMost(id, since);
    const wrongAnswers = replies.filter((r) => r.error?.code === 'BAD_CREDENTIALS' || /now locked/.test(r.error?.message ?? '')).length;
    expect(wrongAnswers).toBe(failures);
    expect(lockedAt(id)).not.toBeNull();
    // The session ended with the lock, whichever reply the right password got.
    const status = await post({ method: 'auth.status', input: {}, session: token });
    expect(status.value).toMatchObject({ signedIn: false });
    if (!replies[RIGHT_AT].ok) expect(['ACCOUNT_LOCKED', 'NOT_SIGNED_IN']).toContain(replies[RIGHT_AT].error?.code);
  });
});
