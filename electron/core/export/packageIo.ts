import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { CustodianError } from '../../../shared/errors';

/**
 * The file operations a package write uses, passed in so a test can make the destination fail
 * halfway (a full disk, a share that drops) without touching the code under test.
 */
export interface ExportIo {
  mkdir(dir: string): void;
  open(file: string): number;
  write(fd: number, buf: Buffer, length: number): void;
  fsync(fd: number): void;
  close(fd: number): void;
  rename(from: string, to: string): void;
  fsyncDir(dir: string): void;
}

export const nodeIo: ExportIo = {
  mkdir: (dir) => fs.mkdirSync(dir, { recursive: true }),
  open: (file) => fs.openSync(file, 'wx', 0o644),
  write: (fd, buf, length) => {
    let off = 0;
    while (off < length) off += fs.writeSync(fd, buf, off, length - off);
  },
  fsync: (fd) => fs.fsyncSync(fd),
  close: (fd) => fs.closeSync(fd),
  rename: (from, to) => fs.renameSync(from, to),
  fsyncDir: (dir) => {
    let fd: number | null = null;
    try {
      fd = fs.openSync(dir, 'r');
      fs.fsyncSync(fd);
    } catch {
      // Windows and some shares cannot open a folder; the rename is journalled there.
    } finally {
      if (fd !== null) fs.closeSync(fd);
    }
  },
};

const CHUNK = 8 * 1024 * 1024;

function cancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CustodianError('CANCELLED', 'Cancelled.');
}

const HASH_WORKER = path.join(__dirname, 'hashWorker.js');
/** Files this large are hashed on another core (in the built app); smaller ones, or running from source, in this thread. */
const WORKER_FROM = 64 * 1024 * 1024;

/** The digests of `file` computed on another core, or null when this one should do it (small file, no built worker). */
export function hashInWorker(file: string, size: number, algos: string[]): Promise<{ size: number; digests: string[] }> | null {
  if (size < WORKER_FROM || !fs.existsSync(HASH_WORKER)) return null;
  const p = new Promise<{ size: number; digests: string[] }>((resolve, reject) => {
    const w = new Worker(HASH_WORKER, { workerData: { file, algos } });
    w.once('message', (r: { size: number; digests: string[] }) => resolve(r));
    w.once('error', reject);
  });
  // A step that fails before awaiting it must not leave the rejection unhandled.
  p.catch(() => undefined);
  return p;
}

/**
 * Copies `src` to a new file `dest`, hashing SHA-256 in the same pass (and SHA-512 there too, or
 * on another core for a large file: the read-back SHA-256 then ties it to the copy), and flushes it.
 */
export async function copyHashed(io: ExportIo, src: string, dest: string, opts: { signal?: AbortSignal; onBytes?: (n: number) => void } = {}): Promise<{ sha256: string; sha512: string; size: number }> {
  io.mkdir(path.dirname(dest));
  const inFd = fs.openSync(src, 'r');
  let outFd: number | null = null;
  const parallel = hashInWorker(src, fs.fstatSync(inFd).size, ['sha512']);
  try {
    outFd = io.open(dest);
    const h256 = createHash('sha256');
    const h512 = parallel ? null : createHash('sha512');
    const buf = Buffer.allocUnsafe(CHUNK);
    let size = 0;
    for (;;) {
      cancelled(opts.signal);
      const n = fs.readSync(inFd, buf, 0, CHUNK, null);
      if (n === 0) break;
      const part = n === CHUNK ? buf : buf.subarray(0, n);
      h256.update(part);
      h512?.update(part);
      io.write(outFd, buf, n);
      size += n;
      opts.onBytes?.(size);
      if (size % (64 * 1024 * 1024) < CHUNK) await new Promise<void>((r) => setImmediate(r));
    }
    io.fsync(outFd);
    return { sha256: h256.digest('hex'), sha512: h512 ? h512.digest('hex') : (await parallel!).digests[0], size };
  } finally {
    fs.closeSync(inFd);
    if (outFd !== null) io.close(outFd);
  }
}

/** Writes `bytes` to a new file `dest` and flushes it. */
export function writeFlushed(io: ExportIo, dest: string, bytes: Buffer): { sha256: string; sha512: string; size: number } {
  io.mkdir(path.dirname(dest));
  const fd = io.open(dest);
  try {
    io.write(fd, bytes, bytes.length);
    io.fsync(fd);
  } finally {
    io.close(fd);
  }
  return { sha256: createHash('sha256').update(bytes).digest('hex'), sha512: createHash('sha512').update(bytes).digest('hex'), size: bytes.length };
}

/** What a failed write means for the custodian, in words. */
export function destinationError(err: unknown, where: string): CustodianError {
  if (err instanceof CustodianError) return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  const cause = err instanceof Error ? err.message : String(err);
  const details = { where, code, cause };
  if (code === 'ENOSPC' || code === 'EDQUOT') return new CustodianError('DISK_FULL', `The destination is full, so the package could not be written to ${where}. The unfinished package was removed; free some space (or choose a larger drive) and export again.`, details);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new CustodianError('IO_ERROR', `The destination cannot be written to (${code === 'EROFS' ? 'it is read-only' : 'permission denied'}): ${where}. Choose a folder you can write to, or unlock the drive, and export again.`, details);
  if (['EIO', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTDOWN', 'ENETUNREACH', 'ENETDOWN', 'ESTALE', 'EREMOTEIO', 'ENOTCONN'].includes(code)) return new CustodianError('IO_ERROR', `The connection to the destination failed while writing the package (${code}): ${where}. Nothing that looks complete was left there; check the share or drive and export again.`, details);
  return new CustodianError('INTERNAL', `The package could not be written to ${where}: ${cause}. Nothing that looks complete was left there; export again.`, details);
}
