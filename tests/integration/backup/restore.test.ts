import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import type { BackupResult, ChainVerificationInfo, FixityInfo, LoginResult } from '../../../shared/contract';
import { openCore, type Core } from '../../../electron/core/openCore';
import { restoreBackup } from '../../../electron/core/backup/restore';
import { main } from '../../../electron/cli/main';
import { ADMIN_PASSWORD, setUpCore, tempDir, type TestCore } from '../../helpers/testCore';
import { addStoredItem } from './storeFixture';

let t: TestCore | null = null;
const opened: Core[] = [];
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
  for (const c of opened.splice(0)) await c.close().catch(() => undefined);
});

async function call<T>(core: Core, method: string, input: unknown, session?: string): Promise<T> {
  const r = await core.call({ method, input, session }, { host: 'test' });
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function backedUp(): Promise<{ t: TestCore; result: BackupResult; items: { sha256: string }[] }> {
  t = await setUpCore();
  const items = [addStoredItem(t.core), addStoredItem(t.core), addStoredItem(t.core)];
  const { jobId } = await t.call('backup.run', { folder: tempDir('custodian-backups-'), confirmPassword: ADMIN_PASSWORD });
  const job = await t.core.jobs.wait(jobId);
  expect(job.status).toBe('done');
  return { t, result: job.result as BackupResult, items };
}

describe('restore drill', () => {
  it('restores into a new folder; the chain and every object verify there', async () => {
    const { t, result, items } = await backedUp();
    const to = path.join(tempDir('custodian-restore-'), 'data');
    const r = await restoreBackup({ from: result.folder, to });
    expect(r).toMatchObject({ dataDir: to, objects: 3, custodyEntries: result.custodyHead.entries, missingAtBackup: [] });
    expect(r.newPublicKeyPem).not.toBe(r.previousPublicKeyPem);

    const core = await openCore({ dataDir: to });
    opened.push(core);
    // Sessions are not part of a backup.
    const stale = await core.call({ method: 'agency.get', input: {}, session: t.token }, { host: 'test' });
    expect(!stale.ok && stale.error.code).toBe('NOT_SIGNED_IN');
    const s = await call<LoginResult>(core, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true });
    const v = await call<ChainVerificationInfo>(core, 'custody.verify', {}, s.token);
    expect(v.ok).toBe(true);
    expect(v.checkpoint?.signatureValid).toBe(true);
    const f = await call<FixityInfo>(core, 'custody.fixity', {}, s.token);
    expect(f).toMatchObject({ ok: true, checked: items.length });

    const log = await call<{ action: string; details: Record<string, unknown> }[]>(core, 'custody.log', { limit: 50, action: 'restore' }, s.token);
    expect(log).toHaveLength(1);
    expect(log[0].details).toMatchObject({ manifestSha256: r.manifestSha256, previousPublicKey: r.previousPublicKeyPem, newPublicKey: r.newPublicKeyPem, custodyHeadAtBackup: result.custodyHead });
    // The entries from before the backup are the same entries, in order.
    const before = t.core.custody.page({ limit: 1, beforeSeq: result.custodyHead.entries + 1 })[0];
    expect(core.custody.page({ limit: 1, beforeSeq: result.custodyHead.entries + 1 })[0].hash).toBe(before.hash);
  });

  it('keeps second factors working after a restore', async () => {
    t = await setUpCore();
    const e = await t.call('auth.mfa.begin', { confirmPassword: ADMIN_PASSWORD });
    const totp = new TOTP({ secret: Secret.fromBase32(e.secret) });
    await t.call('auth.mfa.confirm', { code: totp.generate() });
    const { jobId } = await t.call('backup.run', { folder: tempDir('custodian-backups-'), confirmPassword: ADMIN_PASSWORD });
    const result = (await t.core.jobs.wait(jobId)).result as BackupResult;
    const to = path.join(tempDir('custodian-restore-'), 'data');
    await restoreBackup({ from: result.folder, to, clock: () => new Date(Date.now() + 60_000) });
    const core = await openCore({ dataDir: to, clock: () => new Date(Date.now() + 60_000) });
    opened.push(core);
    const first = await call<LoginResult>(core, 'auth.login', { username: 'admin', password: ADMIN_PASSWORD, acknowledgedBanner: true });
    if (!first.mfaRequired) throw new Error('expected a challenge');
    const s = await call<LoginResult>(core, 'auth.loginMfa', { challenge: first.challenge, code: totp.generate({ timestamp: Date.now() + 60_000 }) });
    expect(s.mfa).toBe(true);
  });

  it('refuses a damaged backup and leaves no half-restored folder', async () => {
    const { result, items } = await backedUp();
    const obj = path.join(result.folder, 'objects', items[1].sha256.slice(0, 2), items[1].sha256.slice(2, 4), items[1].sha256);
    fs.chmodSync(obj, 0o644);
    fs.appendFileSync(obj, 'x');
    const to = path.join(tempDir('custodian-restore-'), 'data');
    await expect(restoreBackup({ from: result.folder, to })).rejects.toMatchObject({ code: 'INTEGRITY_FAILURE' });
    expect(fs.existsSync(to)).toBe(false);

    const db = path.join(result.folder, 'custodian.sqlite');
    fs.appendFileSync(db, Buffer.alloc(4096));
    await expect(restoreBackup({ from: result.folder, to })).rejects.toMatchObject({ code: 'INTEGRITY_FAILURE' });
  });

  it('refuses to restore over a folder that is not empty', async () => {
    const { result } = await backedUp();
    const to = tempDir('custodian-restore-');
    fs.writeFileSync(path.join(to, 'something'), 'x');
    await expect(restoreBackup({ from: result.folder, to })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(fs.readdirSync(to)).toEqual(['something']);
  });

  it('runs from the CLI: backup run --to, then backup restore --from --to', async () => {
    t = await setUpCore();
    addStoredItem(t.core);
    const dataDir = t.dataDir;
    await t.core.close();
    t = null;
    const folder = tempDir('custodian-backups-');
    const to = path.join(tempDir('custodian-restore-'), 'data');
    const run = async (argv: string[]) => {
      const out: string[] = [];
      const write = process.stdout.write.bind(process.stdout);
      const errWrite = process.stderr.write.bind(process.stderr);
      process.stdout.write = ((s: string) => (out.push(s), true)) as typeof process.stdout.write;
      process.stderr.write = (() => true) as typeof process.stderr.write;
      try {
        return { code: await main(argv), out: out.join('') };
      } finally {
        process.stdout.write = write;
        process.stderr.write = errWrite;
      }
    };
    const env = { ...process.env };
    process.env.CUSTODIAN_USER = 'admin';
    process.env.CUSTODIAN_PASSWORD = ADMIN_PASSWORD;
    try {
      const refused = await run(['backup', 'run', '--to', folder, '--data', dataDir, '--json']);
      expect(refused.code).not.toBe(0);
      expect(refused.out).toMatch(/system-use notice/);
      const b = await run(['backup', 'run', '--to', folder, '--data', dataDir, '--accept-banner', '--json']);
      expect(b.code).toBe(0);
      const backupDir = (JSON.parse(b.out) as BackupResult).folder;
      const r = await run(['backup', 'restore', '--from', backupDir, '--to', to, '--json']);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ dataDir: to, objects: 1 });
      const v = await run(['custody', 'verify', '--data', to, '--accept-banner', '--json']);
      expect(v.code).toBe(0);
      expect(JSON.parse(v.out)).toMatchObject({ ok: true });
    } finally {
      process.env = env;
    }
  });
});
