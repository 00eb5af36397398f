import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi } from './uiSteps';

/**
 * Issue 11 in Chromium: the custodian exports an approved request from the request page (the
 * password asked again, progress, the result with the package path and the disc table), then the
 * recipient opens the package's own VERIFY.html from file:// and picks the folder: intact; one
 * byte changed in a media file: not intact, naming the file.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());

const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };
const SHOTS = process.env.EXPORT_SHOTS ?? '/tmp';

function cli(dataDir: string, args: string[], env: Record<string, string> = {}): { code: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as unknown, stderr: r.stderr };
}

function ok(r: { code: number | null; stderr: string }): void {
  expect(r.code, r.stderr).toBe(0);
}

async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  const main = page.locator('main');
  const height = (await main.count()) ? await main.evaluate((el) => el.scrollHeight + 60) : size.height;
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 6000) });
  await page.screenshot({ path: path.join(SHOTS, `h-export-${name}.png`) });
  await page.setViewportSize(size);
}

test('export a release package from the request page and check it with its own VERIFY.html', async ({ page, context }) => {
  test.setTimeout(240_000);
  app = await startApp();
  const clips = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-export-e2e-'));
  await makeClip(clips, 'AXON_0201.mp4', { seconds: 1, width: 320, height: 240 });
  const sidecar = path.join(clips, 'sidecar.csv');
  fs.writeFileSync(sidecar, 'file,officer,badge,school,incident,recorded_start,location_type,minors_present,minors\nAXON_0201.mp4,Ofc. A. Rivera,1123,,26-00601,2026-11-18T12:10:00-05:00,public,no,\n');
  await setUpAgencyInUi(page, app.launchUrl);

  // The request, prepared by the administrator-custodian and signed by a separate legal reviewer (CLI).
  const ingest = cli(app.dataDir, ['ingest', clips, '--sidecar', sidecar]);
  ok(ingest);
  const rec = (ingest.json as { ingested: { id: string }[] }).ingested[0].id;
  ok(cli(app.dataDir, ['users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer'], { CUSTODIAN_NEW_PASSWORD: REVIEWER.password }));
  const added = cli(app.dataDir, ['request', 'add', '--name', 'Jordan Avery', '--email', 'jordan.avery@example.com', '--category', 'public', '--received', new Date().toISOString(), '--description', 'Hallway video of 18 November.', '--residency', 'ky-resident', '--recordings', rec]);
  ok(added);
  const id = String((added.json as { id: number }).id);
  ok(cli(app.dataDir, ['request', 'submit', id]));
  const asLee = { CUSTODIAN_USER: REVIEWER.username, CUSTODIAN_PASSWORD: REVIEWER.password };
  ok(cli(app.dataDir, ['request', 'decide', id, '--recording', rec, '--decision', 'approve', '--reason', 'Public place, no minors.'], asLee));
  ok(cli(app.dataDir, ['request', 'sign', id], asLee));
  ok(cli(app.dataDir, ['request', 'letter', id, '--kind', 'approval', '--out', path.join(clips, 'approval.pdf')]));

  // The custodian exports from the request page.
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-export-usb-'));
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  const panel = page.getByRole('region', { name: 'Release package' });
  await panel.getByRole('button', { name: 'Export release package…' }).click();
  await expect(panel).toContainText('1 recording,');
  await panel.getByRole('button', { name: 'Browse for destination…' }).click();
  const browser = page.getByRole('dialog', { name: 'Choose where the package goes' });
  await browser.getByLabel('Go to folder').fill(dest);
  await browser.getByRole('button', { name: 'Go', exact: true }).click();
  await browser.getByRole('button', { name: /^Choose this folder/ }).click();
  await expect(panel.getByLabel('Destination folder')).toHaveValue(dest);
  await panel.getByLabel('Disc (ISO image to burn)').check();
  await panel.getByLabel('Recipient (who receives it, and how)').fill('Jordan Avery (collected in person, USB drive)');
  await shot(page, 'form');
  await panel.getByRole('button', { name: 'Export', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm with your password' });
  await confirm.getByLabel('Your password').fill(ADMIN.password);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  const result = panel.getByRole('status', { name: 'Export result' });
  await expect(result).toContainText(/Exported PRR-00001-PKG-\d{8}-[0-9A-F]{6}/, { timeout: 60_000 });
  await expect(result).toContainText('CD-R (700 MB)');
  await expect(result).toContainText('Disc image');
  await expect(panel.getByRole('list', { name: 'Packages exported' })).toContainText('Jordan Avery (collected in person, USB drive)');
  await expect(page.getByRole('region', { name: 'Custody events for this request' })).toContainText(/Release exported/i);
  await shot(page, 'result');
  const pkgName = fs.readdirSync(dest).find((n) => n.startsWith('PRR-00001-PKG-'))!;
  const pkg = path.join(dest, pkgName);
  expect(fs.readdirSync(dest).sort()).toEqual([pkgName, 'PRR-00001.iso'].sort());

  // The recipient's side: the package's own VERIFY.html, from file://, with no Custodian.
  const verify = await context.newPage();
  const verifyUrl = pathToFileURL(path.join(pkg, 'VERIFY.html')).href;
  const check = async () => {
    await verify.goto(verifyUrl);
    await verify.locator('#folder').setInputFiles(pkg);
    await expect(verify.locator('#verdict')).not.toHaveText(/Not checked yet|Checking/, { timeout: 60_000 });
  };
  await check();
  await expect(verify.locator('#verdict')).toContainText('INTACT: all');
  await verify.screenshot({ path: path.join(SHOTS, 'h-export-verify-intact.png'), fullPage: true });

  const media = fs.readdirSync(path.join(pkg, 'data', 'media'))[0];
  const file = path.join(pkg, 'data', 'media', media);
  const bytes = fs.readFileSync(file);
  bytes[100] ^= 0x01;
  fs.writeFileSync(file, bytes);
  await check();
  await expect(verify.locator('#verdict')).toContainText('NOT INTACT');
  await expect(verify.locator('#problems')).toContainText(`data/media/${media}`);
  await expect(verify.locator('#problems')).toContainText('has changed');
  await verify.screenshot({ path: path.join(SHOTS, 'h-export-verify-tampered.png'), fullPage: true });

  // The CLI agrees with the page.
  const v = cli(app.dataDir, ['verify-package', pkg]);
  expect(v.code).toBe(1);
  expect((v.json as { problems: { path: string }[] }).problems.map((p) => p.path)).toEqual([`data/media/${media}`]);
  fs.rmSync(clips, { recursive: true, force: true });
  fs.rmSync(dest, { recursive: true, force: true });
});
