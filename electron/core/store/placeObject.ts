import fs from 'node:fs';
import path from 'node:path';
import { objectPath } from './objectPaths';

export interface RenameRetry {
  attempt: number;
  code: string;
  delayMs: number;
}

export interface RenameOptions {
  /** Retry EPERM/EBUSY/EACCES (antivirus and indexers hold new files open on Windows). Default: on Windows only. */
  retryLocked?: boolean;
  /** Called before each retry so the caller can log it. */
  onRetry?: (r: RenameRetry) => void;
  /** Delays between attempts; default 50, 100, 200 … 3200 ms (about 6 s in all). */
  delaysMs?: readonly number[];
  /** For tests. */
  rename?: (from: string, to: string) => void;
  sleep?: (ms: number) => Promise<void>;
}

const DEFAULT_DELAYS = [50, 100, 200, 400, 800, 1600, 3200];
const LOCKED = new Set(['EPERM', 'EBUSY', 'EACCES']);

function errnoOf(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Renames with backoff while another program (typically antivirus) holds the file. */
export async function renameWithRetry(from: string, to: string, opts: RenameOptions = {}): Promise<void> {
  const rename = opts.rename ?? fs.renameSync;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const delays = opts.delaysMs ?? DEFAULT_DELAYS;
  const retry = opts.retryLocked ?? process.platform === 'win32';
  for (let attempt = 0; ; attempt++) {
    try {
      rename(from, to);
      return;
    } catch (err) {
      const code = errnoOf(err);
      const delayMs = delays[attempt];
      if (!retry || code === undefined || !LOCKED.has(code) || delayMs === undefined) throw err;
      opts.onRetry?.({ attempt: attempt + 1, code, delayMs });
      await sleep(delayMs);
    }
  }
}

/**
 * Makes a directory entry durable: fsync on the directory itself. Windows cannot open a
 * directory for fsync (NTFS journals metadata), so there it is a no-op.
 */
export function fsyncDir(dir: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Step 5 of the ingest protocol: moves a verified staging file to objects/ab/cd/<sha256>
 * and fsyncs every directory whose entries changed, so after a power cut the object is
 * either under its name or still a .part. Staging and objects are on the same volume,
 * so the rename is atomic.
 */
export async function placeObject(objectsDir: string, partPath: string, sha256: string, opts: RenameOptions = {}): Promise<string> {
  const target = objectPath(objectsDir, sha256);
  const leaf = path.dirname(target);
  const mid = path.dirname(leaf);
  const madeMid = !fs.existsSync(mid);
  const madeLeaf = !fs.existsSync(leaf);
  fs.mkdirSync(leaf, { recursive: true, mode: 0o700 });
  if (madeMid) fsyncDir(objectsDir);
  if (madeLeaf) fsyncDir(mid);
  // Objects are never written again; read-only guards against a slip by a person or program.
  fs.chmodSync(partPath, 0o400);
  await renameWithRetry(partPath, target, opts);
  fsyncDir(leaf);
  fsyncDir(path.dirname(partPath));
  return target;
}
