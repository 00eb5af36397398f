import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './webHostFixture';

let app: RunningApp;
test.afterEach(async () => app?.stop());

/** Every process's command line on this machine (Linux /proc), as `ps` would show them to anyone. */
function allCommandLines(): string[] {
  const out: string[] = [];
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      out.push(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' '));
    } catch {
      // The process ended meanwhile.
    }
  }
  return out;
}

test('the launch file opens Custodian once, and the token is on no command line', async ({ page, browser }) => {
  test.skip(process.platform !== 'linux', 'reads /proc and stands in for xdg-open');
  // A stand-in browser opener that records what serve.js hands it.
  const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'opener-'));
  const log = path.join(bin, 'argv.txt');
  fs.writeFileSync(path.join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${log}"\n`, { mode: 0o755 });
  app = await startApp(undefined, { openBrowser: true, env: { PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` } });

  const html = fs.readFileSync(app.launchFile, 'utf8');
  const token = /[?&]t=([\w-]+)/.exec(html)![1];
  expect(token.length).toBeGreaterThanOrEqual(43);
  expect((fs.statSync(app.launchFile).mode & 0o777).toString(8)).toBe('600');
  expect((fs.statSync(path.dirname(app.launchFile)).mode & 0o777).toString(8)).toBe('700');

  // The shell creates the file before printf fills it: wait for the whole line.
  await expect.poll(() => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : ''), { timeout: 15_000 }).toBe(`${app.launchFile}\n`);
  expect(allCommandLines().filter((c) => c.includes(token))).toEqual([]);
  expect(fs.readFileSync(`/proc/${app.pid}/cmdline`, 'utf8')).not.toContain(token);

  // A real browser opening the file (file:// → the one-time address → the app).
  await page.goto(app.launchUrl);
  await expect(page.getByLabel('Agency name')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');

  // Another browser (no cookie) with the same file, or the address copied out of it: used.
  const other = await (await browser.newContext()).newPage();
  await other.goto(app.launchUrl);
  await expect(other.getByRole('heading', { name: 'This sign-in link has already been used' })).toBeVisible();
  await expect(other.getByText(/close Custodian and start it again/)).toBeVisible();
  const copied = await (await browser.newContext()).newPage();
  const r = await copied.goto(`${app.origin}/?t=${token}`);
  expect(r?.status()).toBe(410);

  // The first browser opening the file again: the page says so, and its link goes on to the app
  // (same-origin, so the cookie goes with it); in the other browser the link gets nowhere.
  await page.goto(app.launchUrl);
  await page.getByRole('link', { name: 'go to Custodian' }).click();
  await expect(page.getByLabel('Agency name')).toBeVisible();
  await other.getByRole('link', { name: 'go to Custodian' }).click();
  await expect(other.getByText(/^Refused: open Custodian with the launch file/)).toBeVisible();
});
