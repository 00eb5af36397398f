import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../fixtures/makeClips';
import { startApp, type RunningApp } from './webHostFixture';
import { nav, setUpAgencyInUi } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());

test('the file browser says a folder holds only hidden items, remembers its folder for the sidecar picker, and the sidecar clears after a batch', async ({ page }) => {
  app = await startApp();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-browse-'));
  const card = path.join(root, 'card');
  fs.mkdirSync(path.join(card, '.Spotlight-V100'), { recursive: true });
  fs.writeFileSync(path.join(card, '.DS_Store'), 'x');
  const day = path.join(root, 'day');
  fs.mkdirSync(day);
  await makeClip(day, 'AXON_0001.mp4', { seconds: 1, width: 320, height: 240 });
  fs.writeFileSync(path.join(day, 'sidecar.csv'), 'file,officer\r\nAXON_0001.mp4,Ofc. A. Rivera\r\n');

  await setUpAgencyInUi(page, app.launchUrl);
  await nav(page, 'Ingest');
  const browser = page.getByRole('group', { name: 'File browser' });
  await browser.getByLabel('Go to folder').fill(card);
  await browser.getByRole('button', { name: 'Go', exact: true }).click();
  await expect(browser.getByText('Only hidden items here (2).')).toBeVisible();
  await expect(browser.getByText('This folder is empty.')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/l-fs-hidden-only.png', fullPage: true });
  await browser.getByRole('button', { name: 'Show hidden items' }).click();
  await expect(browser.getByRole('button', { name: 'Open folder .Spotlight-V100' })).toBeVisible();
  await expect(browser.getByLabel('Show hidden items')).toBeChecked();

  await browser.getByLabel('Go to folder').fill(day);
  await browser.getByRole('button', { name: 'Go', exact: true }).click();
  await browser.getByLabel('Select AXON_0001.mp4').check();

  await page.getByRole('button', { name: 'Browse for sidecar…' }).click();
  const picker = page.getByRole('group', { name: 'Sidecar file browser' });
  await expect(picker.getByLabel('Current folder')).toHaveText(day);
  await picker.getByRole('button', { name: 'Choose sidecar.csv' }).click();
  const sidecar = page.getByLabel('Sidecar file (CSV or JSON, optional)');
  await expect(sidecar).toHaveValue(path.join(day, 'sidecar.csv'));

  await page.getByRole('button', { name: /Start ingest/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Started' })).toBeVisible();
  await expect(sidecar).toHaveValue('');

  // Another screen and back: the browser opens where it was.
  await nav(page, 'Library');
  await nav(page, 'Ingest');
  await expect(page.getByRole('group', { name: 'File browser' }).getByLabel('Current folder')).toHaveText(day);
});
