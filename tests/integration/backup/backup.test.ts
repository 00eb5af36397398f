import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { BackupResult } from '../../../shared/contract';
import { backupScheduleOf } from '../../../electron/core/backup/schedule';
import { manifestSchema } from '../../../electron/core/backup/manifest';
import { ADMIN_PASSWORD, fakeClock, setUpCore, tempDir, type TestCore } from '../../helpers/testCore';
import { addStoredItem } from './storeFixture';

let t: TestCore | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await t?.core.close().catch(() => undefined);
  t = null;
});

function sha256File(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

async function backup(t: TestCore, folder: string) {
  const { jobId } = await t.call('backup.run', { folder, confirmPassword: ADMIN_PASSWORD });
  return t.core.jobs.wait(jobId);
}

describe('backup', () => {
  it('writes the database, every object (verified) and the public key, with a manifest, and logs it', async () => {
    t = await setUpCore();
    const items = [addStoredItem(t.core), addStoredItem(t.core), addStoredItem(t.core)];
    const folder = tempDir('custodian-backups-');

    const job = await backup(t, folder);
    expect(job.status).toBe('done');
    const r = job.result as BackupResult;
    expect(path.basename(r.folder)).toMatch(/^custodian-backup-\d{8}T\d{6}Z$/);
    expect(fs.readdirSync(folder)).toEqual([path.basename(r.folder)]);
    expect(r.objects).toMatchObject({ total: 3, copied: 3, linked: 0 });

    const manifestText = fs.readFileSync(path.join(r.folder, 'manifest.json'), 'utf8');
    const m = manifestSchema.parse(JSON.parse(manifestText));
    expect(createHash('sha256').update(manifestText).digest('hex')).toBe(r.manifestSha256);
    expect(m.database.sha256).toBe(sha256File(path.join(r.folder, 'custodian.sqlite')));
    expect(m.objects.map((o) => o.sha256).sort()).toEqual(items.map((i) => i.sha256).sort());
    for (const o of m.objects) expect(sha256File(path.join(r.folder, 'objects', o.sha256.slice(0, 2), o.sha256.slice(2, 4), o.sha256))).toBe(o.sha256);
    expect(fs.readFileSync(path.join(r.folder, 'checkpoint-public-key.pem'), 'utf8')).toBe(t.core.key.publicKeyPem);
    expect(fs.existsSync(path.join(r.folder, 'keys', 'checkpoint-ed25519.pem'))).toBe(false);
    expect(m.checkpoint?.entries).toBe(m.custodyHead.entries);

    // The copy is a standalone database (no -wal needed) holding the log up to the manifest's head.
    const copy = new Database(path.join(r.folder, 'custodian.sqlite'), { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect((copy.prepare('SELECT hash FROM custody_log WHERE seq = ?').get(m.custodyHead.entries) as { hash: string }).hash).toBe(m.custodyHead.hash);
    copy.close();

    const entry = (await t.call('custody.log', { limit: 20, action: 'backup' }))[0];
    expect(entry.outcome).toBe('success');
    expect(entry.details).toMatchObject({ manifestSha256: r.manifestSha256, folder: r.folder });
    const settings = await t.call('backup.settings.get', {});
    expect(settings.last).toMatchObject({ ok: true, folder: r.folder });
  });

  it('copies only new objects the next time (the rest are linked to the previous backup)', async () => {
    t = await setUpCore();
    addStoredItem(t.core);
    addStoredItem(t.core);
    const folder = tempDir('custodian-backups-');
    const first = (await backup(t, folder)).result as BackupResult;
    const added = addStoredItem(t.core);
    const second = (await backup(t, folder)).result as BackupResult;
    expect(second.folder).not.toBe(first.folder);
    expect(second.objects).toMatchObject({ total: 3, copied: 1, linked: 2 });
    const linked = path.join(second.folder, 'objects', added.sha256.slice(0, 2), added.sha256.slice(2, 4), added.sha256);
    expect(sha256File(linked)).toBe(added.sha256);
  });

  it('is for administrators, confirmed with the password, and never into the data folder', async () => {
    t = await setUpCore();
    await t.call('users.create', { username: 'clerk', displayName: 'Clerk', password: 'records desk passphrase', roles: ['custodian'], confirmPassword: ADMIN_PASSWORD });
    const clerk = await t.login('clerk', 'records desk passphrase');
    const folder = tempDir('custodian-backups-');
    const denied = await t.raw('backup.run', { folder, confirmPassword: 'records desk passphrase' }, clerk);
    expect(!denied.ok && denied.error.code).toBe('FORBIDDEN');
    const noPassword = await t.raw('backup.run', { folder });
    expect(!noPassword.ok && noPassword.error.code).toBe('REAUTH_REQUIRED');
    const inside = await backup(t, path.join(t.dataDir, 'exports'));
    expect(inside.status).toBe('failed');
    expect(inside.error?.code).toBe('BAD_INPUT');
  });

  it('answers DISK_FULL when the drive fills, and removes the partial backup', async () => {
    t = await setUpCore();
    addStoredItem(t.core);
    addStoredItem(t.core);
    const folder = tempDir('custodian-backups-');
    const real = fs.copyFileSync;
    let calls = 0;
    vi.spyOn(fs, 'copyFileSync').mockImplementation((src, dest, mode) => {
      if (++calls === 2) throw Object.assign(new Error('ENOSPC: no space left on device, copyfile'), { code: 'ENOSPC' });
      real(src, dest, mode);
    });
    const job = await backup(t, folder);
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('DISK_FULL');
    expect(fs.readdirSync(folder)).toEqual([]);
    const entry = (await t.call('custody.log', { limit: 5, action: 'backup' }))[0];
    expect(entry.outcome).toBe('failure');
    expect(entry.details.code).toBe('DISK_FULL');
    expect((await t.call('backup.settings.get', {})).last?.ok).toBe(false);
  });

  it('runs on the schedule set in backup.settings', async () => {
    const clock = fakeClock();
    t = await setUpCore(undefined, { clock: clock.clock });
    addStoredItem(t.core);
    const schedule = backupScheduleOf(t.core)!;
    expect(await schedule.tick()).toBe('not-configured');
    const folder = tempDir('custodian-backups-');
    const noPassword = await t.raw('backup.settings.set', { folder, everyHours: 24 });
    expect(!noPassword.ok && noPassword.error.code).toBe('REAUTH_REQUIRED');
    const s = await t.call('backup.settings.set', { folder, everyHours: 24, confirmPassword: ADMIN_PASSWORD });
    expect(s).toMatchObject({ folder, everyHours: 24, last: null, nextDueAt: clock.clock().toISOString() });
    expect(await schedule.tick()).toBe('done');
    expect(await schedule.tick()).toBe('not-due');
    clock.advance(24 * 3_600_000);
    expect(await schedule.tick()).toBe('done');
    expect(fs.readdirSync(folder)).toHaveLength(2);
    const entries = t.core.custody.page({ limit: 10, action: 'backup' });
    expect(entries.every((e) => e.details.scheduled === true && e.role === 'system')).toBe(true);
    // A missing drive fails, is logged and raised as a finding, and waits for the next period.
    fs.rmSync(folder, { recursive: true });
    clock.advance(24 * 3_600_000);
    expect(await schedule.tick()).toBe('failed');
    expect(await schedule.tick()).toBe('not-due');
    t.token = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.call('findings.list', {})).some((f) => f.kind === 'backup')).toBe(true);
  });
});
