import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { HandlerContext } from '../../../electron/core/callContext';
import { startExport } from '../../../electron/core/export/exportService';
import { nodeIo, type ExportIo } from '../../../electron/core/export/packageIo';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { PASSWORD, openDesk, tempDir, type Desk } from '../requests/desk';
import { approvedRequest, exportTo } from './exportKit';

/**
 * A destination that fails halfway (full, read-only, a share that drops) leaves nothing that
 * looks complete, records no export, logs the failure, and the export can be retried.
 */

let desk: Desk | null = null;
const mounts: string[] = [];
afterEach(async () => {
  for (const m of mounts.splice(0)) {
    try {
      execFileSync('umount', [m]);
    } catch {
      // already gone
    }
  }
  await desk?.close();
  desk = null;
});

/** A real tmpfs of `size` (root only, e.g. in the CI container); null where mounting is not allowed. */
function tmpfs(size: string, readOnly = false): string | null {
  const dir = tempDir('custodian-export-tmpfs-');
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${readOnly ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    return null;
  }
  mounts.push(dir);
  return dir;
}

function looksComplete(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => !n.startsWith('.') && fs.existsSync(path.join(dir, n, 'bagit.txt')));
}

async function failedExport(d: Desk, id: number, destination: string): Promise<{ code?: string; message: string }> {
  const { jobId } = await d.call('cora', 'exports.start', { id, destination, medium: 'folder', recipient: 'Pat Public', confirmPassword: PASSWORD });
  const job = await d.core.jobs.wait(jobId, 'export');
  expect(job.status).toBe('failed');
  return job.error!;
}

function nothingRecorded(d: Desk, id: number): void {
  expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM release_exports').get() as { n: number }).n).toBe(0);
  const actions = d.core.custody.forObject(`request:${id}`).map((e) => e.action);
  expect(actions).not.toContain('release-exported');
  expect(actions).toContain('release-export-failed');
}

describe('a destination that fails halfway', () => {
  it('a full disk (a real 48 KiB tmpfs): DISK_FULL, nothing left that looks complete, retry elsewhere works', async (t) => {
    const small = tmpfs('48k');
    if (!small) return t.skip();
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const err = await failedExport(d, id, small);
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toMatch(/destination is full/);
    expect(looksComplete(small)).toEqual([]);
    nothingRecorded(d, id);
    const r = await exportTo(d, id);
    expect((await verifyPackageFolder(r.package)).ok).toBe(true);
  });

  it('a read-only destination (a real read-only tmpfs): a clear message, nothing written', async (t) => {
    const ro = tmpfs('1m', true);
    if (!ro) return t.skip();
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const err = await failedExport(d, id, ro);
    expect(err.code).toBe('IO_ERROR');
    expect(err.message).toMatch(/read-only/);
    expect(fs.readdirSync(ro)).toEqual([]);
    nothingRecorded(d, id);
  });

  it('a share that drops after a few writes (ECONNRESET from the write): the partial folder is removed', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const destination = tempDir('custodian-export-share-');
    let writes = 0;
    const dropping: ExportIo = {
      ...nodeIo,
      write: (fd, buf, length) => {
        if (++writes > 4) throw Object.assign(new Error('write ECONNRESET'), { code: 'ECONNRESET' });
        nodeIo.write(fd, buf, length);
      },
    };
    const session = d.core.sessions.get(d.tokens.cora)!;
    const ctx: HandlerContext = { core: d.core, session, host: 'test', workstation: 'test-ws', actor: d.core.actorFor(session) };
    const { jobId } = startExport(ctx, { id, destination, medium: 'share', recipient: 'Pat Public', confirmPassword: PASSWORD }, dropping);
    const job = await d.core.jobs.wait(jobId, 'export');
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('IO_ERROR');
    expect(job.error?.message).toMatch(/connection to the destination failed/);
    expect(fs.readdirSync(destination)).toEqual([]);
    nothingRecorded(d, id);
    // Retried when the share is back: a complete package.
    const r = await exportTo(d, id, { destination, medium: 'share' });
    expect(looksComplete(destination)).toEqual([r.packageId]);
  });

  it('cancel: nothing is left and nothing is recorded', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const destination = tempDir('custodian-export-cancel-');
    let cancelled = false;
    const slow: ExportIo = {
      ...nodeIo,
      write: (fd, buf, length) => {
        if (!cancelled) {
          cancelled = true;
          setImmediate(() => d.core.jobs.cancel(jobId));
        }
        nodeIo.write(fd, buf, length);
      },
    };
    const session = d.core.sessions.get(d.tokens.cora)!;
    const ctx: HandlerContext = { core: d.core, session, host: 'test', workstation: 'test-ws', actor: d.core.actorFor(session) };
    const { jobId } = startExport(ctx, { id, destination, medium: 'folder', recipient: 'Pat Public', confirmPassword: PASSWORD }, slow);
    const job = await d.core.jobs.wait(jobId, 'export');
    expect(job.status).toBe('cancelled');
    expect(fs.readdirSync(destination)).toEqual([]);
    expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM release_exports').get() as { n: number }).n).toBe(0);
  });
});
