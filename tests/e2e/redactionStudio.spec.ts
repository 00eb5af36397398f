import { test, expect, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMethod } from '../../shared/contract';
import { fixtureFfmpeg } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());

const SHOTS = '/tmp';

const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };

function cli(dataDir: string, ...args: string[]) {
  return cliAs(ADMIN, {}, dataDir, ...args);
}

function cliAs(who: { username: string; password: string }, env: Record<string, string>, dataDir: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: who.username, CUSTODIAN_PASSWORD: who.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as Record<string, unknown> };
}

/** 320×240, 4 s at 15 fps: a red 40×40 square crossing a grey frame at 60 px/s (x = 20 + 60t, y = 100), a 440 Hz tone. */
function movingTargetClip(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-studio-'));
  const out = path.join(dir, 'HALLWAY_0007.mp4');
  execFileSync(fixtureFfmpeg(), [
    '-hide_banner', '-nostdin', '-v', 'error',
    '-f', 'lavfi', '-i', 'color=c=0x808080:s=320x240:r=15:d=4',
    '-f', 'lavfi', '-i', 'color=c=red:s=40x40:r=15:d=4',
    '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=4',
    '-filter_complex', "[0:v][1:v]overlay=x='20+60*t':y=100:shortest=1[v]",
    '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-t', '4', '-y', out,
  ]);
  return out;
}

/** The target's box at t, as fractions of the 320×240 frame. */
const target = (t: number) => ({ x: (20 + 60 * t) / 320, y: 100 / 240, w: 40 / 320, h: 40 / 240 });

async function seekTo(page: Page, t: number) {
  await page.getByRole('group', { name: 'Player controls' }).getByLabel('Seek').fill(String(t));
  await expect.poll(() => page.locator('video').first().evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(t, 1);
}

/** Pointer drag between two points given as fractions of the drawing area. */
async function dragOnPicture(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const area = await page.getByLabel('Drawing area').boundingBox();
  if (!area) throw new Error('no drawing area');
  await page.mouse.move(area.x + from.x * area.width, area.y + from.y * area.height);
  await page.mouse.down();
  await page.mouse.move(area.x + ((from.x + to.x) / 2) * area.width, area.y + ((from.y + to.y) / 2) * area.height, { steps: 4 });
  await page.mouse.move(area.x + to.x * area.width, area.y + to.y * area.height, { steps: 4 });
  await page.mouse.up();
}

const centre = (b: { x: number; y: number; w: number; h: number }) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });

/** Setup, ingest, open the studio, draw a region that follows the target, mute a range, fill the exemption log. */
async function prepareStudio(page: Page): Promise<void> {
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  const added = cli(app.dataDir, 'ingest', movingTargetClip());
  expect(added.code).toBe(0);

  await nav(page, 'Library');
  await page.getByRole('link', { name: 'HALLWAY_0007.mp4' }).click();
  await expect(page.getByRole('heading', { name: 'HALLWAY_0007.mp4' })).toBeVisible();
  await page.getByRole('button', { name: 'Redact…' }).click();
  await expect(page.getByRole('heading', { name: /Redaction studio/ })).toBeVisible();
  const video = page.locator('video').first();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(page.getByRole('timer', { name: 'Playback time' }).first()).toHaveText(/^00:00:00\.000 \/ 00:00:04\.\d{3}$/);

  // Draw around the target at 0 s (a little margin on every side).
  const pad = 0.02;
  const t0 = target(0);
  await page.getByRole('button', { name: 'Rectangle' }).click();
  await dragOnPicture(page, { x: t0.x - pad, y: t0.y - pad }, { x: t0.x + t0.w + pad, y: t0.y + t0.h + pad });
  const regions = page.getByRole('region', { name: 'Regions' });
  await expect(regions.getByRole('button', { name: /^Region 1,/ })).toBeVisible();
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-1-drawn.png') });

  // Follow it: move the box onto the target at 2 s and at 3.5 s (each adds or replaces a keyframe).
  for (const t of [2, 3.5]) {
    await seekTo(page, t);
    const box = await page.getByRole('button', { name: 'Region 1', exact: true }).boundingBox();
    const area = (await page.getByLabel('Drawing area').boundingBox())!;
    const from = { x: (box!.x + box!.width / 2 - area.x) / area.width, y: (box!.y + box!.height / 2 - area.y) / area.height };
    await dragOnPicture(page, from, centre(target(t)));
  }
  await expect(regions).toContainText('3 keyframes');
  await expect(regions).toContainText(/00:00:00\.000–00:00:03\.(4[67]\d|500)/);

  // Between keyframes the preview box sits on the moving target (linear interpolation).
  await seekTo(page, 2.8);
  const shown = await page.getByRole('button', { name: 'Region 1', exact: true }).boundingBox();
  const area = (await page.getByLabel('Drawing area').boundingBox())!;
  const tc = centre(target(2.8));
  expect(Math.abs((shown!.x + shown!.width / 2 - area.x) / area.width - tc.x)).toBeLessThan(0.03);
  expect(Math.abs((shown!.y + shown!.height / 2 - area.y) / area.height - tc.y)).toBeLessThan(0.03);
  // Solid fill, opaque, in the fill colour.
  await expect(page.getByRole('button', { name: 'Region 1', exact: true })).toHaveCSS('background-color', 'rgb(0, 0, 0)');

  // A mute range from the in and out marks.
  await seekTo(page, 1);
  await page.getByRole('button', { name: 'Mark in' }).click();
  await seekTo(page, 2);
  await page.getByRole('button', { name: 'Mark out' }).click();
  const stream = page.getByRole('group', { name: 'Audio stream 1' });
  await stream.getByRole('button', { name: 'Mute in–out' }).click();
  await expect(stream).toContainText('00:00:01.000');

  // Nothing renders without the exemption log.
  const blocking = page.getByRole('region', { name: 'Before rendering' });
  await expect(blocking).toContainText('Region 1 needs an exemption and a one-line explanation.');
  await expect(page.getByRole('button', { name: 'Render redacted copy' })).toBeDisabled();

  await regions.getByRole('button', { name: /^Region 1,/ }).click();
  await regions.getByLabel('Region 1 exemption').selectOption({ label: 'KRS 61.168(4)(e) — A child (citation not yet verified)' });
  await regions.getByLabel('Region 1 explanation').fill('Face of a student walking through the hallway');
  await stream.getByLabel('Audio range 1 exemption').selectOption({ label: 'KRS 61.168(4)(e) — A child (citation not yet verified)' });
  await stream.getByLabel('Audio range 1 explanation').fill('Student says her name');
  await expect(blocking).toHaveCount(0);

  // Undo and redo the explanation of the audio range (outside the text field).
  await page.getByRole('heading', { name: /Redaction studio/ }).click();
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('region', { name: 'Before rendering' })).toContainText('Audio range 1 needs a one-line explanation.');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByRole('region', { name: 'Before rendering' })).toHaveCount(0);
  // The timeline has its pictures and the sound of the stream.
  await expect(page.locator('.tl-film img')).toHaveCount(24, { timeout: 30_000 });
  await expect(page.locator('.tl-wave svg.waveform')).toHaveCount(1, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await expect(page.getByLabel('Timeline zoom')).toHaveText('Zoom 2×');
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-2-plan.png') });
}

test('the redaction studio: a region that follows a moving target, a muted range, the exemption log', async ({ page }) => {
  await prepareStudio(page);
  // The draft survives leaving the studio.
  await page.getByRole('link', { name: '← Back to the recording' }).click();
  await page.getByRole('button', { name: 'Redact…' }).click();
  await expect(page.getByRole('region', { name: 'Regions' })).toContainText('3 keyframes');
  await expect(page.getByRole('group', { name: 'Audio stream 1' })).toContainText('00:00:02.000');

  // Drawing without a mouse: E chooses the ellipse, N puts one in the middle, ] grows it, → moves it, Delete removes it.
  await page.getByRole('heading', { name: /Redaction studio/ }).click();
  const regions = page.getByRole('region', { name: 'Regions' });
  await page.keyboard.press('e');
  await page.keyboard.press('n');
  await expect(regions.getByRole('button', { name: /^Region 2,/ })).toHaveAttribute('aria-pressed', 'true');
  const drawn = page.getByRole('button', { name: 'Region 2', exact: true });
  const before = await drawn.boundingBox();
  await page.keyboard.press(']');
  await page.keyboard.press('Shift+]');
  await page.keyboard.press('ArrowRight');
  const after = await drawn.boundingBox();
  expect(before && after).toBeTruthy();
  expect(after!.width).toBeGreaterThan(before!.width + 4);
  expect(after!.x + after!.width / 2).toBeGreaterThan(before!.x + before!.width / 2);
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-keyboard-region.png') });
  await page.keyboard.press('Delete');
  await expect(regions.getByRole('button', { name: /^Region 2,/ })).toHaveCount(0);
});

test('the redaction studio renders with progress, the leak check passes, the copy is in the library, the reviewer signs it and it is released', async ({ page }) => {
  test.fixme(!isMethod('redaction.render'), 'The core has no redaction.render in this build yet (shared/contract/redaction.ts).');
  await prepareStudio(page);
  await page.getByRole('button', { name: 'Render redacted copy' }).click();
  await expect(page.getByRole('progressbar', { name: 'Render progress' }).or(page.getByText('Render finished.'))).toBeVisible({ timeout: 30_000 });
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-3-rendering.png') });
  const report = page.getByRole('region', { name: 'Leak check' });
  await expect(report).toContainText(/Passed: [\d,]+ frames checked/, { timeout: 90_000 });
  await expect(report.locator('video')).toHaveCount(1);
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-4-checked.png'), fullPage: true });

  // The copy is a new item in the library, with its custody history and its original named.
  await nav(page, 'Library');
  await page.getByLabel('Show').selectOption('redacted-copy');
  await page.getByRole('link', { name: /^HALLWAY_0007 \(redacted, plan v1\)/ }).click();
  await expect(page.getByRole('note').filter({ hasText: 'Redacted copy rendered in the studio' })).toContainText('Its leak check passed.');
  await expect(page.locator('body')).toContainText(/Redacted copy rendered/i);
  const copyId = (await page.url()).split('/').pop()!;
  await page.screenshot({ path: path.join(SHOTS, 'g-studio-5-copy-page.png'), fullPage: true });

  // A request for the original: the reviewer decides "approve with redaction" and signs in the UI, then the copy is released.
  const original = (cli(app.dataDir, 'recordings', 'list').json as unknown as { id: string }[])[0]!.id;
  expect(cliAs(ADMIN, { CUSTODIAN_NEW_PASSWORD: REVIEWER.password }, app.dataDir, 'users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer').code).toBe(0);
  // Unknown facts are the protective case: nothing but a withholding can be signed until they are set.
  expect(cli(app.dataDir, 'recordings', 'set', original, '--location-type', 'public', '--minors-present', 'no').code).toBe(0);
  const filed = cli(app.dataDir, 'request', 'add', '--name', 'Pat Public', '--email', 'pat@example.org', '--category', 'public', '--received', new Date().toISOString(), '--description', 'Hallway video', '--recordings', original);
  expect(filed.code).toBe(0);
  const requestId = String((filed.json as { id: number }).id);
  expect(cli(app.dataDir, 'request', 'submit', requestId).code).toBe(0);
  const decided = cliAs(REVIEWER, {}, app.dataDir, 'request', 'decide', requestId, '--recording', original, '--decision', 'approve-redacted', '--reason', 'A bystander in the corridor is identifiable; the face and the spoken name are redacted.');
  expect(decided.code, JSON.stringify(decided.json)).toBe(0);
  await signOut(page);
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: /^PRR-/ }).first().click();
  await expect(page.getByRole('region', { name: 'Legal sign-off' })).toContainText(`Copy ${copyId}`);
  await page.getByRole('button', { name: 'Sign off' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm with your password' });
  await confirm.getByLabel('Your password').fill(REVIEWER.password);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('region', { name: 'Signed legal decision' })).toContainText('Signature valid');
  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: /^PRR-/ }).first().click();
  await page.getByRole('button', { name: 'Release', exact: true }).click();
  await page.getByRole('dialog', { name: 'Release these recordings?' }).getByRole('button', { name: /^Release \d+ recordings?$/ }).click();
  await expect(page.getByLabel('Status')).toHaveText('Released');
});
