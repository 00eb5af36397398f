import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../shared/contract';

export const ADMIN_PASSWORD = 'correct horse battery staple';

export function tempDir(prefix = 'custodian-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestCore {
  core: Core;
  dataDir: string;
  token: string;
  call<M extends Method>(method: M, input: Input<M>, session?: string): Promise<Output<M>>;
  /** `session`: omitted → the admin's; null → none. */
  raw(method: string, input: unknown, session?: string | null): ReturnType<Core['call']>;
}

/** A real core on a real SQLite file in a temp folder, set up with an administrator/custodian. */
export async function setUpCore(dataDir = tempDir()): Promise<TestCore> {
  const core = await openCore({ dataDir });
  const t: TestCore = {
    core,
    dataDir,
    token: '',
    raw: (method, input, session) => core.call({ method, input, session: session === null ? undefined : (session ?? t.token) }, { host: 'test' }),
    async call(method, input, session) {
      const r = await t.raw(method, input, session ?? t.token);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
      return r.value as Output<typeof method>;
    },
  };
  const s = await t.call('setup.run', { agencyName: 'Test Police Department', agencyAddress: '1 Main St\nLexington, KY', username: 'admin', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
  t.token = s.token;
  return t;
}
