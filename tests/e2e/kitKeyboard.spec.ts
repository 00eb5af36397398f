import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { Secret, TOTP } from 'otpauth';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeClip } from '../fixtures/makeClips';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, setUpAgencyInUi, signIn, signOut } from './uiSteps';

/**
 * Issue 12, the form kit with the keyboard alone: the screens converted to useAction / Field /
 * FormActions / DateField / TimeField are filled, submitted and left with Tab, Enter, Space and
 * the arrow keys only; every hint and error is read with its field (aria-describedby), a partly
 * typed date never reaches the Library's filter, and times are the 24-hour HH:MM everywhere.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());
const shots = process.env.KIT_SHOTS ?? path.join('test-results', 'screens');
const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };

function cli(dataDir: string, args: string[], env: Record<string, string> = {}): { code: number | null; json: unknown; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  return { code: r.status, json: JSON.parse(r.stdout.trim() || 'null') as unknown, stderr: r.stderr };
}

async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `kit-${name}.png`), fullPage: true });
}

/** The focused element's name as a person hears it: aria-label, its <label>, or its text. */
function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === document.body) return null;
    const aria = a.getAttribute('aria-label');
    if (aria) return aria.trim();
    const label = (a as HTMLInputElement).labels?.[0];
    return ((label ?? a).textContent ?? '').trim();
  });
}

/** Presses Tab (or Shift+Tab) until the focused control is the one named `name`. */
async function tabTo(page: Page, name: string | RegExp, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(key);
    const n = await focusedName(page);
    seen.push(n ?? '∅');
    if (n !== null && (typeof name === 'string' ? n === name : name.test(n))) return;
  }
  throw new Error(`${key} never reached ${String(name)}; it went through: ${seen.join(' → ')}`);
}

/** Replaces the focused field's text by selecting it all and typing over it, as a person does. */
async function retype(page: Page, text: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

test('keyboard only: set up, sign in, lock and change the password; hints and errors are read with their fields', async ({ page }) => {
  app = await startApp();
  await page.goto(app.launchUrl);
  await expect(page.getByRole('heading', { name: 'Set up Custodian' })).toBeVisible();

  await tabTo(page, 'Agency name');
  await page.keyboard.type('Springfield Police Department');
  await page.keyboard.press('Tab');
  await page.keyboard.type('100 Main Street');
  await tabTo(page, 'User name');
  await expect(page.getByLabel('User name')).toHaveAccessibleDescription('Letters, digits, dot, dash, underscore or @.');
  await page.keyboard.type(ADMIN.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.display);
  await page.keyboard.press('Tab');
  // The password rule is shown, and read with the field, before it is broken.
  const password = page.getByLabel('Password', { exact: true });
  await expect(password).toBeFocused();
  await expect(password).toHaveAccessibleDescription(/^At least 12 characters/);
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Tab');
  const confirm = page.getByLabel('Confirm password');
  await expect(confirm).toBeFocused();
  await page.keyboard.type('correct horse battery');
  // The mismatch is on the confirm field: aria-invalid and read with it.
  await expect(confirm).toHaveAttribute('aria-invalid', 'true');
  await expect(confirm).toHaveAccessibleDescription('The two passwords do not match.');
  await shot(page, 'first-run-mismatch');
  await page.keyboard.type(' staple');
  await expect(confirm).not.toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('The two passwords do not match.')).toHaveCount(0);
  await tabTo(page, 'I have read and accept this notice');
  await page.keyboard.press('Space');
  await tabTo(page, 'Set up Custodian');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'Print the recovery code' })).toBeVisible();
  await tabTo(page, 'I have printed or safely stored the recovery code');
  await page.keyboard.press('Space');
  await tabTo(page, 'Continue to sign in');
  await page.keyboard.press('Enter');

  // Sign-in: a wrong password is refused in words, and the field is emptied for the next try.
  await expect(page.getByRole('heading', { name: 'Sign in to Custodian' })).toBeVisible();
  await tabTo(page, 'I have read and accept this notice');
  await page.keyboard.press('Space');
  await tabTo(page, 'User name');
  await retype(page, ADMIN.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type('not my password at all');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/password/i);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await shot(page, 'sign-in-refused');
  await tabTo(page, 'Password');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toHaveText('Dashboard');

  // The lock screen: a wrong password is refused, the right one unlocks.
  await tabTo(page, 'Lock', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(page.getByLabel('Password', { exact: true })).toHaveAccessibleDescription(/Signed in as Pat Records \(pat\)/);
  await page.keyboard.type('wrong password typed here');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toContainText(/password/i);
  await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
  await shot(page, 'lock-refused');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toHaveText('Dashboard');

  // Change password: a dialog of the kit; the new passwords must match; Escape closes it and
  // focus goes back to the button that opened it.
  await tabTo(page, 'Change password', 'Shift+Tab');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Change password' });
  await expect(dialog).toBeVisible();
  await tabTo(page, 'Current password');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('New password', { exact: true })).toHaveAccessibleDescription(/^At least 12 characters/);
  await page.keyboard.type('a new long passphrase 2026');
  await page.keyboard.press('Tab');
  await page.keyboard.type('a new long passphrase 2027');
  await expect(dialog.getByLabel('Confirm new password')).toHaveAccessibleDescription('The two passwords do not match.');
  // Enter does not send a mismatch: the focus goes to the confirmation, which says why.
  await tabTo(page, 'Current password', 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(dialog.getByLabel('Confirm new password')).toBeFocused();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toHaveCount(1);
  await expect(dialog.getByRole('button', { name: 'Close' })).toHaveCount(0);
  await shot(page, 'change-password-mismatch');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Change password' })).toBeFocused();

  await page.keyboard.press('Enter');
  await tabTo(page, 'Current password');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Tab');
  await page.keyboard.type('a new long passphrase 2026');
  await page.keyboard.press('Tab');
  await page.keyboard.type('a new long passphrase 2026');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Your password was changed.' })).toBeVisible();
});

test('keyboard only: the Library date filter takes only whole dates; retention tabs, a hold, rules; custody log dates; 24-hour times', async ({ page }) => {
  test.setTimeout(240_000);
  app = await startApp();
  const clips = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-kit-e2e-'));
  await makeClip(clips, 'AXON_0501.mp4', { seconds: 1, width: 320, height: 240 });
  await makeClip(clips, 'AXON_0502.mp4', { seconds: 2, width: 320, height: 240 });
  const sidecar = path.join(clips, 'sidecar.csv');
  fs.writeFileSync(
    sidecar,
    'file,officer,badge,school,incident,recorded_start,location_type,minors_present,minors\n' +
      'AXON_0501.mp4,Ofc. A. Rivera,1123,,26-00501,2024-03-05T14:22:00-05:00,public,no,\n' +
      'AXON_0502.mp4,Ofc. B. Chen,2045,,26-00502,2024-03-06T09:00:00-05:00,public,no,\n',
  );
  await setUpAgencyInUi(page, app.launchUrl);
  const ingest = cli(app.dataDir, ['ingest', clips, '--sidecar', sidecar]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const ids = (ingest.json as { ingested: { id: string; originalName: string }[] }).ingested;
  const first = ids.find((i) => i.originalName === 'AXON_0501.mp4')!.id;

  // Library: the date is typed, not picked; it reaches the filter only once it is a whole date.
  await page.goto(`${app.origin}/#/library`);
  const table = page.getByRole('table', { name: 'Recordings' });
  await expect(table).toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');
  await tabTo(page, 'Recorded from');
  const from = page.getByLabel('Recorded from');
  await expect(from).toHaveAttribute('type', 'text');
  await expect(from).toHaveAccessibleDescription('yyyy-mm-dd');
  await page.keyboard.type('2024-03-0');
  await expect(table).toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');
  await page.keyboard.type('6');
  await expect(table).not.toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');
  // Back to half a date: the filter keeps the 6th, and nothing is said while typing.
  await page.keyboard.press('Backspace');
  await expect(from).toHaveValue('2024-03-0');
  await expect(from).not.toHaveAttribute('aria-invalid', 'true');
  await expect(table).not.toContainText('AXON_0501.mp4');
  // Text that can never be a date is said at once, with the date the filter still uses.
  await page.keyboard.type('x');
  await expect(from).toHaveAttribute('aria-invalid', 'true');
  await expect(from).toHaveAccessibleDescription(/yyyy-mm-dd .*The filter still uses 2024-03-06\./);
  await expect(table).not.toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');
  await shot(page, 'library-date-problem');
  await retype(page, '2024-3-5');
  await expect(table).not.toContainText('AXON_0501.mp4');
  // Leaving the field reads the short form and writes it as yyyy-mm-dd.
  await page.keyboard.press('Tab');
  await expect(from).toHaveValue('2024-03-05');
  await expect(table).toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');
  const to = page.getByLabel('Recorded to');
  await expect(to).toBeFocused();
  await page.keyboard.type('2024-03-04');
  await expect(to).toHaveAccessibleDescription(/before the “Recorded from” date \(2024-03-05\)/);
  await expect(page.getByText('No recordings match.', { exact: false })).toBeVisible();
  await shot(page, 'library-dates-backwards');
  await tabTo(page, 'Clear filters');
  await page.keyboard.press('Enter');
  await expect(from).toHaveValue('');
  await expect(to).toHaveValue('');
  await expect(table).toContainText('AXON_0501.mp4');
  await expect(table).toContainText('AXON_0502.mp4');

  // A recording page: the hold form opens on its first field, and closing it returns the focus.
  await page.goto(`${app.origin}/#/recordings/${encodeURIComponent(first)}`);
  const retention = page.getByRole('region', { name: 'Retention' });
  await expect(retention).toContainText('L6707');
  await tabTo(page, 'Place a hold…');
  await page.keyboard.press('Enter');
  await expect(retention.getByLabel('Kind of hold')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(retention.getByLabel('Reason')).toHaveAccessibleDescription(/At least 3 characters/);
  await page.keyboard.type('Internal review IR-26-4');
  await shot(page, 'recording-hold-form');
  await page.keyboard.press('Enter');
  await expect(retention).toContainText('Internal review IR-26-4');
  await expect(retention.getByRole('button', { name: 'Place a hold…' })).toBeFocused();
  // The start time is the 24-hour clock with seconds; AM/PM is refused with its 24-hour form.
  const details = page.getByRole('form', { name: 'Details' });
  await tabTo(page, 'Recorded start time');
  await expect(details.getByLabel('Recorded start time')).toHaveValue('14:22:00');
  await expect(details.getByLabel('Recorded start time')).toHaveAccessibleDescription(/^24-hour HH:MM:SS/);
  await retype(page, '2:22 PM');
  await page.keyboard.press('Tab');
  await expect(details.getByLabel('Recorded start time')).toHaveAccessibleDescription(/Use the 24-hour clock: 2:22 PM is 14:22\./);
  await shot(page, 'recording-time-ampm');
  await tabTo(page, 'Recorded start time', 'Shift+Tab');
  await retype(page, '14:22');
  await page.keyboard.press('Tab');
  await expect(details.getByLabel('Recorded start time')).toHaveValue('14:22:00');

  // Retention: the tabs move with the arrow keys; a rule is edited from the keyboard.
  await page.goto(`${app.origin}/#/retention`);
  await expect(page.getByRole('heading', { name: 'Retention', level: 1 })).toBeVisible();
  await tabTo(page, /^Due soon/);
  await expect(page.getByRole('tab', { name: /^Due soon/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: /^On hold \(1\)/ })).toBeFocused();
  await expect(page.getByRole('tabpanel')).toContainText('Internal review IR-26-4');
  await shot(page, 'retention-on-hold');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Rules' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, 'Edit rule L6707');
  await page.keyboard.press('Enter');
  const days = page.getByLabel('Days to keep');
  await expect(days).toBeFocused();
  await expect(days).toHaveAccessibleDescription(/recorded start/);
  await retype(page, '65');
  await shot(page, 'retention-rule-form');
  await page.keyboard.press('Enter');
  const reauth = page.getByRole('dialog', { name: 'Confirm with your password' });
  await expect(reauth.getByLabel('Your password')).toBeFocused();
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByText('Keep 65 days from the recorded start')).toBeVisible();
  await page.keyboard.press('Home');

  // Custody log: dates typed yyyy-mm-dd; a US date is said on the field when it is left, and the
  // filter is refused in words.
  await page.goto(`${app.origin}/#/custody`);
  const form = page.getByRole('form', { name: 'Filter the custody log' });
  await tabTo(page, /^From \(/);
  await page.keyboard.type('11/03/2026');
  await page.keyboard.press('Tab');
  const fromDay = form.getByLabel(/^From/);
  await expect(fromDay).toHaveAttribute('aria-invalid', 'true');
  await expect(fromDay).toHaveAccessibleDescription(/yyyy-mm-dd Write the date as yyyy-mm-dd/);
  await tabTo(page, 'Filter log');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Custody log' }).last().getByRole('alert')).toContainText('From: Write the date as yyyy-mm-dd');
  await shot(page, 'custody-log-date-problem');

  // Settings: closing times are 24-hour HH:MM, the same on every workstation.
  await page.goto(`${app.origin}/#/settings`);
  await tabTo(page, 'Agency');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('tab', { name: 'Deadlines & holidays' })).toHaveAttribute('aria-selected', 'true');
  await tabTo(page, 'Closing time');
  const closing = page.getByLabel('Closing time', { exact: true });
  await expect(closing).toHaveAttribute('type', 'text');
  await expect(closing).toHaveAccessibleDescription('24-hour HH:MM, e.g. 14:30');
  await retype(page, '5:30 PM');
  await page.keyboard.press('Tab');
  await expect(closing).toHaveAccessibleDescription(/Use the 24-hour clock: 5:30 PM is 17:30\./);
  await shot(page, 'settings-closing-ampm');
  await tabTo(page, 'Closing time', 'Shift+Tab');
  await retype(page, '1730');
  await page.keyboard.press('Tab');
  await expect(closing).toHaveValue('17:30');
  await tabTo(page, 'Save deadline settings');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Saved: closing 17:30' })).toBeVisible();
  fs.rmSync(clips, { recursive: true, force: true });
});

test('keyboard only: a reviewer returns a request for changes with a note; the new request form takes a 24-hour time', async ({ page }) => {
  test.setTimeout(180_000);
  app = await startApp();
  const clips = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-kit-wf-'));
  await makeClip(clips, 'AXON_0601.mp4', { seconds: 1, width: 320, height: 240 });
  await setUpAgencyInUi(page, app.launchUrl);
  const ingest = cli(app.dataDir, ['ingest', clips]);
  expect(ingest.code, ingest.stderr).toBe(0);
  const rec = (ingest.json as { ingested: { id: string }[] }).ingested[0].id;
  const added = cli(app.dataDir, ['users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer'], { CUSTODIAN_NEW_PASSWORD: REVIEWER.password });
  expect(added.code, added.stderr).toBe(0);
  const made = cli(app.dataDir, ['request', 'add', '--name', 'Jordan Avery', '--category', 'public', '--received', '2026-11-20T10:00:00-05:00', '--description', 'Hallway video, 18 November 2026.', '--residency', 'ky-resident', '--residency-statement', 'I live in Fayette County.', '--recordings', rec]);
  expect(made.code, made.stderr).toBe(0);
  const submitted = cli(app.dataDir, ['request', 'submit', '1']);
  expect(submitted.code, submitted.stderr).toBe(0);

  // The new request form: the time received is typed on the 24-hour clock.
  await page.goto(`${app.origin}/#/requests/new`);
  const received = page.getByLabel('Time received');
  await expect(received).toHaveAttribute('type', 'text');
  await expect(received).toHaveAccessibleDescription(/^24-hour HH:MM, e\.g\. 14:30; agency time \(/);
  await tabTo(page, 'Time received');
  await retype(page, '9:05 am');
  await page.keyboard.press('Tab');
  await expect(received).toHaveAccessibleDescription(/Use the 24-hour clock: 9:05 AM is 09:05\./);
  await shot(page, 'new-request-time');
  await tabTo(page, 'Time received', 'Shift+Tab');
  await retype(page, '9:05');
  await page.keyboard.press('Tab');
  await expect(received).toHaveValue('09:05');

  await signOut(page);
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await page.goto(`${app.origin}/#/requests/1`);
  await expect(page.getByLabel('Status')).toHaveText('Awaiting legal review');
  const steps = page.getByRole('region', { name: 'Next steps' });
  await tabTo(page, 'Return for changes');
  await page.keyboard.press('Enter');
  const note = steps.getByLabel('Why (return for changes)');
  await expect(note).toBeFocused();
  await expect(note).toHaveAccessibleDescription('At least 3 characters; recorded in the custody log.');
  await page.keyboard.type('Link the second camera as well.');
  await shot(page, 'workflow-note');
  // Cancel first, the step last (FormActions).
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Cancel');
  await page.keyboard.press('Tab');
  expect(await focusedName(page)).toBe('Return for changes');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Status')).toHaveText('In preparation');
  await expect(steps.getByRole('status')).toContainText('Return for changes: done. The request is now: In preparation.');
  await expect(steps.getByLabel('Why (return for changes)')).toHaveCount(0);
  fs.rmSync(clips, { recursive: true, force: true });
});

const codeAt = (secret: string, ms: number): string => new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({ timestamp: ms });

test('keyboard only: the second sign-in step refuses a wrong code in words and takes the right one', async ({ page }) => {
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  // Enrol the administrator's authenticator through the bridge (the enrolment screen is not under test here).
  const secret = await page.evaluate(async (password) => {
    const token = (JSON.parse(sessionStorage.getItem('custodian.session') ?? '{}') as { token?: string }).token;
    const r = (await window.custodian!.invoke({ method: 'auth.mfa.begin', input: { confirmPassword: password }, session: token })) as { ok: boolean; value: { secret: string } };
    return r.value.secret;
  }, ADMIN.password);
  // The code of the step before this one confirms it, so the current step is still unused for the sign-in.
  const confirmed = await page.evaluate(async (code) => {
    const token = (JSON.parse(sessionStorage.getItem('custodian.session') ?? '{}') as { token?: string }).token;
    return ((await window.custodian!.invoke({ method: 'auth.mfa.confirm', input: { code }, session: token })) as { ok: boolean }).ok;
  }, codeAt(secret, Date.now() - 30_000));
  expect(confirmed).toBe(true);
  await signOut(page);

  await tabTo(page, 'I have read and accept this notice');
  await page.keyboard.press('Space');
  await tabTo(page, 'User name');
  await retype(page, ADMIN.username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Second sign-in step' })).toBeVisible();
  const code = page.getByLabel('Authenticator code');
  await expect(code).toBeFocused();
  await expect(code).toHaveAccessibleDescription(/Open the authenticator app set up for pat/);
  await page.keyboard.type('000000');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).not.toBeEmpty();
  await expect(code).toHaveValue('');
  await shot(page, 'mfa-refused');
  await page.keyboard.type(codeAt(secret, Date.now()));
  await page.keyboard.press('Enter');
  await expect(page.locator('#main h1')).toHaveText('Dashboard');
});
