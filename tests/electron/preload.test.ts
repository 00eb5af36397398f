import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CustodianBridge } from '../../shared/bridge';
import { BRIDGE_GLOBAL } from '../../shared/bridge';
import { INVOKE_CHANNEL } from '../../electron/main/security';
import { readText } from './projectFiles';

/**
 * The preload, loaded against a recorder of the three Electron APIs it may touch (the binary
 * is not installed here), plus a check of what its compiled CommonJS requires.
 */

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as { channel: string; args: unknown[] }[],
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => electron.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      electron.invoked.push({ channel, args });
      return { ok: true, value: null };
    },
  },
  webUtils: {
    getPathForFile: (file: unknown) => {
      if (typeof file === 'object' && file !== null && 'fakePath' in file) return String(file.fakePath);
      throw new TypeError('not a File');
    },
  },
}));

let bridge: CustodianBridge;

beforeAll(async () => {
  await import('../../electron/preload/index');
  bridge = electron.exposed.get(BRIDGE_GLOBAL) as CustodianBridge;
});

describe('preload', () => {
  it('exposes exactly the bridge, under the shared global name', () => {
    expect([...electron.exposed.keys()]).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['host', 'invoke', 'mediaUrl', 'pathsForDroppedFiles']);
    expect(bridge.host).toBe('electron');
    for (const value of Object.values(bridge)) expect(['string', 'function']).toContain(typeof value);
  });

  it('invokes over the one channel main listens on', async () => {
    const envelope = { method: 'system.status', input: {} };
    await expect(bridge.invoke(envelope)).resolves.toEqual({ ok: true, value: null });
    expect(electron.invoked).toEqual([{ channel: INVOKE_CHANNEL, args: [envelope] }]);
  });

  it('builds evidence URLs that cannot leave evidence://media', () => {
    expect(bridge.mediaUrl('abc_DEF-123')).toBe('evidence://media/abc_DEF-123');
    expect(new URL(bridge.mediaUrl('../../x?y#z')).host).toBe('media');
    expect(new URL(bridge.mediaUrl('../../x?y#z')).pathname).toBe('/..%2F..%2Fx%3Fy%23z');
  });

  it('returns paths only for real files', () => {
    const files = [{ fakePath: '/evidence/a.mp4' }, 'nope', { fakePath: '' }, { fakePath: '/evidence/b.mp4' }];
    expect(bridge.pathsForDroppedFiles(files)).toEqual(['/evidence/a.mp4', '/evidence/b.mp4']);
  });

  it('requires nothing but electron once compiled (a sandboxed preload cannot)', () => {
    const { outputText } = ts.transpileModule(readText('electron/preload/index.ts'), {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    });
    const required = [...outputText.matchAll(/require\(\s*["'`]([^"'`]+)["'`]\s*\)/g)].map((m) => m[1]);
    expect(required).toEqual(['electron']);
    expect(outputText).not.toMatch(/\bimport\(/);
  });
});
