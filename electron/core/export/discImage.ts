import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { ExportFile, MediaFit } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { hashFile } from '../store/hashFile';

/**
 * A disc image of a finished package: ISO 9660 level 3 with Joliet (long names) and Rock Ridge,
 * built by xorriso (`-as mkisofs -iso-level 3 -J -joliet-long -R`; xorriso writes no UDF), then
 * verified by extracting every file back out of the image and re-hashing it. Written as
 * `<name>.partial` and renamed when verified.
 */

export const DISC_CAPACITIES: readonly { name: string; capacityBytes: number }[] = [
  { name: 'CD-R (700 MB)', capacityBytes: 737_280_000 },
  { name: 'DVD±R (4.7 GB)', capacityBytes: 4_700_000_000 },
  { name: 'DVD±R DL (8.5 GB)', capacityBytes: 8_500_000_000 },
  { name: 'BD-R (25 GB)', capacityBytes: 25_000_000_000 },
  { name: 'BD-R DL (50 GB)', capacityBytes: 50_000_000_000 },
];

export function mediaFits(bytes: number): MediaFit[] {
  return DISC_CAPACITIES.map((d) => ({ ...d, fits: bytes <= d.capacityBytes }));
}

export function xorrisoPath(): string {
  return process.env.CUSTODIAN_XORRISO ?? 'xorriso';
}

function run(args: string[], signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let stderr = '';
    const child = spawn(xorrisoPath(), args, { stdio: ['ignore', 'ignore', 'pipe'] });
    const onAbort = () => child.kill('SIGTERM');
    signal?.addEventListener('abort', onAbort, { once: true });
    child.stderr.on('data', (c: Buffer) => {
      stderr = (stderr + c.toString('utf8')).slice(-4000);
    });
    child.on('error', (err) => {
      signal?.removeEventListener('abort', onAbort);
      reject(
        (err as { code?: string }).code === 'ENOENT'
          ? new CustodianError('MEDIA_TOOL_MISSING', 'xorriso is not installed, so no disc image can be made. Install xorriso (e.g. "apt install xorriso"), or export to a folder and burn that.')
          : err,
      );
    });
    child.on('close', (code) => {
      signal?.removeEventListener('abort', onAbort);
      if (signal?.aborted) reject(new CustodianError('CANCELLED', 'Cancelled.'));
      else if (code === 0) resolve();
      else reject(new CustodianError('MEDIA_TOOL_FAILED', `xorriso could not ${args.includes('-extract') ? 'read the disc image back' : 'build the disc image'} (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`, { stderr }));
    });
  });
}

/** Builds the image of `packageDir` at `isoFile` (volume id from the package id) and verifies it; returns its size. */
export async function buildDiscImage(packageDir: string, isoFile: string, volumeId: string, files: readonly ExportFile[], opts: { signal?: AbortSignal; progress?: (fraction: number, message: string) => void } = {}): Promise<{ bytes: number; sha256: string }> {
  if (fs.existsSync(isoFile)) throw new CustodianError('CONFLICT', `${isoFile} already exists. Choose a new file name for the disc image; an existing file is never overwritten.`);
  const partial = `${isoFile}.partial`;
  const readBack = path.join(path.dirname(isoFile), `.${path.basename(isoFile)}.readback`);
  fs.rmSync(partial, { force: true });
  fs.rmSync(readBack, { recursive: true, force: true });
  try {
    opts.progress?.(0.0, 'Building the disc image');
    const top = path.basename(packageDir);
    await run(['-as', 'mkisofs', '-iso-level', '3', '-J', '-joliet-long', '-R', '-V', volumeId.slice(0, 32).toUpperCase().replace(/[^A-Z0-9_]/g, '_'), '-o', partial, '-graft-points', `/${top}=${packageDir}`], opts.signal);
    const fd = fs.openSync(partial, 'r+');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    opts.progress?.(0.5, 'Reading every file back out of the image');
    await run(['-osirrox', 'on', '-indev', partial, '-extract', '/', readBack], opts.signal);
    for (const f of files) {
      const back = path.join(readBack, top, ...f.path.split('/'));
      let got: string | null = null;
      try {
        got = (await hashFile(back, { signal: opts.signal })).sha256;
      } catch (err) {
        if ((err as CustodianError).code === 'CANCELLED') throw err;
      }
      if (got !== f.sha256) throw new CustodianError('HASH_MISMATCH', `The disc image does not hold ${f.path} as written (${got ? 'different bytes' : 'missing'}). The image was removed; try again.`, { path: f.path });
    }
    const { sha256, size } = await hashFile(partial, { signal: opts.signal });
    fs.renameSync(partial, isoFile);
    return { bytes: size, sha256 };
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  } finally {
    fs.rmSync(readBack, { recursive: true, force: true });
  }
}
