import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { hashFile } from '../store/hashFile';

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes a rename or new entry durable; not every platform can open a folder (Windows), so best effort. */
export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot fsync a directory handle; NTFS journals the rename itself.
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

export function diskFullError(where: string, err: unknown): CustodianError {
  return new CustodianError('DISK_FULL', `The backup drive is full. The unfinished backup was removed; free some space on it (or use a larger drive) and run the backup again.`, {
    where,
    cause: err instanceof Error ? err.message : String(err),
  });
}

/**
 * Copies `src` to `dest` (never over an existing file), flushes it to disk and re-reads it:
 * the copy is kept only if its SHA-256 is `expectedSha256`.
 */
export async function copyVerified(src: string, dest: string, expectedSha256: string, signal?: AbortSignal): Promise<{ ok: true; size: number } | { ok: false; actual: string }> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.copyFileSync(src, dest, fs.constants.COPYFILE_EXCL);
  fsyncFile(dest);
  const { sha256, size } = await hashFile(dest, { signal });
  if (sha256 !== expectedSha256) {
    fs.rmSync(dest, { force: true });
    return { ok: false, actual: sha256 };
  }
  return { ok: true, size };
}

/**
 * An object already in the previous backup is hard-linked instead of copied: objects never
 * change, so a link costs no space and no time. Where the drive cannot link (FAT32, exFAT,
 * some network shares) the caller copies instead.
 */
export function tryLink(existing: string, dest: string, expectedSize: number): boolean {
  try {
    if (fs.statSync(existing).size !== expectedSize) return false;
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.linkSync(existing, dest);
    return true;
  } catch (err) {
    if (isDiskFull(err)) throw err;
    return false;
  }
}
