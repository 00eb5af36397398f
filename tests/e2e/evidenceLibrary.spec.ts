import { test, expect } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());

function cli(dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes' },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as Record<string, unknown> };
}

test('a custodian sets up, ingests a folder with a sidecar, finds, plays, edits, reports and verifies', async ({ page }) => {
  app = await startApp();
  const shots = path.join('test-results', 'screens');
  fs.mkdirSync(shots, { recursive: true });

  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-day-'));
  await makeClip(folder, 'AXON_0001.mp4', { seconds: 2, width: 320, height: 240 });
  await makeClip(folder, 'AXON_0002.mp4', { seconds: 1, width: 320, height: 240 });
  await makeClip(folder, 'AXON_0003.mkv', { seconds: 1, codec: 'hevc', container: 'mkv' });
  const sidecar = path.join(os.tmpdir(), `sidecar-${Date.now()}.csv`);
  fs.writeFileSync(
    sidecar,
    'file,officer,badge,school,incident,recorded_start,minors_present,minors,notes\r\n' +
      'AXON_0001.mp4,Ofc. A. Rivera,1123,Lincoln Elementary,24-00123,2024-03-05T14:22:00-05:00,yes,witness,"Hallway, near gym"\r\n' +
      'AXON_0002.mp4,Ofc. B. Chen,2045,Roosevelt High,24-00200,2024-03-06 09:00,no,,Parking lot\r\n',
  );

  await setUpAgencyInUi(page, app.launchUrl);
  await page.screenshot({ path: path.join(shots, 'dashboard.png') });

  await nav(page, 'Ingest');
  await page.getByLabel('Type or paste a path').fill(folder);
  await page.getByRole('button', { name: 'Add path' }).click();
  await page.getByLabel('Sidecar file (CSV or JSON, optional)').fill(sidecar);
  await page.getByRole('button', { name: /Start ingest/ }).click();
  const job = page.getByRole('listitem', { name: /^Job:/ }).first();
  await expect(job).toContainText('3 ingested', { timeout: 60_000 });
  await page.screenshot({ path: path.join(shots, 'ingest-done.png'), fullPage: true });

  await nav(page, 'Library');
  await expect(page.getByRole('table', { name: 'Recordings' })).toContainText('AXON_0002.mp4');
  // Each row shows the thumbnail made at ingest.
  await expect(page.getByRole('img', { name: 'Thumbnail of AXON_0002.mp4' })).toBeVisible({ timeout: 20_000 });
  await page.screenshot({ path: path.join(shots, 'library.png'), fullPage: true });
  await page.getByLabel('Search recordings').fill('Rivera');
  await expect(page.getByRole('link', { name: 'AXON_0002.mp4' })).toHaveCount(0);
  await page.getByRole('link', { name: 'AXON_0001.mp4' }).click();

  await expect(page.getByRole('heading', { name: 'AXON_0001.mp4' })).toBeVisible();
  await expect(page.getByLabel('Officer')).toHaveValue('Ofc. A. Rivera');
  const video = page.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  const before = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await page.getByRole('button', { name: 'Forward one frame' }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(before);
  // Hours, minutes, seconds and milliseconds, with the frame number beside them.
  await expect(page.getByRole('timer', { name: 'Playback time' })).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3} \/ \d{2}:\d{2}:\d{2}\.\d{3}$/);
  await expect(page.getByLabel('Frame number')).toHaveText(/^frame \d+$/);
  await page.screenshot({ path: path.join(shots, 'player.png') });

  await page.getByLabel('Notes').fill('Hallway, near gym. Reviewed for the March request.');
  await page.getByLabel('Use of force').check();
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Details saved')).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Custody timeline' });
  await expect(timeline).toContainText(/Ingest/i);
  await expect(timeline).toContainText(/Playback/i);
  await expect(timeline).toContainText(/Metadata changed/i);
  await page.screenshot({ path: path.join(shots, 'recording.png'), fullPage: true });

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Custody report (PDF)' }).click();
  const download = await downloadPromise;
  const pdfPath = path.join(shots, 'custody-report.pdf');
  await download.saveAs(pdfPath);
  expect(fs.readFileSync(pdfPath).subarray(0, 5).toString()).toBe('%PDF-');

  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByRole('status', { name: 'Verification result' })).toContainText(/intact|verified/i);

  // The command line over the same data folder agrees.
  const verify = cli(app.dataDir, 'custody', 'verify');
  expect(verify.code).toBe(0);
  expect(verify.json).toMatchObject({ ok: true, firstBadSeq: null });
  const fixity = cli(app.dataDir, 'fixity');
  expect(fixity.code).toBe(0);
  expect(fixity.json).toMatchObject({ ok: true, checked: 3, mismatched: [], missing: [] });
  const list = cli(app.dataDir, 'recordings', 'list');
  const recs = list.json as unknown as { id: string; sha256: string; originalName: string }[];
  expect(recs.map((r) => r.originalName).sort()).toEqual(['AXON_0001.mp4', 'AXON_0002.mp4', 'AXON_0003.mkv']);

  // A byte flipped behind the app's back is caught and named, in the CLI and on the dashboard.
  const victim = recs.find((r) => r.originalName === 'AXON_0002.mp4')!;
  const objectFile = path.join(app.dataDir, 'objects', victim.sha256.slice(0, 2), victim.sha256.slice(2, 4), victim.sha256);
  fs.chmodSync(objectFile, 0o600);
  const fd = fs.openSync(objectFile, 'r+');
  const b = Buffer.alloc(1);
  fs.readSync(fd, b, 0, 1, 100);
  b[0] ^= 0xff;
  fs.writeSync(fd, b, 0, 1, 100);
  fs.closeSync(fd);
  const bad = cli(app.dataDir, 'fixity');
  expect(bad.code).toBe(1);
  expect(bad.json).toMatchObject({ ok: false, mismatched: [{ id: victim.id, sha256: victim.sha256 }] });
  await nav(page, 'Dashboard');
  await expect(page.getByText(new RegExp(`Recording ${victim.id} no longer matches`)).first()).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'dashboard-finding.png'), fullPage: true });
  expect(execFileSync('sha256sum', [objectFile]).toString().split(' ')[0]).not.toBe(victim.sha256);
});

test('a playable copy that was never finished is made from the recording page, with progress', async ({ page }) => {
  app = await startApp();
  const shots = path.join('test-results', 'screens');
  fs.mkdirSync(shots, { recursive: true });
  await setUpAgencyInUi(page, app.launchUrl);

  // Added from the command line told to leave the viewing copies for later.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-avi-'));
  const clip = await makeClip(folder, 'CAM_0042.avi', { seconds: 3, container: 'avi', codec: 'mpeg4', width: 320, height: 240 });
  const added = cli(app.dataDir, 'ingest', '--no-viewing-copies', clip);
  expect(added.code).toBe(0);
  const id = (added.json as unknown as { ingested: { id: string }[] }).ingested[0]!.id;

  await nav(page, 'Library');
  await page.getByRole('link', { name: 'CAM_0042.avi' }).click();
  await expect(page.getByRole('heading', { name: 'CAM_0042.avi' })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Viewing copy' });
  const make = panel.getByRole('button', { name: /^Make .*playable copy$/ });
  await expect(make).toBeVisible();
  await expect(panel).toContainText('no playable copy has been made');
  await page.screenshot({ path: path.join(shots, 'recording-make-playable-copy.png'), fullPage: true });

  await make.click();
  // The panel shows the job and goes away once the copy exists; the player then plays it.
  await expect(panel).toHaveCount(0, { timeout: 60_000 });
  const video = page.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByText('viewing copy ·', { exact: false })).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Custody timeline' });
  await expect(timeline).toContainText(/Playable copy made/);

  const shown = cli(app.dataDir, 'recordings', 'show', id);
  expect(shown.json).toMatchObject({ hasProxy: true, viewingCopiesMissing: [] });
});
