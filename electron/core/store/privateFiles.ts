import fs from 'node:fs';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';

/**
 * The database, its -wal/-shm, the signing key and the checkpoint anchor are readable and
 * writable by the app's OS account only (0600), whatever the folder they sit in was: a data
 * folder that already existed with 0755 must not leave the evidence database world-readable.
 *
 * POSIX only. On Windows the mode bits do not express who may read a file (chmod only toggles
 * read-only); there the per-user application data folder's ACL is what keeps others out, so
 * these functions do nothing.
 */
const POSIX = process.platform !== 'win32';

function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

/** Sets 0600 on `p` if it exists (a missing -wal or -shm is fine). */
export function ensurePrivateFile(p: string): void {
  if (!POSIX) return;
  try {
    const st = fs.lstatSync(p);
    // A link is not ours to change; the file it names is refused or fixed where it is opened.
    if (!st.isFile() || (st.mode & 0o777) === PRIVATE_FILE) return;
    fs.chmodSync(p, PRIVATE_FILE);
  } catch (err) {
    if (errnoOf(err) !== 'ENOENT') throw err;
  }
}

/** Sets 0700 on a folder Custodian owns outright (keys/), creating it if needed. */
export function ensurePrivateDir(p: string): void {
  fs.mkdirSync(p, { recursive: true, mode: PRIVATE_DIR });
  if (!POSIX) return;
  if ((fs.statSync(p).mode & 0o777) !== PRIVATE_DIR) fs.chmodSync(p, PRIVATE_DIR);
}

/**
 * Creates an empty `p` with 0600 if it does not exist, so a library that then opens it (SQLite)
 * never creates it with the process umask's mode; then sets 0600 in case it existed.
 */
export function createPrivateFile(p: string): void {
  try {
    fs.closeSync(fs.openSync(p, fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_EXCL, PRIVATE_FILE));
  } catch (err) {
    if (errnoOf(err) !== 'EEXIST') throw err;
  }
  ensurePrivateFile(p);
}

/** Writes `data` to `p` atomically (a 0600 temporary file, fsynced, renamed over it, the folder fsynced). */
export function writePrivateFileAtomic(p: string, data: string | Uint8Array): void {
  const tmp = `${p}.${process.pid}.${Date.now()}.tmp`;
  const fd = fs.openSync(tmp, 'wx', PRIVATE_FILE);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  ensurePrivateFile(tmp);
  fs.renameSync(tmp, p);
  if (POSIX) {
    const dfd = fs.openSync(path.dirname(p), 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  }
}

/** The shell command that fixes a file's permissions, quoted for a POSIX shell. */
export function chmodCommand(p: string): string {
  return `chmod 600 '${p.replace(/'/g, `'\\''`)}'`;
}

/**
 * Refuses a secret file that others on the machine could read or change (group or other
 * permission bits set): it may already have been copied, or replaced. Not fixed silently, so
 * the administrator learns of it; the message says how to fix it.
 */
export function assertPrivateFile(p: string, what: string): void {
  if (!POSIX) return;
  const st = fs.statSync(p);
  if ((st.mode & 0o077) === 0) return;
  const mode = `0${(st.mode & 0o777).toString(8)}`;
  throw new CustodianError(
    'INTEGRITY_FAILURE',
    `Custodian will not use its ${what} (${p}): its permissions (${mode}) let other accounts on this computer read or change it, so it may have been copied or replaced. ` +
      `If you trust the file, make it private to this account and start Custodian again — run: ${chmodCommand(p)}`,
    { path: p, mode },
  );
}
