import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/contract';
import type { Result } from '../../shared/errors';

/**
 * The IPC guard, through the real registerIpc. `electron` is replaced by a recorder of
 * `ipcMain.handle`: the binary is not installed here (see launch.test.ts for the real thing).
 */

type Handler = (event: unknown, raw: unknown) => Promise<Result<unknown>>;

const electron = vi.hoisted(() => {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    ipcMain: {
      handle: (channel: string, fn: Handler) => {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, fn);
      },
      removeHandler: (channel: string) => handlers.delete(channel),
    },
  };
});
vi.mock('electron', () => ({ ipcMain: electron.ipcMain }));

import { registerIpc, unregisterIpc } from '../../electron/main/ipc';
import { INVOKE_CHANNEL } from '../../electron/main/security';

const ownWindow = { id: 1 };
const otherWindow = { id: 2 };
const calls: { envelope: Envelope; host: string }[] = [];
const core = {
  call: async (envelope: Envelope, ctx: { host: string }): Promise<Result<unknown>> => {
    calls.push({ envelope, host: ctx.host });
    return { ok: true, value: 'done' };
  },
};

function event(sender: unknown, url: string | null, parent: unknown = null) {
  return { sender, senderFrame: url === null ? null : { url, parent } };
}

function invoke(ev: unknown, raw: unknown): Promise<Result<unknown>> {
  const handler = electron.handlers.get(INVOKE_CHANNEL);
  if (!handler) throw new Error('no handler registered');
  return handler(ev, raw);
}

const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

beforeEach(() => {
  calls.length = 0;
  warn.mockClear();
  unregisterIpc();
  registerIpc({ core, isOwnWindow: (sender) => sender === ownWindow });
});

describe('custodian:invoke', () => {
  it('passes a well-formed envelope from the app window to the core as the electron host', async () => {
    const env = { method: 'auth.login', input: { username: 'a' }, session: 's1' };
    await expect(invoke(event(ownWindow, 'app://custodian/index.html'), env)).resolves.toEqual({ ok: true, value: 'done' });
    expect(calls).toEqual([{ envelope: env, host: 'electron' }]);
  });

  it.each([
    ['another window', event(otherWindow, 'app://custodian/index.html')],
    ['a remote page in the window', event(ownWindow, 'https://example.com/')],
    ['a file:// page', event(ownWindow, 'file:///tmp/x.html')],
    ['a look-alike origin', event(ownWindow, 'app://custodian.evil/')],
    ['a subframe', event(ownWindow, 'app://custodian/index.html', { url: 'app://custodian/' })],
    ['a destroyed frame', event(ownWindow, null)],
  ])('refuses %s without reaching the core', async (_what, ev) => {
    const result = await invoke(ev, { method: 'auth.login', input: {} });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(calls).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it.each([null, 'auth.login', ['auth.login'], { method: 42 }, { method: '' }, { method: 'x', session: 7 }])(
    'refuses the malformed envelope %j as data',
    async (raw) => {
      const result = await invoke(event(ownWindow, 'app://custodian/'), raw);
      expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
      expect(calls).toHaveLength(0);
    },
  );

  it('drops extra envelope fields', async () => {
    await invoke(event(ownWindow, 'app://custodian/'), { method: 'm', input: 1, host: 'cli', workstation: 'x' });
    expect(calls[0]?.envelope).toEqual({ method: 'm', input: 1 });
  });
});
