import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ElectronApplication, Page } from '@playwright/test';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY } from '../../electron/main/security';
import { ROOT, electronBinaryPath, hasBuild, hasElectronBinary, loadFusesModule, requireFromRoot } from './projectFiles';

/**
 * The real app in the real Electron binary. This machine cannot download the binary, so these
 * tests run only where it is installed (and the app is built); elsewhere they are reported as
 * skipped with the reason in their name, never silently passed.
 */

const canLaunch = hasElectronBinary && hasBuild;
const launchReason = !hasElectronBinary
  ? ' (skipped: the Electron binary is not installed on this machine)'
  : !hasBuild
    ? ' (skipped: run `npm run build` first)'
    : '';

describe(`the desktop app${launchReason}`, () => {
  let app: ElectronApplication | undefined;
  let page: Page;
  let dataDir: string;

  beforeAll(async () => {
    if (!canLaunch || electronBinaryPath === null) return;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-launch-'));
    const { _electron } = await import('@playwright/test');
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'ELECTRON_RUN_AS_NODE') env[k] = v;
    app = await _electron.launch({
      executablePath: electronBinaryPath,
      args: [ROOT, `--user-data-dir=${path.join(dataDir, 'chromium')}`],
      env: { ...env, CUSTODIAN_DATA: path.join(dataDir, 'library') },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  afterAll(async () => {
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it.skipIf(!canLaunch)('loads the renderer from app://custodian with the CSP header', async () => {
    expect(page.url()).toBe(APP_ENTRY_URL);
    const csp = await page.evaluate(async () => (await fetch('/index.html')).headers.get('content-security-policy'));
    expect(csp).toBe(CONTENT_SECURITY_POLICY);
  });

  it.skipIf(!canLaunch)('gives the page no Node and only the bridge', async () => {
    const facts = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      const bridge = g.custodian as Record<string, unknown> | undefined;
      return {
        require: typeof g.require,
        process: typeof g.process,
        module: typeof g.module,
        bridgeKeys: bridge ? Object.keys(bridge).sort() : [],
      };
    });
    expect(facts).toEqual({
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
      bridgeKeys: ['host', 'invoke', 'mediaUrl', 'pathsForDroppedFiles'],
    });
  });

  it.skipIf(!canLaunch)('blocks inline script', async () => {
    const ran = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'globalThis.__inlineRan = true';
      document.head.append(s);
      await new Promise((r) => setTimeout(r, 50));
      return (globalThis as Record<string, unknown>).__inlineRan === true;
    });
    expect(ran).toBe(false);
  });

  it.skipIf(!canLaunch)('reaches the core over IPC', async () => {
    const result = await page.evaluate(() => {
      const bridge = (globalThis as Record<string, unknown>).custodian as {
        invoke(e: { method: string; input: unknown }): Promise<unknown>;
      };
      return bridge.invoke({ method: 'no.such.method', input: {} });
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it.skipIf(!canLaunch)('opens no new windows and does not navigate away', async () => {
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(page.url()).toBe(APP_ENTRY_URL);
    expect(app?.windows()).toHaveLength(1);
  });
});

/** Fuses are read back from a packaged app (`npm run dist`), not from the development binary. */
const packagedBinary = [
  path.join(ROOT, 'dist', 'linux-unpacked', 'custodian'),
  path.join(ROOT, 'dist', 'win-unpacked', 'Custodian.exe'),
].find((p) => fs.existsSync(p));

describe(`the packaged app${packagedBinary ? '' : ' (skipped: no packaged app in dist/; run `npm run dist`)'}`, () => {
  it.skipIf(packagedBinary === undefined)('has every fuse from scripts/fuseConfig.js set', async () => {
    const { getCurrentFuseWire, FuseV1Options, FuseState } = await loadFusesModule();
    const { FUSES } = requireFromRoot('./scripts/fuseConfig.js') as { FUSES: Record<string, boolean> };
    const wire = await getCurrentFuseWire(packagedBinary ?? '');
    for (const [name, enabled] of Object.entries(FUSES)) {
      expect(wire[FuseV1Options[name]], name).toBe(enabled ? FuseState.ENABLE : FuseState.DISABLE);
    }
  });
});
