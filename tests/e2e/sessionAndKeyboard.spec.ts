import { test, expect, type Page } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi, signIn, signOut } from './uiSteps';

let app: RunningApp;
test.afterEach(async () => app?.stop());
const shots = path.join('test-results', 'screens');
const LEE = { username: 'lee', password: 'reviewer passphrase 2026', display: 'Lee Reviewer' };

function addReviewer(dataDir: string): void {
  const add = spawnSync(process.execPath, [CLI, 'users', 'add', '--username', LEE.username, '--roles', 'legal-reviewer', '--display-name', LEE.display, '--data', dataDir, '--json'], {
    encoding: 'utf8',
    env: { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_NEW_PASSWORD: LEE.password, CUSTODIAN_ACCEPT_BANNER: 'yes' },
  });
  expect(add.status, add.stderr).toBe(0);
}

const mainNav = (page: Page) => page.getByRole('navigation', { name: 'Main' });
const heading = (page: Page) => page.locator('#main h1');

/** Presses Tab (or Shift+Tab) until the focused element is the link or button named `name`. */
async function tabTo(page: Page, name: string, key: 'Tab' | 'Shift+Tab'): Promise<void> {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press(key);
    const focused = await page.evaluate(() => {
      const a = document.activeElement as HTMLElement | null;
      return a && (a.tagName === 'A' || a.tagName === 'BUTTON') ? (a.textContent ?? '').trim() : null;
    });
    if (focused === name) return;
  }
  throw new Error(`${key} never reached "${name}"`);
}

/** Follows a main-menu link with the keyboard only, and checks where focus and the title went. */
async function openWithKeyboard(page: Page, link: string, title: string): Promise<void> {
  await tabTo(page, link, 'Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText(title);
  await expect(heading(page)).toBeFocused();
  await expect(page).toHaveTitle(`${title} – Custodian`);
  await expect(mainNav(page).getByRole('link', { name: link, exact: true })).toHaveAttribute('aria-current', 'page');
}

test('a reload keeps the session of this tab only; a new sign-in opens the dashboard', async ({ page, context }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  addReviewer(app.dataDir);

  // A reload keeps the session and the page, and the token is in this tab's storage only.
  await nav(page, 'Custody log');
  await expect(heading(page)).toHaveText('Custody log');
  await page.reload();
  await expect(heading(page)).toHaveText('Custody log');
  await expect(page.getByLabel('Signed in as')).toContainText(ADMIN.display);
  expect(new URL(page.url()).hash).toBe('#/custody');
  expect(await page.evaluate(() => localStorage.length)).toBe(0);
  expect(await page.evaluate(() => document.cookie)).toBe('');

  // A second tab of the same browser signs in itself.
  const second = await context.newPage();
  await second.goto(`${app.origin}/#/custody`);
  await expect(second.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(second.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await second.close();

  // A window the page opens gets a copy of its sessionStorage; the copy does not sign it in,
  // and the original keeps its session.
  const [raw] = await Promise.all([page.waitForEvent('popup'), page.evaluate(() => void window.open('/bridge.js'))]);
  await raw.waitForLoadState();
  expect(await raw.evaluate(() => sessionStorage.getItem('custodian.session'))).toContain('"token"');
  await raw.close();
  const [copy] = await Promise.all([page.waitForEvent('popup'), page.evaluate(() => void window.open(location.href))]);
  await expect(copy.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(copy.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await copy.close();
  await page.reload();
  await expect(heading(page)).toHaveText('Custody log');

  // Signing out ends it: a reload then asks for a sign-in, and the address left the page.
  await nav(page, 'Users');
  await expect(heading(page)).toHaveText('Users');
  await signOut(page);
  expect(new URL(page.url()).hash).toBe('#/dashboard');
  await page.reload();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await page.screenshot({ path: path.join(shots, 'session-sign-in.png') });

  // Another user signing in lands on the dashboard, even with another page in the address.
  await page.evaluate(() => {
    window.location.hash = '#/users';
  });
  await signIn(page, LEE.username, LEE.password);
  await expect(heading(page)).toHaveText('Dashboard');
  await expect(heading(page)).toBeFocused();
  expect(new URL(page.url()).hash).toBe('#/dashboard');
  await expect(page.getByLabel('Signed in as')).toContainText(LEE.display);
  await expect(mainNav(page).getByRole('link', { name: 'Users' })).toHaveCount(0);
});

test('after an idle lock a reload shows the lock screen, not the app', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await page.clock.install();
  await setUpAgencyInUi(page, app.launchUrl);
  await nav(page, 'Library');
  await page.clock.fastForward('31:00');
  await page.clock.runFor(20_000);
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await expect(page).toHaveTitle('Custodian is locked');
  await page.screenshot({ path: path.join(shots, 'session-lock-after-reload.png') });

  // Unlocking with the keyboard brings back the same session, on the same page.
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Library');
});

test('keyboard only: skip link, focus on the page heading, the menu and the Lock button', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  await expect(heading(page)).toHaveText('Dashboard');
  await expect(heading(page)).toBeFocused();
  await expect(page).toHaveTitle('Dashboard – Custodian');

  // The skip link is the first thing Tab reaches, shows when focused and moves focus to <main>.
  const firstTabbable = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex]')).filter((e) => e.tabIndex >= 0 && !e.hasAttribute('disabled'));
    return all[0]?.textContent?.trim();
  });
  expect(firstTabbable).toBe('Skip to main content');
  await page.getByRole('button', { name: 'Lock' }).focus();
  await page.keyboard.press('Shift+Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  await page.screenshot({ path: path.join(shots, 'skip-link.png') });
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  expect(new URL(page.url()).hash).toBe('#/dashboard');
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('#main') !== null)).toBe(true);

  // Three screens with the keyboard alone: focus lands on each page's heading.
  await openWithKeyboard(page, 'Requests', 'Requests');
  await openWithKeyboard(page, 'Custody log', 'Custody log');
  await openWithKeyboard(page, 'Settings', 'Settings');
  await page.screenshot({ path: path.join(shots, 'keyboard-settings.png') });

  // A page opened with the mouse also gets focus on its heading and its title.
  await nav(page, 'Library');
  await expect(heading(page)).toBeFocused();
  await expect(page).toHaveTitle('Library – Custodian');

  // The Lock button works with Space; the lock screen's password field takes the password.
  await tabTo(page, 'Lock', 'Shift+Tab');
  await page.screenshot({ path: path.join(shots, 'keyboard-topbar-focus.png') });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  await page.screenshot({ path: path.join(shots, 'keyboard-lock.png') });
  await page.keyboard.type(ADMIN.password);
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Library');
});
