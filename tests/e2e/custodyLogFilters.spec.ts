import { test, expect } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());

const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

test('the custody log filters by the label it shows, by user and by date, shows sentences, and exports the rows as CSV and PDF (logged)', async ({ page }) => {
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  await nav(page, 'Custody log');
  const log = page.getByRole('region', { name: 'Custody log' }).last();
  const table = log.getByRole('table');
  await expect(table).toContainText('User created');

  const form = page.getByRole('form', { name: 'Filter the custody log' });
  await form.getByLabel('Action').fill('user CREATED');
  await form.getByLabel('User').fill(ADMIN.username.toUpperCase());
  await form.getByLabel(/^From/).fill(day(-1));
  await form.getByLabel(/^To/).fill(day(1));
  await form.getByRole('button', { name: 'Filter log' }).click();
  await expect(table.locator('caption')).toContainText('(filtered)');
  const rows = table.locator('tbody tr');
  await expect(rows.first()).toContainText('User created');
  for (const text of await rows.allInnerTexts()) expect(text).toContain('User created');
  await page.screenshot({ path: '/tmp/l-custody-filtered.png', fullPage: true });

  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Export CSV' }).click();
  const file = await download;
  const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-csv-')), file.suggestedFilename());
  await file.saveAs(saved);
  const csv = fs.readFileSync(saved, 'utf8').trimEnd().split('\r\n');
  expect(csv[0]).toMatch(/^seq,at_utc,username,/);
  expect(csv.length - 1).toBe(await rows.count());
  expect(csv.slice(1).every((l) => l.includes(',user-created,User created,'))).toBe(true);
  await expect(log.getByRole('status')).toContainText(`${csv.length - 1} `);

  // Each entry reads as a sentence; the hashes and the rest are folded under "Technical details", never JSON.
  const first = rows.first();
  await expect(first).toContainText(/User account "[^"]+" created by /);
  await expect(table).not.toContainText('{"');
  const toggle = first.locator('details.technical-details');
  await expect(toggle.locator('summary')).toHaveText('Technical details');
  await expect(toggle.getByText('Entry hash', { exact: true })).toBeHidden();
  await toggle.locator('summary').click();
  await expect(toggle.getByText('Entry hash', { exact: true })).toBeVisible();
  await expect(toggle.getByText('user-created', { exact: true })).toBeVisible();
  await page.screenshot({ path: '/tmp/l-custody-technical.png', fullPage: true });

  // The same filter as a PDF, beside the CSV; also logged.
  const pdfDownload = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Export PDF' }).click();
  const pdfFile = await pdfDownload;
  expect(pdfFile.suggestedFilename()).toMatch(/^custody-log-[\d-]+\.pdf$/);
  const pdfSaved = path.join(path.dirname(saved), pdfFile.suggestedFilename());
  await pdfFile.saveAs(pdfSaved);
  expect(fs.readFileSync(pdfSaved).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(log.getByRole('status')).toContainText(`Saved ${pdfFile.suggestedFilename()}: ${csv.length - 1} `);

  await form.getByLabel('Action').fill('Audit log exported');
  await form.getByLabel(/^From/).fill('');
  await form.getByLabel(/^To/).fill('');
  await form.getByRole('button', { name: 'Filter log' }).click();
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(0)).toContainText('as PDF file');
  await expect(rows.nth(1)).toContainText('as CSV file');
  await page.screenshot({ path: '/tmp/l-custody-export-logged.png', fullPage: true });

  await form.getByLabel(/^From/).fill(day(2));
  await form.getByRole('button', { name: 'Filter log' }).click();
  await expect(rows).toHaveCount(0);
  await form.getByLabel(/^From/).fill('11/03/2026');
  await form.getByRole('button', { name: 'Filter log' }).click();
  await expect(log.getByRole('alert')).toContainText('yyyy-mm-dd');
});
