import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());
const shots = path.join('test-results', 'screens');

test('five wrong passwords lock an account until an administrator unlocks it', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  const add = spawnSync(process.execPath, [CLI, 'users', 'add', '--username', 'lee', '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer', '--data', app.dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_NEW_PASSWORD: 'reviewer passphrase 2026', CUSTODIAN_ACCEPT_BANNER: 'yes' },
  });
  expect(add.status, add.stderr).toBe(0);
  await signOut(page);

  for (let i = 0; i < 5; i++) {
    await page.getByLabel('User name').fill('lee');
    await page.getByLabel('Password', { exact: true }).fill(`wrong guess ${i}`);
    await page.getByLabel('I have read and accept this notice').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText(/not right|locked/);
  }
  await page.getByLabel('User name').fill('lee');
  await page.getByLabel('Password', { exact: true }).fill('reviewer passphrase 2026');
  await page.getByLabel('I have read and accept this notice').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/locked/i);
  await page.screenshot({ path: path.join(shots, 'lockout.png') });

  await signIn(page, ADMIN.username, ADMIN.password);
  await nav(page, 'Users');
  // Times on the agency's clock with its zone (EST/EDT by default), not the browser's.
  await expect(page.getByRole('cell', { name: /^Locked / })).toContainText(/Locked \d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T/);
  await page.screenshot({ path: path.join(shots, 'users-locked.png') });
  await page.getByRole('button', { name: 'Unlock lee' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm with your password' });
  await dialog.getByLabel('Your password').fill(ADMIN.password);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('button', { name: 'Unlock lee' })).toHaveCount(0);
  await signOut(page);
  await signIn(page, 'lee', 'reviewer passphrase 2026');
});

test('after 30 idle minutes the app locks, hides the video and asks for the password', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await page.clock.install();
  await setUpAgencyInUi(page, app.launchUrl);
  const clip = await makeClip(fs.mkdtempSync(path.join(os.tmpdir(), 'idle-')), 'BWC_idle.mp4', { seconds: 2 });
  const ingest = spawnSync(process.execPath, [CLI, 'ingest', clip, '--data', app.dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes' },
  });
  expect(ingest.status, ingest.stderr).toBe(0);
  await nav(page, 'Library');
  await page.getByRole('link', { name: 'BWC_idle.mp4' }).click();
  await expect(page.locator('video')).toHaveCount(1);

  await page.clock.fastForward('29:00');
  await page.clock.runFor(20_000);
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();

  await page.clock.fastForward('02:00');
  await page.clock.runFor(20_000);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.locator('video')).toHaveCount(0);
  await page.screenshot({ path: path.join(shots, 'idle-lock.png') });

  // The core agrees: the session is locked there too, not only on screen.
  await page.getByLabel('Password', { exact: true }).fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
