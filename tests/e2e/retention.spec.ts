import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

/**
 * Issue 13 in Chromium: a recording recorded 70 days ago is past KDLA L6707's 60 days. The
 * custodian sees it on the recording page, places and releases a hold, proposes it for
 * destruction and cannot approve their own batch; a legal reviewer approves it with their
 * password, and the certificate downloads; the Destroyed tab shows its tombstone.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());

const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };
const SHOTS = process.env.RETENTION_SHOTS ?? '/tmp';

function cli(dataDir: string, args: string[], env: Record<string, string> = {}): { code: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as unknown, stderr: r.stderr };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SHOTS, `j-${name}.png`), fullPage: true });
}

test('retention: due, hold and release, propose, second-person approval, certificate', async ({ page }) => {
  test.setTimeout(180_000);
  app = await startApp();
  const clips = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-retention-e2e-'));
  await makeClip(clips, 'AXON_0301.mp4', { seconds: 1, width: 320, height: 240 });
  const recorded = new Date(Date.now() - 70 * 24 * 3600 * 1000).toISOString();
  const sidecar = path.join(clips, 'sidecar.csv');
  fs.writeFileSync(sidecar, `file,officer,badge,school,incident,recorded_start,location_type,minors_present,minors\nAXON_0301.mp4,Ofc. A. Rivera,1123,,26-00701,${recorded},public,no,\n`);
  await setUpAgencyInUi(page, app.launchUrl);
  const ingest = cli(app.dataDir, ['ingest', clips, '--sidecar', sidecar]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const rec = (ingest.json as { ingested: { id: string }[] }).ingested[0].id;
  const added = cli(app.dataDir, ['users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer'], { CUSTODIAN_NEW_PASSWORD: REVIEWER.password });
  expect(added.code, added.stderr).toBe(0);

  // The recording page shows its retention date and why; the custodian places a hold.
  await page.goto(`${new URL(page.url()).origin}/#/recordings/${encodeURIComponent(rec)}`);
  const panel = page.getByRole('region', { name: 'Retention' });
  await expect(panel).toContainText('L6707');
  await panel.getByRole('button', { name: 'Place a hold…' }).click();
  await panel.getByLabel('Kind of hold').selectOption('complaint');
  await panel.getByLabel('Reason').fill('Citizen complaint 26-C-12 under review');
  await panel.getByRole('button', { name: 'Place hold' }).click();
  await expect(panel).toContainText('Citizen complaint 26-C-12');
  await shot(page, 'recording-hold');

  await nav(page, 'Retention');
  await expect(page.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
  await page.getByRole('tab', { name: 'Rules' }).click();
  await expect(page.getByText('L6707 Body-Worn Camera Recordings')).toBeVisible();
  await expect(page.getByText(/30 days have passed \(KRS 61\.880\(5\)\(a\)/)).toBeVisible();
  // The administrator sets the rule (the password again): 65 days, still past for a recording made 70 days ago.
  await page.getByRole('button', { name: 'Edit rule L6707' }).click();
  await page.getByLabel('Days to keep').fill('65');
  await page.getByRole('button', { name: 'Save rule' }).click();
  const ruleConfirm = page.getByRole('dialog', { name: 'Confirm with your password' });
  await ruleConfirm.getByLabel('Your password').fill(ADMIN.password);
  await ruleConfirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByText('Keep 65 days from the recorded start')).toBeVisible();
  await shot(page, 'rules');
  await page.getByRole('tab', { name: /Due soon/ }).click();
  await expect(page.getByRole('table')).toContainText('On hold');
  await expect(page.getByLabel(`Choose ${rec}`)).toBeDisabled();
  await shot(page, 'due-held');
  await page.getByRole('tab', { name: /On hold/ }).click();
  await shot(page, 'on-hold');
  await page.getByRole('button', { name: 'Release…' }).click();
  await page.getByLabel('Reason for releasing').fill('Complaint closed; no further review');
  await page.getByRole('button', { name: 'Release hold' }).click();
  await expect(page.getByText('No recording is on hold.')).toBeVisible();

  await page.getByRole('tab', { name: /Due soon/ }).click();
  await page.getByLabel(`Choose ${rec}`).check();
  await page.getByRole('button', { name: 'Propose destruction of 1 recording' }).click();
  await expect(page.getByText(/Proposed destruction batch 1/)).toBeVisible();
  await page.getByRole('tab', { name: /Batches awaiting approval/ }).click();
  // The proposer (an administrator too) cannot approve their own batch.
  await expect(page.getByRole('button', { name: 'Approve and destroy batch 1' })).toBeDisabled();
  await expect(page.getByText('You proposed it; a second person must approve.')).toBeVisible();
  await shot(page, 'batch-awaiting');

  await signOut(page);
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await nav(page, 'Retention');
  await page.getByRole('tab', { name: /Batches awaiting approval/ }).click();
  await page.getByRole('button', { name: 'Approve and destroy batch 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Confirm with your password' });
  await dialog.getByLabel('Your password').fill(REVIEWER.password);
  await dialog.getByRole('button', { name: /Confirm|Continue|OK/ }).click();
  await expect(page.getByText(/Batch 1 approved and destroyed/)).toBeVisible({ timeout: 30_000 });
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download certificate 1 (PDF)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('destruction-certificate-batch-1.pdf');
  const saved = path.join(clips, 'certificate.pdf');
  await file.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 5).toString()).toBe('%PDF-');
  await shot(page, 'batch-destroyed');
  await page.getByRole('tab', { name: /Destroyed/ }).click();
  await expect(page.getByRole('table')).toContainText(rec);
  await shot(page, 'destroyed');

  // The destroyed recording's page is its tombstone, not "not in the library".
  await page.goto(`${new URL(page.url()).origin}/#/recordings/${encodeURIComponent(rec)}`);
  await expect(page.getByRole('heading', { name: 'AXON_0301.mp4', level: 1 })).toBeVisible();
  const tomb = page.getByRole('region', { name: 'Tombstone' });
  await expect(tomb).toContainText(rec);
  await expect(tomb).toContainText('L6707');
  await expect(tomb).toContainText(/Approved by\s*lee/);
  await expect(tomb).toContainText(/Destroyed\s*\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} E[SD]T by lee \(batch 1\)/);
  await expect(page.getByText('That recording is not in the library.')).toHaveCount(0);
  const tombDownload = page.waitForEvent('download');
  await tomb.getByRole('button', { name: 'Download certificate (PDF)' }).click();
  expect((await tombDownload).suggestedFilename()).toBe('destruction-certificate-batch-1.pdf');
  await shot(page, 'tombstone-page');

  // The chain still verifies and fixity names the destroyed recording (CLI, as the reviewer).
  const asLee = { CUSTODIAN_USER: REVIEWER.username, CUSTODIAN_PASSWORD: REVIEWER.password };
  const verify = cli(app.dataDir, ['custody', 'verify'], asLee);
  expect(verify.code, verify.stderr).toBe(0);
  expect((verify.json as { destroyed: { id: string }[] }).destroyed.map((d) => d.id)).toEqual([rec]);
  const fixity = cli(app.dataDir, ['fixity'], asLee);
  expect(fixity.code, fixity.stderr).toBe(0);
  fs.rmSync(clips, { recursive: true, force: true });
});
