import { afterAll, describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { openCore, type Core } from '../../electron/core/openCore';
import { BREACHED_LIST_PACKAGE, bannedPasswordsLoaded } from '../../electron/core/accounts/bannedPasswords';
import { ADMIN_PASSWORD, tempDir } from '../helpers/testCore';

const packageLoaded = () => Object.keys(createRequire(__filename).cache).some((k) => k.includes(BREACHED_LIST_PACKAGE));

let core: Core | null = null;
afterAll(async () => core?.close());

describe('breached-password list start-up cost', () => {
  it('is not read when the core starts or a sign-in is checked, only when a password is set', async () => {
    core = await openCore({ dataDir: tempDir(), backgroundTasks: false });
    expect((await core.call({ method: 'setup.status', input: {} }, { host: 'test' })).ok).toBe(true);
    expect((await core.call({ method: 'auth.login', input: { username: 'nobody', password: 'some password here', acknowledgedBanner: true } }, { host: 'test' })).ok).toBe(false);
    expect(bannedPasswordsLoaded()).toBe(false);
    expect(packageLoaded()).toBe(false);

    const weak = await core.call(
      { method: 'setup.run', input: { agencyName: 'Test PD', agencyAddress: '1 Main St', username: 'admin', displayName: 'Admin', password: 'qazwsxedcrfv', acknowledgedBanner: true } },
      { host: 'test' },
    );
    expect(!weak.ok && weak.error.code).toBe('WEAK_PASSWORD');
    expect(bannedPasswordsLoaded()).toBe(true);
    expect(packageLoaded()).toBe(true);
    const ok = await core.call(
      { method: 'setup.run', input: { agencyName: 'Test PD', agencyAddress: '1 Main St', username: 'admin', displayName: 'Admin', password: ADMIN_PASSWORD, acknowledgedBanner: true } },
      { host: 'test' },
    );
    expect(ok.ok).toBe(true);
  });
});
