import { test, expect } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { CLI, startApp, type RunningApp } from './webHostFixture';
import { ADMIN, nav, setUpAgencyInUi } from './uiSteps';

/**
 * Issue 9: someone cuts the tail of the custody log and the checkpoints that covered it,
 * behind the app's back (triggers dropped, rows deleted, triggers put back). The database is
 * consistent again; the anchor file outside it is not. `custody verify` fails naming the gap,
 * and the dashboard shows it as an open integrity finding.
 */

let app: RunningApp;
test.afterEach(async () => app?.stop());
const shots = path.join('test-results', 'screens');

function cutTail(dbFile: string, keep: number): void {
  const db = new Database(dbFile);
  try {
    db.exec('DROP TRIGGER custody_log_no_delete; DROP TRIGGER checkpoints_no_delete;');
    db.prepare('DELETE FROM custody_log WHERE seq > ?').run(keep);
    db.prepare('DELETE FROM checkpoints WHERE entries > ?').run(keep);
    db.exec(`CREATE TRIGGER custody_log_no_delete BEFORE DELETE ON custody_log BEGIN SELECT RAISE(ABORT, 'custody log is append-only'); END;
             CREATE TRIGGER checkpoints_no_delete BEFORE DELETE ON checkpoints BEGIN SELECT RAISE(ABORT, 'checkpoints are append-only'); END;`);
  } finally {
    db.close();
  }
}

test('a custody log cut behind the app is caught by custody verify and shown on the dashboard', async ({ page }) => {
  fs.mkdirSync(shots, { recursive: true });
  app = await startApp();
  await setUpAgencyInUi(page, app.launchUrl);
  const dbFile = path.join(app.dataDir, 'custodian.sqlite');
  const ro = new Database(dbFile, { readonly: true });
  const entries = (ro.prepare('SELECT MAX(seq) AS n FROM custody_log').get() as { n: number }).n;
  ro.close();
  expect(entries).toBeGreaterThan(3);
  cutTail(dbFile, 2);

  const env = { ...process.env, CUSTODIAN_USER: ADMIN.username, CUSTODIAN_PASSWORD: ADMIN.password, CUSTODIAN_ACCEPT_BANNER: 'yes' };
  const verify = spawnSync(process.execPath, [CLI, 'custody', 'verify', '--data', app.dataDir, '--json'], { encoding: 'utf8', env });
  expect(verify.status, verify.stderr).toBe(1);
  const out = JSON.parse(verify.stdout) as { ok: boolean; problem: string; firstBadSeq: number };
  expect(out.ok).toBe(false);
  // The CLI's own sign-in is appended after the cut, so the gap starts at or after entry 3.
  expect(out.firstBadSeq).toBeGreaterThanOrEqual(3);
  expect(out.problem).toMatch(/anchor/i);

  await nav(page, 'Library');
  await nav(page, 'Dashboard');
  const findings = page.locator('section[aria-labelledby="dash-findings"]');
  await expect(findings.getByRole('list', { name: 'Integrity findings' })).toContainText(/anchor/i);
  await expect(findings).toContainText('custody-chain');
  await page.screenshot({ path: path.join(shots, 'cut-log-dashboard.png'), fullPage: true });
});
