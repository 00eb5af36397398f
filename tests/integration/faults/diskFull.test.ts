/**
 * A full disk during ingest, proxy making and backup, on real small tmpfs mounts (root only;
 * skipped with the reason when mounting is not permitted). Each time: a clear DISK_FULL (or a
 * clear failure) that a records custodian can act on, nothing half-written left behind, no
 * row for what was not stored, the chain still verifies — and once space is freed the app
 * keeps working.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allHandlers } from '../../../electron/core/api';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import type { BackupResult, JobInfo } from '../../../shared/contract';
import { fixtureFfmpeg, makeClip, makeRandomBytes, makeTempDir } from '../../fixtures/makeClips';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';
import { auditStore, listFiles } from './harness';

const execFileAsync = promisify(execFile);
const mounts: string[] = [];

/** Mounts a tmpfs of `mb` MiB on a fresh folder, or returns the reason it cannot. */
function mountTmpfs(mb: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-full-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m,mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
  mounts.push(dir);
  return dir;
}

function mountProblem(): string | null {
  if (process.platform !== 'linux') return 'tmpfs mounts need Linux';
  try {
    const d = mountTmpfs(1);
    execFileSync('umount', [d]);
    mounts.splice(mounts.indexOf(d), 1);
    fs.rmdirSync(d);
    return null;
  } catch (err) {
    return `cannot mount a tmpfs here (${(err as Error).message.split('\n')[0]}); run as root to test a full disk`;
  }
}

const NO_MOUNT = mountProblem();
if (NO_MOUNT) console.warn(`[disk full] skipped: ${NO_MOUNT}`);

function freeBytes(dir: string): number {
  const s = fs.statfsSync(dir);
  return s.bavail * s.bsize;
}

/** Writes a filler file so about `leave` bytes stay free on `dir`'s file system. */
function fillTo(dir: string, leave: number, name = 'filler.bin'): string {
  const p = path.join(dir, name);
  const fd = fs.openSync(p, 'a');
  try {
    const chunk = Buffer.alloc(64 * 1024, 0xa5);
    for (let free = freeBytes(dir); free > leave; free = freeBytes(dir)) {
      const n = Math.min(chunk.length, free - leave);
      try {
        fs.writeSync(fd, chunk, 0, Math.max(1, n));
      } catch {
        break; // ENOSPC: as full as it gets
      }
    }
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return p;
}

async function ingest(t: TestCore, paths: string[]): Promise<{ job: JobInfo; result: IngestResult }> {
  const { jobId } = await t.call('ingest.start', { paths });
  const job = await t.core.jobs.wait(jobId);
  return { job, result: job.result as IngestResult };
}

async function settle(t: TestCore): Promise<JobInfo[]> {
  for (;;) {
    const running = t.core.jobs.list().filter((j) => j.status === 'running');
    if (running.length === 0) return t.core.jobs.list();
    await Promise.all(running.map((j) => t.core.jobs.wait(j.id)));
  }
}

function expectReadable(message: string): void {
  expect(message).toMatch(/disk|space|full/i);
  expect(message).not.toMatch(/ENOSPC|SQLITE_|\n\s+at /);
}

const figures: Record<string, string | number> = {};

describe.skipIf(NO_MOUNT !== null)('a full disk', () => {
  let src: string;

  beforeAll(async () => {
    src = await makeTempDir('custodian-full-src-');
  });

  afterAll(() => {
    for (const m of mounts.splice(0)) {
      try {
        execFileSync('umount', ['-l', m]);
        fs.rmdirSync(m);
      } catch {
        // already gone
      }
    }
    if (src) fs.rmSync(src, { recursive: true, force: true });
    console.info(`[disk full] ${JSON.stringify(figures)}`);
  });

  describe('during ingest', () => {
    let mnt: string;
    let t: TestCore;
    afterAll(async () => t?.core.close());

    it('refuses a file bigger than the free space with DISK_FULL, leaving no .part and no row', async () => {
      mnt = mountTmpfs(20);
      t = await setUpCore(path.join(mnt, 'data'));
      const big = await makeRandomBytes(src, 'big-3MiB.bin', 3 * 1024 * 1024, 11);
      const filler = fillTo(mnt, 1024 * 1024);
      figures.ingestFreeBytes = freeBytes(mnt);

      const { job, result } = await ingest(t, [big]);
      expect(job.status, JSON.stringify(job.error)).toBe('done');
      expect(result.ingested).toEqual([]);
      expect(result.rejected).toHaveLength(1);
      expect(result.rejected[0]!.code).toBe('DISK_FULL');
      expectReadable(result.rejected[0]!.message);
      figures.ingestMessage = result.rejected[0]!.message;
      expect(listFiles(t.core.paths.staging)).toEqual([]);
      expect(t.core.db.prepare('SELECT COUNT(*) AS n FROM items').get()).toEqual({ n: 0 });
      expect(listFiles(t.core.paths.objects)).toEqual([]);
      expect((await t.call('custody.verify', {})).ok).toBe(true);

      // Space freed: the same app, without a restart, adds a small file and then the big one.
      fs.rmSync(filler);
      const small = await makeClip(src, 'small.mp4', { seconds: 1 });
      const again = await ingest(t, [small, big]);
      expect(again.result.rejected).toEqual([]);
      expect(again.result.ingested.map((i) => path.basename(i.path))).toEqual(['small.mp4', 'big-3MiB.bin']);
      await settle(t);
      expect(await t.call('custody.fixity', {})).toMatchObject({ ok: true, checked: 2 });
      expect((await t.call('custody.verify', {})).ok).toBe(true);
    });

    let zeroIngest: JobInfo;
    let zeroVerify: Awaited<ReturnType<TestCore['raw']>>;

    it('with no space at all, ingest and audit writes fail without leaving anything half-done, and recover', async () => {
      const filler = fillTo(mnt, 0, 'filler-all.bin');
      const more = await makeRandomBytes(src, 'more.bin', 256 * 1024, 12);
      const before = (t.core.db.prepare('SELECT COUNT(*) AS n FROM custody_log').get() as { n: number }).n;
      try {
        zeroIngest = (await ingest(t, [more])).job;
        zeroVerify = await t.raw('custody.verify', {});
        figures.zeroSpaceIngest = zeroIngest.status === 'failed' ? `job failed: ${zeroIngest.error?.code} ${zeroIngest.error?.message}` : `done: ${JSON.stringify((zeroIngest.result as IngestResult).rejected.map((r) => r.code))}`;
        figures.zeroSpaceVerify = zeroVerify.ok ? 'ok' : `${zeroVerify.error.code}: ${zeroVerify.error.message}`;
        expect(['done', 'failed']).toContain(zeroIngest.status);
        expect(listFiles(t.core.paths.staging)).toEqual([]);
        expect(t.core.db.prepare("SELECT COUNT(*) AS n FROM items WHERE state != 'committed'").get()).toEqual({ n: 0 });
      } finally {
        fs.rmSync(filler);
      }
      expect((await t.call('custody.verify', {})).ok).toBe(true);
      const after = (t.core.db.prepare('SELECT COUNT(*) AS n FROM custody_log').get() as { n: number }).n;
      expect(after).toBeGreaterThan(before);
      const retry = await ingest(t, [more]);
      expect(retry.result.ingested).toHaveLength(1);
      const audit = auditStore(t.core);
      expect(audit).toMatchObject({ itemsWithoutFile: [], objectsWithoutItem: [], stagedRows: [], leftovers: [], quickCheck: 'ok' });
    });

    // SQLite's SQLITE_FULL maps to DISK_FULL (shared/errors.ts toErrorData).
    it('with no space at all, the custodian is told the disk is full', () => {
      expect(zeroIngest.status === 'done' || zeroIngest.error?.code === 'DISK_FULL').toBe(true);
      if (!zeroVerify.ok) expect(zeroVerify.error.code).toBe('DISK_FULL');
    });
  });

  describe('while making a proxy', () => {
    let t: TestCore;
    afterAll(async () => t?.core.close());

    it('fails the proxy job, leaves no partial proxy and the original untouched; then keeps working', async () => {
      const mnt = mountTmpfs(20);
      t = await setUpCore(path.join(mnt, 'data'));
      // Noise compresses badly: the proxy (~1.3 MB) is far bigger than the room left after the copy.
      const avi = path.join(src, 'noisy.avi');
      await execFileAsync(fixtureFfmpeg(), ['-hide_banner', '-nostdin', '-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=15:duration=2', '-vf', 'noise=alls=100:allf=t', '-c:v', 'mpeg4', '-q:v', '5', '-f', 'avi', '-y', `file:${avi}`]);
      const size = fs.statSync(avi).size;
      const filler = fillTo(mnt, size + 512 * 1024);

      const { result } = await ingest(t, [avi]);
      expect(result.rejected).toEqual([]);
      expect(result.ingested).toHaveLength(1);
      const item = result.ingested[0]!;
      const jobs = await settle(t);
      const proxy = jobs.find((j) => j.kind === 'proxy')!;
      expect(proxy.status).toBe('failed');
      figures.proxyError = `${proxy.error?.code}: ${proxy.error?.message}`;
      expect(proxy.error?.code).toMatch(/^(DISK_FULL|MEDIA_TOOL_FAILED)$/);
      expect(proxy.error?.message.length).toBeGreaterThan(10);
      expect(listFiles(t.core.paths.derived).filter((f) => f.endsWith('.part') || f.endsWith('.proxy.mp4'))).toEqual([]);
      expect(t.core.db.prepare("SELECT COUNT(*) AS n FROM derivatives WHERE kind = 'proxy'").get()).toEqual({ n: 0 });
      const failed = t.core.db.prepare("SELECT details FROM custody_log WHERE action = 'proxy-failed'").all() as { details: string }[];
      expect(failed).toHaveLength(1);
      expect(await t.call('custody.fixity', {})).toMatchObject({ ok: true, checked: 1 });
      expect((await t.call('custody.verify', {})).ok).toBe(true);
      expect(auditStore(t.core)).toMatchObject({ itemsWithoutFile: [], objectsWithoutItem: [], stagedRows: [], leftovers: [], badDerivatives: [], quickCheck: 'ok' });

      fs.rmSync(filler);
      const next = await ingest(t, [await makeClip(src, 'after-proxy.avi', { seconds: 1, container: 'avi', codec: 'mpeg4' })]);
      expect(next.result.ingested).toHaveLength(1);
      const later = (await settle(t)).filter((j) => j.kind === 'proxy' && j.status === 'done');
      expect(later).toHaveLength(1);
      expect(item.id).not.toBe(next.result.ingested[0]!.id);
    });

    // ffmpeg's "No space left on device" maps to DISK_FULL (media/ffmpegRunner.ts).
    it('a disk-full proxy failure says the disk is full', () => {
      const proxy = t.core.jobs.list().find((j) => j.kind === 'proxy' && j.status === 'failed');
      expect(proxy?.error?.code).toBe('DISK_FULL');
      expectReadable(proxy!.error!.message);
    });
  });

  describe.skipIf(!allHandlers()['backup.run'])('during a backup', () => {
    let t: TestCore;
    afterAll(async () => t?.core.close());

    it('fails with DISK_FULL, removes the partial backup; after freeing space a backup completes', async () => {
      const dataMnt = mountTmpfs(20);
      const backupMnt = mountTmpfs(8);
      t = await setUpCore(path.join(dataMnt, 'data'));
      const files = [await makeRandomBytes(src, 'b1.bin', 2 * 1024 * 1024, 21), await makeRandomBytes(src, 'b2.bin', 2 * 1024 * 1024, 22)];
      expect((await ingest(t, files)).result.ingested).toHaveLength(2);
      await settle(t);
      const filler = fillTo(backupMnt, 3 * 1024 * 1024);

      const run = async (): Promise<JobInfo> => {
        const { jobId } = await t.call('backup.run', { folder: backupMnt, confirmPassword: ADMIN_PASSWORD });
        return t.core.jobs.wait(jobId);
      };
      const failed = await run();
      expect(failed.status).toBe('failed');
      expect(failed.error?.code).toBe('DISK_FULL');
      expectReadable(failed.error!.message);
      figures.backupMessage = failed.error!.message;
      expect(fs.readdirSync(backupMnt).filter((n) => n !== path.basename(filler))).toEqual([]);
      expect((await t.call('custody.verify', {})).ok).toBe(true);

      fs.rmSync(filler);
      const ok = await run();
      expect(ok.status, JSON.stringify(ok.error)).toBe('done');
      const r = ok.result as BackupResult;
      expect(r.objects.total).toBe(2);
      expect(r.missing).toEqual([]);
      expect(fs.existsSync(r.folder)).toBe(true);
      expect(fs.readdirSync(backupMnt).filter((n) => n.endsWith('.partial'))).toEqual([]);
      expect((await t.call('custody.verify', {})).ok).toBe(true);
      expect(await t.call('custody.fixity', {})).toMatchObject({ ok: true, checked: 2 });
    });
  });
});
