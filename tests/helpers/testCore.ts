import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core, type CoreOptions } from '../../electron/core/openCore';
import type { Input, Method, Output } from '../../shared/contract';

export const ADMIN_PASSWORD = 'correct horse battery staple';

export function tempDir(prefix = 'custodian-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** A clock the test moves by hand (idle lock, lockout windows, TOTP steps). */
export interface FakeClock {
  clock: () => Date;
  now(): number;
  advance(ms: number): void;
  set(ms: number): void;
}

export function fakeClock(start = Date.parse('2026-03-02T14:00:00.000Z')): FakeClock {
  let t = start;
  return {
    clock: () => new Date(t),
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (ms) => {
      t = ms;
    },
  };
}

export interface TestCore {
  core: Core;
  dataDir: string;
  token: string;
  /** The break-glass recovery code setup printed. */
  recoveryCode: string;
  call<M extends Method>(method: M, input: Input<M>, session?: string): Promise<Output<M>>;
  /** `session`: omitted → the admin's; null → none. */
  raw(method: string, input: unknown, session?: string | null): ReturnType<Core['call']>;
  /** Signs in with the system-use notice acknowledged; returns the session token. */
  login(username: string, password: string): Promise<string>;
}

/** A real core on a real SQLite file in a temp folder, set up with an administrator/custodian. */
export async function setUpCore(dataDir = tempDir(), opts: Partial<Omit<CoreOptions, 'dataDir'>> = {}): Promise<TestCore> {
  const core = await openCore({ ...opts, dataDir });
  const t: TestCore = {
    core,
    dataDir,
    token: '',
    recoveryCode: '',
    raw: (method, input, session) => core.call({ method, input, session: session === null ? undefined : (session ?? t.token) }, { host: 'test' }),
    async call(method, input, session) {
      const r = await t.raw(method, input, session ?? t.token);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value as Output<typeof method>;
    },
    async login(username, password) {
      const s = await t.call('auth.login', { username, password, acknowledgedBanner: true }, undefined);
      return s.token;
    },
  };
  const s = await t.call('setup.run', {
    agencyName: 'Test Police Department',
    agencyAddress: '1 Main St\nLexington, KY',
    username: 'admin',
    displayName: 'Ada Admin',
    password: ADMIN_PASSWORD,
    acknowledgedBanner: true,
  });
  t.token = s.token;
  t.recoveryCode = s.recoveryCode;
  return t;
}
