import { afterEach, describe, expect, it } from 'vitest';
import { breakGlass } from '../../../electron/core/accounts/breakGlass';
import { main } from '../../../electron/cli/main';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

async function lockAdmin(t: TestCore) {
  for (let i = 0; i < 5; i++) await t.raw('auth.login', { username: 'admin', password: 'a wrong guess each time', acknowledgedBanner: true }, null);
  const r = await t.raw('auth.login', { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true }, null);
  expect(!r.ok && r.error.code).toBe('ACCOUNT_LOCKED');
}

describe('break-glass (one-person office)', () => {
  it('unlocks the only administrator with the printed recovery code, once, and says so loudly', async () => {
    t = await setUpCore();
    expect(t.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){4}$/);
    await lockAdmin(t);

    await expect(breakGlass(t.core, { username: 'admin', recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA-AAAAA', newPassword: 'a fresh office passphrase', resetMfa: false })).rejects.toMatchObject({
      code: 'BAD_CREDENTIALS',
    });
    // Lower case and spaces are fine: people read it off paper.
    const typed = t.recoveryCode.toLowerCase().replace(/-/g, ' ');
    const r = await breakGlass(t.core, { username: 'admin', recoveryCode: typed, newPassword: 'a fresh office passphrase', resetMfa: false });
    expect(r.wasLocked).toBe(true);
    expect(r.newRecoveryCode).not.toBe(t.recoveryCode);

    t.token = await t.login('admin', 'a fresh office passphrase');
    // The code is used up.
    await expect(breakGlass(t.core, { username: 'admin', recoveryCode: t.recoveryCode, newPassword: 'another office passphrase', resetMfa: false })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });

    const log = await t.call('custody.log', { limit: 100 });
    const glass = log.filter((e) => e.action === 'break-glass');
    expect(glass.map((e) => e.outcome).sort()).toEqual(['refused', 'refused', 'success']);
    const ok = glass.find((e) => e.outcome === 'success')!;
    expect(ok.role).toBe('break-glass');
    expect(ok.details).toMatchObject({ username: 'admin', wasLocked: true, passwordReset: true });
    expect(log.some((e) => e.action === 'account-unlocked' && e.details.via === 'break-glass')).toBe(true);
    const findings = await t.call('findings.list', {});
    expect(findings.some((f) => f.kind === 'break-glass')).toBe(true);
    expect((await t.call('custody.verify', {})).ok).toBe(true);
  });

  it('works only for administrators and is not reachable through Core.call', async () => {
    t = await setUpCore();
    await expect(breakGlass(t.core, { username: 'nobody', recoveryCode: t.recoveryCode, newPassword: 'a fresh office passphrase', resetMfa: false })).rejects.toMatchObject({ code: 'BAD_CREDENTIALS' });
    const r = await t.raw('admin.breakGlass', { username: 'admin' });
    expect(!r.ok && r.error.code).toBe('BAD_INPUT');
  });

  it('runs from the CLI against the data folder', async () => {
    t = await setUpCore();
    await lockAdmin(t);
    const dataDir = t.dataDir;
    const code = t.recoveryCode;
    await t.core.close();
    t = null;
    const env = { ...process.env };
    process.env.CUSTODIAN_RECOVERY_CODE = code;
    process.env.CUSTODIAN_NEW_PASSWORD = 'cli break glass phrase';
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const errWrite = process.stderr.write.bind(process.stderr);
    process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    let exit: number;
    try {
      exit = await main(['admin', 'break-glass', '--user', 'admin', '--data', dataDir, '--json']);
    } finally {
      process.stdout.write = write;
      process.stderr.write = errWrite;
      process.env = env;
    }
    expect(exit).toBe(0);
    const printed = JSON.parse(out.join('')) as { ok: boolean; newRecoveryCode: string };
    expect(printed.ok).toBe(true);
    t = await setUpCoreless(dataDir);
    expect(await t.login('admin', 'cli break glass phrase')).toMatch(/.{20}/);
  });
});

async function setUpCoreless(dataDir: string): Promise<TestCore> {
  const { openCore } = await import('../../../electron/core/openCore');
  const core = await openCore({ dataDir });
  const t: TestCore = {
    core,
    dataDir,
    token: '',
    recoveryCode: '',
    raw: (method, input, session) => core.call({ method, input, session: session ?? undefined }, { host: 'test' }),
    async call(method, input, session) {
      const r = await t.raw(method, input, session);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value as never;
    },
    async login(username, password) {
      return (await t.call('auth.login', { username, password, acknowledgedBanner: true })).token;
    },
  };
  return t;
}
