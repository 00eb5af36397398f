import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

/**
 * Issue 9, who is school personnel, in Chromium: an Outlook-style address on a configured
 * district domain (not kyschools.us, so the district list is what catches it) is shown blocked
 * with its reason; an unreadable e-mail field is refused with the message; a near match to a
 * district name is cleared by a legal reviewer with a reason and the password.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());

const REVIEWER = { username: 'lee', password: 'reviewer passphrase 2026' };

function cli(dataDir: string, args: string[], env: Record<string, string> = {}): void {
  const r = spawnSync(process.execPath, [CLI, ...args, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes', ...env },
  });
  expect(r.status, r.stderr).toBe(0);
}

async function newRequest(page: Page, fields: { name: string; email: string; organization?: string }): Promise<void> {
  await nav(page, 'Requests');
  await page.getByRole('button', { name: 'New request' }).click();
  await page.getByLabel('Requester name').fill(fields.name);
  await page.getByLabel('Organization').fill(fields.organization ?? '');
  await page.getByLabel('E-mail address', { exact: true }).fill(fields.email);
  await page.getByLabel('Requester category').selectOption('public');
  await page.getByLabel('What was asked for (description)').fill('Body-worn video of the hallway incident on 18 November 2026.');
}

test('school personnel: an Outlook-style district address is blocked with its reason; a near match is cleared by a legal reviewer', async ({ page }) => {
  test.setTimeout(240_000);
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  cli(app.dataDir, ['districts', 'add', '--domain', 'fcps.example.org']);
  cli(app.dataDir, ['districts', 'add', '--name', 'Fayette County Public Schools']);
  cli(app.dataDir, ['users', 'add', '--username', REVIEWER.username, '--roles', 'legal-reviewer', '--display-name', 'Lee Reviewer'], { CUSTODIAN_NEW_PASSWORD: REVIEWER.password });

  // An e-mail field that cannot be read is refused, saying why.
  await newRequest(page, { name: 'Jane Doe', email: 'Jane Doe <jane@fcps.example.org' });
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The e-mail field could not be read as e-mail addresses' })).toContainText(
    'Enter addresses like jane@example.org, separated by commas.',
  );
  await expect(page.getByRole('heading', { name: 'New records request' })).toBeVisible();

  // Exactly what Outlook puts on the clipboard: accepted, and flagged before it is saved.
  await page.getByLabel('E-mail address', { exact: true }).fill('Jane Doe <jane@fcps.example.org>;');
  await expect(page.getByRole('note', { name: 'School personnel detected' })).toContainText('fcps.example.org');
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00001 · Jane Doe' })).toBeVisible();
  const block = page.getByRole('region', { name: 'School personnel: release blocked' });
  await expect(block).toBeVisible();
  await expect(block.getByRole('list', { name: 'Why school personnel' })).toContainText(
    'The e-mail address jane@fcps.example.org is on the school district domain "fcps.example.org" listed in settings.',
  );
  await expect(block.getByRole('button', { name: 'Clear this match…' })).toHaveCount(0);
  await page.screenshot({ path: '/tmp/a-school-block.png', fullPage: true });

  // A near match to the district name: blocked until a legal reviewer clears it.
  await newRequest(page, { name: 'Sam Parent', email: 'sam@example.net', organization: 'Fayette Co. School PTO' });
  await page.getByRole('button', { name: 'Save request' }).click();
  await expect(page.getByRole('heading', { name: 'PRR-00002 · Sam Parent' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'School personnel: release blocked' })).toContainText('Near match');
  await signOut(page);
  await signIn(page, REVIEWER.username, REVIEWER.password);
  await nav(page, 'Requests');
  await page.getByRole('link', { name: 'PRR-00002' }).click();
  await page.getByRole('button', { name: 'Clear this match…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Clear this match' });
  await dialog.getByLabel('Why this is not school personnel').fill('A parents group; confirmed by phone that no district staff are asking.');
  await dialog.getByLabel('Your password').fill(REVIEWER.password);
  await page.screenshot({ path: '/tmp/a-school-clear.png' });
  await dialog.getByRole('button', { name: 'Clear the match' }).click();
  await expect(page.getByRole('region', { name: 'School personnel: release blocked' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'PRR-00002 · Sam Parent' })).toBeVisible();
});
