import { test, expect, type Locator, type Page } from '@playwright/test';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, signIn, signOut } from './uiSteps';

/**
 * Issue 12, "Done when": the new-user walk in Chromium — set up, ingest a folder with a
 * sidecar, find, play, edit, custody report, file a request, legal review, deny a
 * school-district request, custody log — with a full-page picture of each screen in
 * test-results/new-user-walk/NN-name.png and the custody report's pages as PNGs beside them.
 * Every promise of the issue that a screen can show is asserted on the way.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());

// WALK_SHOTS: somewhere else, when other Playwright runs would empty test-results/ meanwhile.
const shots = process.env.WALK_SHOTS ?? path.join('test-results', 'new-user-walk');
const LEE = { username: 'lee', password: 'reviewer passphrase 2026', display: 'Lee Reviewer' };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
const agencyToday = () => new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' });

let shotNo = 0;
/** The shell scrolls inside <main>: the window is made as tall as the content for a full-page picture. */
async function shot(page: Page, name: string): Promise<void> {
  shotNo += 1;
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.locator('main').evaluate((el) => el.scrollHeight + 80).catch(() => size.height);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 8000) });
  await page.screenshot({ path: path.join(shots, `${String(shotNo).padStart(2, '0')}-${name}.png`), fullPage: true });
  await page.setViewportSize(size);
}

/** Messages a person reads (status lines, alerts, job cards) name files and people, never ids. */
async function expectNoIdsInMessages(page: Page): Promise<void> {
  const texts = await page.locator('[role=status], [role=alert], .job').allInnerTexts();
  for (const t of texts) expect(t, `a message shows an id: ${t}`).not.toMatch(UUID);
}

/** Exactly one button closes a dialog (its Cancel or its Close), besides Escape. */
async function expectOneClose(dialog: Locator): Promise<void> {
  await expect(dialog.getByRole('button', { name: /^(Close|Cancel)$/ })).toHaveCount(1);
}

/** Custody entries read as sentences; the JSON is gone, the details are folded away. */
async function expectPlainCustody(region: Locator): Promise<void> {
  await expect(region.locator('.custody-sentence').first()).toBeVisible();
  const text = await region.innerText();
  expect(text).not.toMatch(/\{\s*"/);
  expect(text).not.toMatch(/"\w+"\s*:/);
  const toggle = region.locator('details.technical-details').first();
  await expect(toggle.locator('summary')).toHaveText('Technical details');
  await expect(toggle.getByText('Entry hash', { exact: true })).toBeHidden();
  await toggle.locator('summary').click();
  await expect(toggle.getByText('Entry hash', { exact: true })).toBeVisible();
}

/** The core asks for the password again (re-authentication): one dialog, one Cancel. */
async function confirmWithPassword(page: Page, password: string, name?: string): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Confirm with your password' });
  await expectOneClose(dialog);
  await dialog.getByLabel('Your password').fill(password);
  if (name) await shot(page, name);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toHaveCount(0);
}

function cliJson(dataDir: string, args: string[]): unknown {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes' },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

async function download(page: Page, click: () => Promise<void>, dir: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await click();
  const file = await waiting;
  const saved = path.join(dir, file.suggestedFilename());
  await file.saveAs(saved);
  return saved;
}

test('the new-user walk: set up, ingest with a sidecar, find, play, edit, report, request, review, deny a school request, custody log', async ({ page }) => {
  test.setTimeout(180_000);
  fs.rmSync(shots, { recursive: true, force: true });
  fs.mkdirSync(shots, { recursive: true });
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-walk-dl-'));
  app = await startApp();

  // A day's card: two clips and the sidecar the camera system exported with them.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-walk-'));
  await makeClip(folder, 'AXON_0301.mp4', { seconds: 3, width: 320, height: 240 });
  await makeClip(folder, 'AXON_0302.mp4', { seconds: 2, width: 320, height: 240 });
  const sidecar = path.join(folder, 'sidecar.csv');
  fs.writeFileSync(
    sidecar,
    'file,officer,badge,school,incident,recorded_start,location_type,minors_present,minors,notes\r\n' +
      'AXON_0301.mp4,Ofc. A. Rivera,1123,Lincoln Elementary,26-00701,2026-11-18T12:10:00-05:00,school,yes,witness,Hallway near the gym\r\n' +
      'AXON_0302.mp4,Ofc. B. Chen,2045,Lincoln Elementary,26-00702,2026-11-18T13:05:00-05:00,public,no,,Parking lot on Elm Street\r\n',
  );

  // 1. Set up the agency: the password rule is on the form before anything is typed.
  await page.goto(app.launchUrl);
  await expect(page.getByRole('button', { name: 'Set up Custodian' })).toBeVisible();
  await expect(page.getByText(/At least 12 characters/).first()).toBeVisible();
  await page.getByLabel('Agency name').fill('Springfield Police Department');
  await page.getByLabel('Agency address (for letterheads)').fill('100 Main Street\nSpringfield, KY 40069');
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.display);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByLabel('I have read and accept this notice').check();
  await shot(page, 'first-run');
  await page.getByRole('button', { name: 'Set up Custodian' }).click();
  await expect(page.getByLabel('I have printed or safely stored the recovery code')).toBeVisible();
  await shot(page, 'recovery-code');
  await page.getByLabel('I have printed or safely stored the recovery code').check();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await shot(page, 'sign-in');
  await signIn(page, ADMIN.username, ADMIN.password);
  await expect(page.locator('#main h1')).toHaveText('Dashboard');
  await shot(page, 'dashboard-first');

  // 2. A legal reviewer, made in the UI: no role ticked, the rule shown before a failure.
  await nav(page, 'Users');
  const create = page.getByRole('form', { name: 'Create user' });
  for (const role of ['Administrator', 'Custodian of records', 'Legal reviewer']) await expect(create.getByLabel(role)).not.toBeChecked();
  await expect(create.getByText(/At least 12 characters/)).toBeVisible();
  await create.getByLabel('New user name').fill(LEE.username);
  await create.getByLabel('New user display name').fill(LEE.display);
  await create.getByLabel('Initial password', { exact: true }).fill(LEE.password);
  await create.getByLabel('Confirm initial password').fill(LEE.password);
  await create.getByLabel('Legal reviewer').check();
  await shot(page, 'users-new');
  await create.getByRole('button', { name: 'Create user' }).click();
  await confirmWithPassword(page, ADMIN.password, 'users-confirm-password');
  await expect(page.getByRole('status').filter({ hasText: `User ${LEE.username} created.` })).toBeVisible();
  await expect(page.getByRole('table')).toContainText(LEE.display);
  await shot(page, 'users-created');

  // 3. Settings in tabs.
  await nav(page, 'Settings');
  await expect(page.getByRole('tablist', { name: 'Settings' })).toBeVisible();
  await shot(page, 'settings');

  // 4. Ingest the folder with its sidecar; the job is named by what it ingests, no ids anywhere.
  await nav(page, 'Ingest');
  await page.getByLabel('Type or paste a path').fill(folder);
  await page.getByRole('button', { name: 'Add path' }).click();
  await page.getByLabel('Sidecar file (CSV or JSON, optional)').fill(sidecar);
  await shot(page, 'ingest-chosen');
  await page.getByRole('button', { name: /Start ingest/ }).click();
  const job = page.getByRole('listitem', { name: /^Job:/ }).first();
  await expect(job).toContainText('2 ingested', { timeout: 60_000 });
  await expect(job).not.toContainText(UUID);
  await expect(page.getByLabel('Sidecar file (CSV or JSON, optional)')).toHaveValue('');
  await expectNoIdsInMessages(page);
  await shot(page, 'ingest-done');

  // 5. Find it in the Library: thumbnails shown.
  await nav(page, 'Library');
  const table = page.getByRole('table', { name: 'Recordings' });
  await expect(table).toContainText('AXON_0302.mp4');
  await expect(page.getByRole('img', { name: 'Thumbnail of AXON_0301.mp4' })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('img', { name: 'Thumbnail of AXON_0302.mp4' })).toBeVisible({ timeout: 30_000 });
  for (const img of await page.getByRole('img', { name: /^Thumbnail of / }).all()) {
    expect(await img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  }
  // Column widths fit their content: no cell cuts its text off.
  const cut = await table.locator('tbody td').evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth + 1).map((c) => c.textContent));
  expect(cut).toEqual([]);
  await shot(page, 'library');
  await page.getByLabel('Search recordings').fill('Chen');
  await expect(page.getByRole('link', { name: 'AXON_0301.mp4' })).toHaveCount(0);
  await shot(page, 'library-search');
  await page.getByRole('link', { name: 'AXON_0302.mp4' }).click();

  // 6. Play it: HH:MM:SS.mmm with the frame number beside it.
  await expect(page.getByRole('heading', { name: 'AXON_0302.mp4' })).toBeVisible();
  await expect(page.getByLabel('Officer')).toHaveValue('Ofc. B. Chen');
  const video = page.locator('video');
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 30_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Play' }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Forward one frame' }).click();
  await expect(page.getByRole('timer', { name: 'Playback time' })).toHaveText(/^\d{2}:\d{2}:\d{2}\.\d{3} \/ 00:00:02\.\d{3}$/);
  await expect(page.getByLabel('Frame number')).toHaveText(/^frame \d+$/);
  await shot(page, 'recording-player');

  // 7. Edit its details; dates entered as yyyy-mm-dd; the timeline reads as sentences.
  await expect(page.getByLabel('Recorded start date')).toHaveValue('2026-11-18');
  await page.getByLabel('Notes').fill('Parking lot on Elm Street. Reviewed for the November request.');
  await page.getByRole('button', { name: 'Save details' }).click();
  await expect(page.getByText('Details saved')).toBeVisible();
  const timeline = page.getByRole('region', { name: 'Custody timeline' });
  await expect(timeline).toContainText(/Metadata changed/i);
  await expect(timeline).toContainText(/Ingested/i);
  await expectPlainCustody(timeline);
  // One size reads the same in the facts and in the custody sentence (decimal kB).
  const mainText = await page.locator('#main').innerText();
  expect(mainText).not.toMatch(/\d KB\b/);
  const size = /\((\d+\.\d kB)\)/.exec(await timeline.innerText())?.[1];
  expect(size).toBeTruthy();
  expect(mainText).toContain(`${size} (`);
  await shot(page, 'recording-edited');

  // 8. The custody report: page N of M, whole hashes, the signed checkpoint, how to verify.
  const recordings = cliJson(app.dataDir, ['recordings', 'list']) as { id: string; sha256: string; originalName: string }[];
  const rec = recordings.find((r) => r.originalName === 'AXON_0302.mp4')!;
  const pdf = await download(page, () => page.getByRole('button', { name: 'Custody report (PDF)' }).click(), downloads);
  expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
  await expect(page.getByRole('status').filter({ hasText: 'Custody report saved as' })).toBeVisible();
  await expectNoIdsInMessages(page);
  fs.copyFileSync(pdf, path.join(shots, 'custody-report.pdf'));
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
  for (let n = 1; n <= pages; n++) expect(text).toContain(`Page ${n} of ${pages}`);
  expect(text).toContain(rec.sha256);
  expect(text).toMatch(/checkpoint/i);
  expect(text).toMatch(/How to verify/i);
  expect(text).not.toMatch(/\{\s*"/);
  // Who did it, by the names of their roles, not the codes.
  expect(text).toContain('pat (Administrator, Custodian of records) at ');
  expect(text).not.toContain('administrator+custodian');
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, path.join(shots, 'custody-report-page')]);
  expect(fs.readdirSync(shots).filter((f) => f.startsWith('custody-report-page')).length).toBe(pages);

  // 9. A records request for the parking-lot clip, with the date typed as yyyy-mm-dd.
  await nav(page, 'Requests');
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Requester name').fill('Jordan Avery');
  await page.getByLabel('E-mail address', { exact: true }).fill('jordan.avery@example.com');
  await page.getByLabel('Requester category').selectOption('public');
  await expect(page.getByLabel('Date received')).toHaveAttribute('placeholder', /yyyy-mm-dd/i);
  await expect(page.getByLabel('Date received')).toHaveValue(/^\d{4}-\d{2}-\d{2}$/);
  await page.getByLabel('Date received').fill(agencyToday());
  await page.getByLabel('What was asked for (description)').fill('Body-worn video of the parking lot on Elm Street, 18 November 2026.');
  await page.getByLabel('Search recordings').fill('AXON_0302');
  await page.getByLabel('Link AXON_0302.mp4').check();
  await shot(page, 'request-new');
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00001 · Jordan Avery' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start preparing' })).toHaveClass(/primary/);
  await page.getByRole('button', { name: 'Start preparing' }).click();
  await expect(page.getByLabel('Status')).toHaveText('In preparation');
  await page.getByRole('button', { name: 'Send to legal review' }).click();
  await expect(page.getByLabel('Status')).toHaveText('Awaiting legal review');
  await expectPlainCustody(page.getByRole('region', { name: 'Custody events for this request' }));
  await shot(page, 'request-sent-to-review');

  // 10. A request from a school district address: blocked, the denial is the only way.
  await nav(page, 'Requests');
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Requester name').fill('Sam Staff');
  await page.getByLabel('E-mail address', { exact: true }).fill('staff@fcps.kyschools.us');
  await page.getByLabel('Requester category').selectOption('public');
  await page.getByLabel('What was asked for (description)').fill('The hallway video, for the school discipline file.');
  await page.getByLabel('Search recordings').fill('AXON_0301');
  await page.getByLabel('Link AXON_0301.mp4').check();
  await expect(page.getByRole('note', { name: 'School personnel detected' })).toBeVisible();
  await shot(page, 'school-request-new');
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00002 · Sam Staff' })).toBeVisible();
  const block = page.getByRole('region', { name: 'School personnel: release blocked' });
  await expect(block).toContainText('No release path exists');
  await expect(page.getByRole('button', { name: 'Start preparing' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Release', exact: true })).toHaveCount(0);
  await shot(page, 'school-request-blocked');

  // A third request, filed from the command line and sent to review: the reviewer will allow only a viewing.
  const third = cliJson(app.dataDir, ['request', 'add', '--name', 'Robin Media', '--category', 'media', '--received', new Date().toISOString(), '--description', 'The parking-lot video.', '--recordings', rec.id]) as { reference: string };
  expect(third.reference).toBe('PRR-00003');
  cliJson(app.dataDir, ['request', 'submit', '3']);

  // 11. Legal review by another user: the review queue on the dashboard, the sign-off with the password.
  await signOut(page);
  await signIn(page, LEE.username, LEE.password);
  await expect(page.locator('#main h1')).toHaveText('Dashboard');
  const tiles = page.getByRole('group', { name: 'Request deadlines' });
  await expect(tiles.getByRole('link', { name: '2 waiting on legal review', exact: true })).toBeVisible();
  await shot(page, 'reviewer-dashboard');
  await tiles.getByRole('link', { name: '2 waiting on legal review', exact: true }).click();
  await expect(page.locator('.requests-table tbody tr')).toHaveCount(2);
  await expect(page.locator('.requests-table')).not.toContainText('PRR-00002');
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  const clip = page.getByRole('region', { name: 'Recording AXON_0302.mp4' });
  await expect(clip.getByLabel('Approve as is (proposed)')).toBeChecked();
  await clip.getByRole('button', { name: 'Save decision' }).click();
  await expect(clip.getByRole('status')).toContainText('Decision saved');
  await expect(page.getByRole('region', { name: 'Legal sign-off' })).toContainText('1 of 1 recording decided.');
  await shot(page, 'review-decided');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await confirmWithPassword(page, LEE.password, 'review-sign-off-dialog');
  await expect(page.getByLabel('Status')).toHaveText('Approved');
  await expect(page.getByRole('region', { name: 'Signed legal decision' })).toContainText('Signature valid');
  await expect(page.getByRole('region', { name: 'Signed legal decision' })).toContainText(/Outcome\s*Approved/);
  await shot(page, 'review-signed');

  // PRR-00003: on the premises only, so nothing can be handed over.
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00003' }).click();
  const viewOnly = page.getByRole('region', { name: 'Recording AXON_0302.mp4' });
  await viewOnly.getByLabel('View only (on premises)').check();
  await viewOnly.getByLabel('Reason for departing from the proposal').fill('The plate of a bystander is readable; shown on the premises only.');
  await viewOnly.getByRole('button', { name: 'Save decision' }).click();
  await expect(viewOnly.getByRole('status')).toContainText('Decision saved');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await confirmWithPassword(page, LEE.password);
  await expect(page.getByLabel('Status')).toHaveText('Approved');

  // The school request asks the reviewer for nothing: no decision, no exemption to pick.
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00002' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00002 · Sam Staff' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save decision' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: /exemption/i })).toHaveCount(0);
  await shot(page, 'reviewer-school-request');

  // 12. The custodian: Release is the main step and asks first; once refused it is not.
  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  const release = page.getByRole('button', { name: 'Release', exact: true });
  await expect(release).toBeEnabled();
  await expect(release).toHaveClass(/primary/);
  // One highlighted button that can be pressed now: the workflow's main step (forms keep their own submit).
  await expect(page.locator('#main button.primary:visible:enabled')).toHaveCount(1);
  await release.click();
  const releaseDialog = page.getByRole('dialog', { name: 'Release these recordings?' });
  await expect(releaseDialog.getByRole('list', { name: 'Recordings released' })).toContainText('AXON_0302.mp4');
  await expectOneClose(releaseDialog);
  await shot(page, 'release-confirm');
  await releaseDialog.getByRole('button', { name: 'Release 1 recording' }).click();
  await expect(page.getByLabel('Status')).toHaveText('Released');
  await expectNoIdsInMessages(page);
  await shot(page, 'request-released');

  // Approved for a viewing only: Release would be refused, so it is disabled with the reason and not the main button.
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00003' }).click();
  await expect(page.getByLabel('Status')).toHaveText('Approved');
  const refused = page.getByRole('button', { name: 'Release', exact: true });
  await expect(refused).toBeDisabled();
  await expect(refused).not.toHaveClass(/primary/);
  await expect(page.getByRole('note', { name: 'Why release is not possible' })).toContainText('view-only');
  await expect(page.getByRole('region', { name: 'Next steps' }).locator('button.primary:disabled')).toHaveCount(0);
  // Nothing to package either: a viewing on the premises is not a copy.
  await expect(page.getByRole('button', { name: 'Export release package…' })).toHaveCount(0);
  await shot(page, 'release-refused');

  // 13. Deny the school request: the letter moves it to Denied, out of every queue, counted on the dashboard.
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00002' }).click();
  await expect(page.getByRole('button', { name: 'Save decision' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: /exemption/i })).toHaveCount(0);
  await block.getByRole('button', { name: 'Issue school-personnel denial letter' }).click();
  await expect(page.getByRole('listitem', { name: /^School-personnel denial letter PRR-00002-school-personnel-denial-/ })).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveText('Denied');
  await expect(block.getByRole('note', { name: 'School-personnel denial issued' })).toBeVisible();
  await expect(block.getByRole('button', { name: 'Issue school-personnel denial letter' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start preparing' })).toHaveCount(0);
  // Nothing is left to ask for once the forced denial is issued.
  await expect(page.getByRole('list', { name: 'Things to look at' })).toHaveCount(0);
  await expectNoIdsInMessages(page);
  await shot(page, 'school-request-denied');
  await nav(page, 'Dashboard');
  await expect(page.getByLabel('Denied count')).toHaveText('1');
  await expect(page.getByLabel('Awaiting legal review count')).toHaveText('0');
  await expect(page.getByRole('group', { name: 'Request deadlines' }).getByRole('link', { name: '0 waiting on legal review', exact: true })).toBeVisible();
  await shot(page, 'dashboard-after-denial');

  // 14. The custody log: the label it shows, a user, a date range; CSV and PDF of those rows.
  await nav(page, 'Custody log');
  const log = page.getByRole('region', { name: 'Custody log' }).last();
  const rows = log.getByRole('table').locator('tbody tr');
  await expect(rows.first()).toBeVisible();
  await expectPlainCustody(log);
  await shot(page, 'custody-log');
  const form = page.getByRole('form', { name: 'Filter the custody log' });
  await expect(form.getByLabel(/^From/)).toHaveAttribute('placeholder', /yyyy-mm-dd/i);
  await form.getByLabel('Action').fill('Metadata changed');
  await form.getByLabel('User').fill(ADMIN.username);
  await form.getByLabel(/^From/).fill(agencyToday());
  await form.getByLabel(/^To/).fill(agencyToday());
  await form.getByRole('button', { name: 'Filter log' }).click();
  await expect(log.getByRole('table').locator('caption')).toContainText('(filtered)');
  await expect(rows).toHaveCount(1);
  for (const t of await rows.allInnerTexts()) expect(t).toMatch(/Metadata changed/i);
  await shot(page, 'custody-log-filtered');
  const csv = await download(page, () => form.getByRole('button', { name: 'Export CSV' }).click(), downloads);
  const lines = fs.readFileSync(csv, 'utf8').trimEnd().split('\r\n');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain('Metadata changed');
  const logPdf = await download(page, () => form.getByRole('button', { name: 'Export PDF' }).click(), downloads);
  expect(fs.readFileSync(logPdf).subarray(0, 5).toString()).toBe('%PDF-');
  fs.copyFileSync(logPdf, path.join(shots, 'custody-log.pdf'));
  execFileSync('pdftoppm', ['-png', '-r', '80', logPdf, path.join(shots, 'custody-log-page')]);
  const logText = execFileSync('pdftotext', ['-layout', logPdf, '-']).toString();
  expect(logText).toMatch(/Page 1 of \d+/);
  expect(logText).not.toMatch(/\{\s*"/);
  await expect(log.getByRole('status')).toContainText(/Saved custody-log-[\d-]+\.pdf: 1 /);
  await expectNoIdsInMessages(page);
  await shot(page, 'custody-log-exported');
});
