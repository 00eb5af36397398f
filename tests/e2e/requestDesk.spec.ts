import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deadlineStatus, isBusinessDay, localDateTimeAt, responseDueDate, effectiveReceiptDate, DEFAULT_TIME_ZONE } from '../../shared/domain/deadlines';
import type { Holiday } from '../../shared/domain/holidays';
import { addDays } from '../../shared/domain/localDate';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());

const shots = path.join('test-results', 'screens');
const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };

interface CliResult {
  code: number | null;
  json: unknown;
  stderr: string;
}

function cli(dataDir: string, args: string[], env: Record<string, string> = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as unknown, stderr: r.stderr };
}

/** The shell scrolls inside <main>, so the window is made as tall as the content for the picture. */
async function shot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize() ?? { width: 1400, height: 900 };
  const height = await page.locator('main').evaluate((el) => el.scrollHeight + 60);
  await page.setViewportSize({ width: size.width, height: Math.min(Math.max(height, size.height), 8000) });
  await page.screenshot({ path: path.join(shots, `${name}.png`) });
  await page.setViewportSize(size);
}

/** Saves the PDF the page downloads when `button` is clicked; returns where. */
async function downloadPdf(page: Page, button: RegExp, saveAs: string): Promise<string> {
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  const file = path.join(shots, saveAs);
  await (await downloading).saveAs(file);
  expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
  return file;
}

/** Calls the core through the page's own bridge (the web host), as a script in the window could. */
async function invoke(page: Page, method: string, input: unknown, session?: string): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    async ([m, i, s]) => {
      const bridge = (window as unknown as { custodian: { invoke(e: unknown): Promise<unknown> } }).custodian;
      return (await bridge.invoke(s ? { method: m, input: i, session: s } : { method: m, input: i })) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
    },
    [method, input, session] as const,
  );
}

async function sessionFor(page: Page, username: string, password: string): Promise<string> {
  const r = await invoke(page, 'auth.login', { username, password, acknowledgedBanner: true });
  expect(r.ok, JSON.stringify(r.error)).toBe(true);
  return (r.value as { token: string }).token;
}

function holidaysAround(dataDir: string, years: number[]): Holiday[] {
  return years.flatMap((year) => {
    const r = cli(dataDir, ['holidays', 'list', '--year', String(year)]);
    expect(r.code, r.stderr).toBe(0);
    return (r.json as Holiday[]).map((h) => ({ date: h.date, name: h.name, kind: h.kind }));
  });
}

/** Today on the agency's clock (the core's default zone), from the real clock. */
const agencyToday = (): string => localDateTimeAt(new Date().toISOString(), DEFAULT_TIME_ZONE).date;
/** 15:00 UTC is 10:00 or 11:00 in Kentucky's eastern zone: inside office hours on that date. */
const morningOf = (date: string): string => `${date}T15:00:00Z`;

function expectedCounts(receipts: string[], holidays: Holiday[], today: string): { dueToday: number; overdue: number } {
  const states = receipts.map((r) => deadlineStatus(responseDueDate(r, { holidays }), today));
  return { dueToday: states.filter((s) => s === 'due-today').length, overdue: states.filter((s) => s === 'overdue').length };
}

async function expectDashboard(page: Page, counts: { dueToday: number; overdue: number }, awaiting: number): Promise<void> {
  await nav(page, 'Dashboard');
  const tiles = page.getByRole('group', { name: 'Request deadlines' });
  await expect(tiles.getByRole('link', { name: `${counts.dueToday} due today`, exact: true })).toBeVisible();
  await expect(tiles.getByRole('link', { name: `${counts.overdue} overdue`, exact: true })).toBeVisible();
  await expect(tiles.getByRole('link', { name: `${awaiting} waiting on legal review`, exact: true })).toBeVisible();
}

test('request desk: file, link, review, sign off once the redacted copy passed its check, release, letters; school personnel blocked; deadlines across a holiday', async ({ page }) => {
  test.setTimeout(300_000);
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();

  // Two small clips with their case details; the first shows a minor witness.
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-desk-'));
  await makeClip(folder, 'AXON_0101.mp4', { seconds: 2, width: 320, height: 240 });
  await makeClip(folder, 'AXON_0102.mp4', { seconds: 1, width: 320, height: 240 });
  const sidecar = path.join(os.tmpdir(), `desk-sidecar-${Date.now()}.csv`);
  fs.writeFileSync(
    sidecar,
    'file,officer,badge,school,incident,recorded_start,location_type,minors_present,minors\n' +
      'AXON_0101.mp4,Ofc. A. Rivera,1123,Lincoln Elementary,26-00501,2026-11-18T12:10:00-05:00,school,yes,witness\n' +
      'AXON_0102.mp4,Ofc. A. Rivera,1123,Lincoln Elementary,26-00501,2026-11-18T12:14:00-05:00,public,no,\n',
  );
  const letterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-letter-'));
  fs.writeFileSync(path.join(letterDir, 'request-letter.eml'), 'From: jordan.avery@example.com\r\nSubject: Open records request\r\n\r\nPlease send the hallway video of 18 November.\r\n');

  await setUpAgencyInUi(page, app.launchUrl);
  const ingest = cli(app.dataDir, ['ingest', folder, '--sidecar', sidecar]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const ingested = (ingest.json as { ingested: { id: string; originalName: string }[] }).ingested;
  expect(ingested).toHaveLength(2);
  const witnessClip = ingested.find((r) => r.originalName === 'AXON_0101.mp4')!;
  const addLee = cli(app.dataDir, ['users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer'], { CUSTODIAN_NEW_PASSWORD: REVIEWER.password });
  expect(addLee.code, addLee.stderr).toBe(0);

  // Settings: the district's e-mail domain, by the administrator in the UI.
  await nav(page, 'Settings');
  // Settings is in tabs (issue 12): one subject at a time.
  const settingsTabs = page.getByRole('tablist', { name: 'Settings' });
  await settingsTabs.getByRole('tab', { name: 'Districts' }).click();
  await page.getByLabel('New district e-mail domain').fill('fcps.kyschools.us');
  await page.getByRole('button', { name: 'Add domain' }).click();
  await expect(page.getByRole('list', { name: 'District e-mail domains' })).toContainText('fcps.kyschools.us');
  // Settings times are on the agency's clock with its zone (the default, Kentucky's eastern zone).
  await settingsTabs.getByRole('tab', { name: 'Security' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Security' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Security' })).toContainText(/Current code issued \d{4}-\d\d-\d\d \d\d:\d\d:\d\d E[SD]T\./);
  await shot(page, 'settings-request-desk');

  // A public request received 20 Nov 2026, filed in the UI with both recordings and the letter.
  await nav(page, 'Requests');
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Requester name').fill('Jordan Avery');
  await page.getByLabel('E-mail address', { exact: true }).fill('jordan.avery@example.com');
  await page.getByLabel('Phone', { exact: true }).fill('859-555-0142');
  await page.getByLabel('Postal address').fill('12 Elm Street\nLexington, KY 40502');
  await page.getByLabel('Requester category').selectOption('public');
  await page.getByLabel('How it arrived').selectOption('email');
  await page.getByLabel('Date received').fill('2026-11-20');
  await page.getByLabel('Time received').fill('10:00');
  await page.getByLabel('What was asked for (description)').fill('Body-worn video of the hallway incident at Lincoln Elementary on 18 November 2026.');
  await page.getByLabel('Kentucky residency').selectOption('ky-resident');
  await page.getByLabel("Residency statement (the requester's words)").fill('I live in Fayette County.');
  await page.getByLabel('Search recordings').fill('AXON_0101');
  await page.getByLabel('Link AXON_0101.mp4').check();
  await page.getByLabel('Search recordings').fill('AXON_0102');
  await page.getByLabel('Link AXON_0102.mp4').check();
  await expect(page.getByRole('group', { name: 'Chosen recordings' })).toContainText('Chosen: 2');
  await page.getByRole('button', { name: 'Browse for the letter…' }).click();
  const browser = page.getByRole('dialog', { name: 'Choose the request letter' });
  await browser.getByLabel('Go to folder').fill(letterDir);
  await browser.getByRole('button', { name: 'Go', exact: true }).click();
  await browser.getByRole('button', { name: 'Choose request-letter.eml' }).click();
  await expect(page.getByLabel('Request letter file (optional)')).toHaveValue(path.join(letterDir, 'request-letter.eml'));
  await shot(page, 'request-new');
  await page.getByRole('button', { name: 'Save request' }).click();

  // The request page: due date counting Thanksgiving (26-27 Nov) and the engine's proposals.
  await expect(page.getByRole('heading', { name: 'PRR-00001 · Jordan Avery' })).toBeVisible();
  const holidays2026 = holidaysAround(app.dataDir, [2026]);
  // Fri 20 Nov → business days Mon 23, Tue 24, Wed 25, (Thanksgiving Thu 26, Fri 27, weekend), Mon 30, Tue 1 Dec.
  expect(responseDueDate('2026-11-20T10:00:00-05:00', { holidays: holidays2026 })).toBe('2026-12-01');
  await expect(page.getByLabel('Response due date')).toHaveText('Tue 2026-12-01');
  const witness = page.getByRole('region', { name: 'Recording AXON_0101.mp4' });
  const plain = page.getByRole('region', { name: 'Recording AXON_0102.mp4' });
  await expect(witness.getByLabel("Engine's proposal")).toContainText('Redact and release');
  await expect(witness.getByLabel("Engine's proposal")).toContainText('KRS 61.878(1)(a)');
  await expect(plain.getByLabel("Engine's proposal")).toContainText('Release');
  await expect(page.getByRole('region', { name: 'Requester and request' })).toContainText('request-letter.eml');
  await page.getByRole('button', { name: 'Issue acknowledgement letter' }).click();
  await expect(page.getByRole('listitem', { name: /^Acknowledgement letter PRR-00001-acknowledgement-/ })).toBeVisible();
  await shot(page, 'request-received');
  await page.getByRole('button', { name: 'Start preparing' }).click();
  await expect(page.getByLabel('Status')).toHaveText('In preparation');
  await page.getByRole('button', { name: 'Send to legal review' }).click();
  await expect(page.getByLabel('Status')).toHaveText('Awaiting legal review');
  await expect(page.getByRole('button', { name: 'Sign off' })).toHaveCount(0);

  // A different user, the legal reviewer, decides each recording and signs off.
  await signOut(page);
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  await expect(witness.getByLabel('Approve with redaction (proposed)')).toBeChecked();
  await witness.getByRole('button', { name: 'Add redaction row' }).click();
  await witness.getByLabel('Row 1 start').fill('00:00');
  await witness.getByLabel('Row 1 end').fill('00:02');
  await witness.getByLabel('Row 1 what is redacted').fill('face and voice of a minor witness');
  await witness.getByLabel('Row 1 exemption').selectOption('krs-61.878-1-a');
  await witness.getByLabel('Row 1 explanation').fill('The witness is a nine-year-old student; the face and voice identify the child to classmates and parents.');
  await witness.getByRole('button', { name: 'Save decision' }).click();
  await expect(witness.getByRole('status')).toContainText('Decision saved');
  await expect(plain.getByLabel('Approve as is (proposed)')).toBeChecked();
  await plain.getByRole('button', { name: 'Save decision' }).click();
  await expect(plain.getByRole('status')).toContainText('Decision saved');
  await expect(page.getByRole('region', { name: 'Legal sign-off' })).toContainText('2 of 2 recordings decided');
  // The reviewer signs the exact copy that goes out: until a redacted copy of the witness clip
  // exists and passes its leak check, Sign off waits and says why.
  await expect(page.getByRole('region', { name: 'Legal sign-off' })).toContainText('no redacted copy that passed its leak check');
  await expect(page.getByRole('button', { name: 'Sign off' })).toBeDisabled();
  await shot(page, 'request-review');

  // The custodian renders the redacted copy (the studio's command-line face): the whole frame covered.
  const planFile = path.join(os.tmpdir(), `desk-plan-${Date.now()}.json`);
  fs.writeFileSync(planFile, JSON.stringify({ regions: [{ shape: 'rect', effect: 'fill', color: '#000000', exemptionId: 'krs-61.878-1-a', explanation: 'Face of the minor witness.', keyframes: [{ t: 0, x: 0, y: 0, w: 1, h: 1 }, { t: 2, x: 0, y: 0, w: 1, h: 1 }] }], audio: [{ stream: 0, start: 0, end: 2, mode: 'mute', exemptionId: 'krs-61.878-1-a', explanation: 'Voice of the minor witness.' }] }));
  const render = cli(app.dataDir, ['redact', 'render', '--recording', witnessClip.id, '--plan', planFile]);
  expect(render.code, render.stderr).toBe(0);
  const rendered = render.json as { itemId: string; sha256: string; check: { ok: boolean } };
  expect(rendered.check.ok).toBe(true);

  await page.getByRole('link', { name: 'Requests' }).first().click();
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  await expect(page.getByRole('region', { name: 'Legal sign-off' })).toContainText(`Copy ${rendered.itemId}`);
  await page.getByRole('button', { name: 'Sign off' }).click();
  const confirm = page.getByRole('dialog', { name: 'Confirm with your password' });
  await confirm.getByLabel('Your password').fill(REVIEWER.password);
  await confirm.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByLabel('Status')).toHaveText('Approved');
  await expect(page.getByRole('region', { name: 'Signed legal decision' })).toContainText('Signature valid');

  await signOut(page);
  await signIn(page, ADMIN.username, ADMIN.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00001' }).click();
  // The approval letter (with the exemption log of the redacted copy); both letters download as PDFs.
  await page.getByRole('button', { name: 'Issue approval letter' }).click();
  await expect(page.getByRole('listitem', { name: /^Approval letter PRR-00001-approval-/ })).toBeVisible();
  await downloadPdf(page, /^Download PRR-00001-acknowledgement-/, 'acknowledgement-letter.pdf');
  await downloadPdf(page, /^Download PRR-00001-approval-/, 'approval-letter.pdf');

  // An in-person viewing of the approved recordings: full screen, no download or export controls.
  const schedule = page.getByRole('form', { name: 'Schedule a viewing' });
  await schedule.getByLabel('Viewing date').fill(addDays(agencyToday(), 3));
  await schedule.getByLabel(/^Viewing time/).fill('14:30');
  await schedule.getByLabel('Place (on agency premises)').fill('Records room, 100 Main Street');
  await schedule.getByLabel('Attendees (one per line)').fill('Jordan Avery\nPat Records');
  await schedule.getByRole('button', { name: 'Schedule viewing' }).click();
  await expect(page.getByRole('listitem', { name: /^Viewing appointment letter PRR-00001-viewing-appointment-/ })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Not shown at this viewing' })).toContainText('AXON_0101.mp4');
  await page.getByRole('button', { name: 'Start viewing' }).click();
  const viewingMode = page.getByRole('region', { name: 'Viewing in progress' });
  await expect(viewingMode).toBeVisible();
  // The redacted one is held back: no redacted copy exists yet, and the original would disclose it.
  await expect(viewingMode.locator('video')).toHaveCount(1);
  await expect(viewingMode.getByRole('note', { name: 'Not shown: AXON_0101.mp4' })).toBeVisible();
  await expect(viewingMode.locator('video[controls]')).toHaveCount(0);
  await expect(viewingMode.getByRole('button', { name: /download|export|save|copy/i })).toHaveCount(0);
  await expect(viewingMode.getByRole('link')).toHaveCount(0);
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? 'none')).toContain('viewing-stage');
  const firstVideo = viewingMode.locator('video').first();
  await expect.poll(() => firstVideo.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 20_000 }).toBeGreaterThan(0);
  await viewingMode.getByRole('button', { name: 'Play' }).first().click();
  await expect.poll(() => firstVideo.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.screenshot({ path: path.join(shots, 'viewing-mode.png') });
  await viewingMode.getByLabel('Viewing note (optional)').fill('Requester watched both recordings twice.');
  await viewingMode.getByRole('button', { name: 'End viewing' }).click();
  await expect(viewingMode).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Viewing ended and logged.' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Custody events for this request' })).toContainText(/Viewing ended/);
  await expect(page.getByRole('region', { name: 'Custody events for this request' })).toContainText(/Legal sign-off/);
  // Released: the plain clip as is, the witness clip as the signed redacted copy.
  // Release asks first, naming what goes out (issue 12).
  await expect(page.getByRole('button', { name: 'Release', exact: true })).toBeEnabled();
  await expect(page.getByRole('button', { name: 'Release', exact: true })).toHaveClass(/primary/);
  await page.getByRole('button', { name: 'Release', exact: true }).click();
  const releaseDialog = page.getByRole('dialog', { name: 'Release these recordings?' });
  await expect(releaseDialog.getByRole('list', { name: 'Recordings released' })).toContainText('AXON_0101.mp4 (the signed redacted copy, not the original)');
  await page.screenshot({ path: '/tmp/k-release-confirm.png', fullPage: true });
  await releaseDialog.getByRole('button', { name: /^Release \d+ recordings?$/ }).click();
  await expect(page.getByLabel('Status')).toHaveText('Released');
  const copyLog = cli(app.dataDir, ['custody', 'report', rendered.itemId, '--out', path.join(os.tmpdir(), `copy-${Date.now()}.pdf`)]);
  expect(copyLog.code, copyLog.stderr).toBe(0);
  await shot(page, 'request-released');

  // A request from a district address is school personnel whatever category was chosen.
  await nav(page, 'Requests');
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Requester name').fill('Sam Staff');
  await page.getByLabel('E-mail address', { exact: true }).fill('staff@fcps.kyschools.us');
  await page.getByLabel('Requester category').selectOption('public');
  await page.getByLabel('What was asked for (description)').fill('The hallway video, for the school discipline file.');
  await page.getByLabel('Search recordings').fill('AXON_0101');
  await page.getByLabel('Link AXON_0101.mp4').check();
  await expect(page.getByRole('note', { name: 'School personnel detected' })).toBeVisible();
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00002 · Sam Staff' })).toBeVisible();
  const block = page.getByRole('region', { name: 'School personnel: release blocked' });
  await expect(block).toContainText('No release path exists');
  await expect(block.getByRole('list', { name: 'Why school personnel' })).toContainText('fcps.kyschools.us');
  await expect(page.getByRole('region', { name: 'Recording AXON_0101.mp4' }).getByLabel("Engine's proposal")).toContainText('Blocked: school personnel');
  await block.getByRole('button', { name: 'Issue school-personnel denial letter' }).click();
  await expect(page.getByRole('listitem', { name: /^School-personnel denial letter PRR-00002-school-personnel-denial-/ })).toBeVisible();
  await downloadPdf(page, /^Download PRR-00002-school-personnel-denial-/, 'school-personnel-denial-letter.pdf');
  await expect(page.getByRole('button', { name: 'Release', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Issue approval letter' })).toHaveCount(0);
  // The letter is the forced denial: Denied, nothing left to ask for, no step that cannot succeed.
  await expect(page.getByLabel('Status')).toHaveText('Denied');
  await expect(block.getByRole('note', { name: 'School-personnel denial issued' })).toBeVisible();
  await expect(block.getByRole('button', { name: 'Issue school-personnel denial letter' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start preparing' })).toHaveCount(0);
  // Once denied, nothing asks for the denial letter any more (the warnings list may be gone altogether).
  await expect(page.getByRole('list', { name: 'Things to look at' }).filter({ hasText: 'school-personnel denial letter' })).toHaveCount(0);
  await page.getByRole('heading', { name: 'PRR-00002 · Sam Staff' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/k-school-denied.png' });
  await shot(page, 'request-school-blocked');

  // Straight to the core through the web host: every release path refuses it.
  const schoolId = 2;
  const custodianToken = await sessionFor(page, ADMIN.username, ADMIN.password);
  const reviewerToken = await sessionFor(page, REVIEWER.username, REVIEWER.password);
  const refusals = [
    await invoke(page, 'requests.release', { id: schoolId }, custodianToken),
    await invoke(page, 'letters.issue', { requestId: schoolId, kind: 'approval' }, custodianToken),
    await invoke(page, 'requests.setDecision', { id: schoolId, itemId: witnessClip.id, decision: 'approve' }, reviewerToken),
    await invoke(page, 'requests.signOff', { id: schoolId, decisions: [{ itemId: witnessClip.id, decision: 'approve' }], confirmPassword: REVIEWER.password }, reviewerToken),
  ];
  for (const r of refusals) {
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('SCHOOL_PERSONNEL_BLOCKED');
  }
  const viaCli = cli(app.dataDir, ['request', 'release', String(schoolId)]);
  expect(viaCli.code).not.toBe(0);
  expect(viaCli.json).toMatchObject({ ok: false, error: { code: 'SCHOOL_PERSONNEL_BLOCKED' } });

  // Deadlines across holidays: requests received in the past, expectations from the shared clock.
  const today = agencyToday();
  const years = [...new Set([Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4)), 2026])];
  let holidays = holidaysAround(app.dataDir, years);
  const spansHoliday = (receivedAt: string, due: string) =>
    holidays.some((h) => h.kind !== 'half-day' && h.date > effectiveReceiptDate(receivedAt, { holidays }) && h.date <= due && isBusinessDay(h.date, []));
  const receipts = ['2026-11-20T10:00:00-05:00'];
  const candidates = Array.from({ length: 150 }, (_, i) => morningOf(addDays(today, -(i + 1))));
  const overdueAcrossHoliday = candidates.find((r) => {
    const due = responseDueDate(r, { holidays });
    return due < today && spansHoliday(r, due);
  });
  if (overdueAcrossHoliday) receipts.push(overdueAcrossHoliday);
  const dueToday = candidates.find((r) => responseDueDate(r, { holidays }) === today);
  if (dueToday) receipts.push(dueToday);
  let lastBusinessDay = addDays(today, -1);
  while (!isBusinessDay(lastBusinessDay, holidays)) lastBusinessDay = addDays(lastBusinessDay, -1);
  const dueYesterday = candidates.find((r) => responseDueDate(r, { holidays }) === lastBusinessDay)!;
  receipts.push(dueYesterday);
  for (const [i, receivedAt] of receipts.entries()) {
    const add = cli(app.dataDir, ['request', 'add', '--name', `Backdated ${i + 1}`, '--category', 'media', '--received', receivedAt, '--description', 'Video of the hallway incident.', '--recordings', ingested[1].id]);
    expect(add.code, add.stderr).toBe(0);
    expect((add.json as { dueDate: string }).dueDate).toBe(responseDueDate(receivedAt, { holidays }));
  }
  // One of them goes to legal review, so the dashboard has something waiting.
  const submit = cli(app.dataDir, ['request', 'submit', '3']);
  expect(submit.code, submit.stderr).toBe(0);
  let expected = expectedCounts(receipts, holidays, today);
  expect(expected.overdue).toBeGreaterThan(0);
  await expectDashboard(page, expected, 1);
  await shot(page, 'dashboard-requests');
  await page.getByRole('group', { name: 'Request deadlines' }).getByRole('link', { name: `${expected.overdue} overdue`, exact: true }).click();
  await expect(page.getByRole('combobox', { name: 'Deadline', exact: true })).toHaveValue('overdue');
  await expect(page.locator('.requests-table tbody tr')).toHaveCount(expected.overdue);
  await shot(page, 'requests-overdue');

  // An agency closure on the last business day moves that deadline past the next holidays/weekend.
  await nav(page, 'Settings');
  await page.getByRole('tablist', { name: 'Settings' }).getByRole('tab', { name: 'Deadlines & holidays' }).click();
  await page.getByLabel('Holiday date').fill(lastBusinessDay);
  await page.getByLabel('Holiday name').fill('City closure (water main)');
  await page.getByLabel('Kind').selectOption('closure');
  await page.getByRole('button', { name: 'Add day' }).click();
  await expect(page.getByRole('region', { name: 'Holidays and closures' })).toContainText('City closure (water main)');
  holidays = [...holidays, { date: lastBusinessDay, name: 'City closure (water main)', kind: 'closure' }];
  expect(responseDueDate(dueYesterday, { holidays }) >= today).toBe(true);
  expected = expectedCounts(receipts, holidays, agencyToday());
  await expectDashboard(page, expected, 1);
  await nav(page, 'Requests');
  await expect(page.locator('.requests-table tbody tr')).toHaveCount(receipts.length + 2);
  await shot(page, 'requests-list');
});
