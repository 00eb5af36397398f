import { expect, type Page } from '@playwright/test';

export const ADMIN = { username: 'pat', password: 'correct horse battery staple', display: 'Pat Records' };

/** First run in the UI: agency, first administrator, recovery code, then the sign-in notice. */
export async function setUpAgencyInUi(page: Page, launchUrl: string): Promise<void> {
  await page.goto(launchUrl);
  await page.getByLabel('Agency name').fill('Springfield Police Department');
  await page.getByLabel('Agency address (for letterheads)').fill('100 Main Street\nSpringfield, KY 40069');
  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Display name').fill(ADMIN.display);
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByLabel('I have read and accept this notice').check();
  await page.getByRole('button', { name: 'Set up Custodian' }).click();
  await page.getByLabel('I have printed or safely stored the recovery code').check();
  await page.getByRole('button', { name: 'Continue to sign in' }).click();
  await signIn(page, ADMIN.username, ADMIN.password);
}

export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('I have read and accept this notice').check();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Signing out reloads the window (nothing of this user stays in memory): wait for that load. */
export async function signOut(page: Page): Promise<void> {
  const reloaded = page.waitForEvent('load');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await reloaded;
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
}
