import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import { errnoOf, fsFailure } from './fsErrors';
import { FLUSH_EVERY, TRAILING_FROM, TrailingRehash } from './trailingRehash';
import { insideDataFolderError, isInsideDataFolder, kindOfEntry, notRegularFileError, ownIdentityError, type OwnFilePurpose, type OwnFiles } from '../store/ownFiles';

/** What the source looked like when it was opened; the copy is refused if it changes. */
export interface SourceFacts {
  size: number;
  mtimeMs: number;
  dev: bigint;
  ino: bigint;
}

export interface StagedCopy<T = undefined> {
  /** `staging/<uuid>.part`, fsynced and closed. */
  partPath: string;
  sha256: string;
  size: number;
  source: SourceFacts;
  /** What `alongsideVerify` returned. */
  alongside: T;
}

export interface CopyOptions<T = undefined> {
  signal?: AbortSignal;
  /** Bytes done so far in the current phase: the copy, then the re-hash from disk. */
  onBytes?: (bytes: number, phase: 'copy' | 'verify') => void;
  /** The facts the walk saw; a different file at the same path (or a changed one) is refused. */
  expected?: Pick<SourceFacts, 'dev' | 'ino'> & Partial<SourceFacts>;
  /** Default 8 MiB. */
  chunkBytes?: number;
  /** The data folder's own files: refused before the open by path and after it by what was opened. */
  ownFiles?: OwnFiles;
  /** Words for the refusal: ingest (default) or a request letter. */
  purpose?: OwnFilePurpose;
  /** How long each step took, in milliseconds, as it ends (the bench prints them). */
  onStage?: (stage: CopyStage, ms: number) => void;
  /**
   * Work on the flushed copy that runs while it is read back and hashed (the probe and the
   * decode check, in other processes on the other core). Its result counts only when the
   * read-back matches: on a mismatch, a changed source or a cancel its signal is aborted, it is
   * waited for, and the copy is removed. Its own failure fails the copy.
   */
  alongsideVerify?: (partPath: string, signal: AbortSignal) => Promise<T>;
  /** Files at least this large are read back behind the copy on the other core (trailingRehash.ts); tests lower it. */
  trailingFrom?: number;
  /** Bytes between the flushes that hand a range to the read-back; tests lower it. */
  flushEvery?: number;
}

/** The steps of a staged copy: read, hash and write; flush to disk; read back and hash again. */
export type CopyStage = 'copyWithHash' | 'fsync' | 'rehash';

function stopwatch(onStage: CopyOptions['onStage']): (stage: CopyStage) => void {
  let t = performance.now();
  return (stage) => {
    const now = performance.now();
    onStage?.(stage, now - t);
    t = now;
  };
}

const DEFAULT_CHUNK = 8 * 1024 * 1024;

function cancelled(): CustodianError {
  return new CustodianError('CANCELLED', 'The ingest was cancelled. The partly copied file was removed.');
}

function sourceChanged(detail: string, details: Record<string, unknown>): CustodianError {
  return new CustodianError(
    'SOURCE_CHANGED',
    'The source file changed while it was being copied (another program may be writing to it). It was not added; add it again once it is finished.',
    { detail, ...details },
  );
}

function fdatasyncAt(fd: number): Promise<void> {
  return new Promise((resolve, reject) => fs.fdatasync(fd, (err) => (err ? reject(err) : resolve())));
}

/** `p`, or CANCELLED as soon as the signal is aborted (the caller then stops what `p` waits for). */
function untilCancelled<V>(p: Promise<V>, signal: AbortSignal | undefined): Promise<V> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<V>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function readAt(fd: number, buf: Buffer, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.read(fd, buf, 0, buf.length, position, (err, n) => (err ? reject(err) : resolve(n))));
}

function writeAt(fd: number, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  return new Promise((resolve, reject) => fs.write(fd, buf, offset, length, position, (err, n) => (err ? reject(err) : resolve(n))));
}

async function writeAll(fd: number, buf: Buffer, length: number, position: number): Promise<void> {
  let done = 0;
  while (done < length) done += await writeAt(fd, buf, done, length - done, position + done);
}

/** Settles both before throwing, so no read or write is still using a buffer or descriptor. */
async function bothOrThrow<A, B>(a: Promise<A>, b: Promise<B>): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'rejected') throw ra.reason;
  if (rb.status === 'rejected') throw rb.reason;
  return [ra.value, rb.value];
}

function openSourceFlags(): number {
  if (process.platform === 'win32') return fs.constants.O_RDONLY;
  // O_NOFOLLOW: a symlink swapped in after the walk's lstat is refused (ELOOP), not followed.
  // O_NONBLOCK: a FIFO swapped in does not block the open; fstat then refuses it.
  return fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
}

/** Opening a folder (Windows), a socket (ENXIO) or similar fails: say what it is instead of the errno. */
function notRegularAfterFailedOpen(p: string, err: unknown): CustodianError | null {
  if (!['EISDIR', 'ENXIO', 'EOPNOTSUPP', 'ENODEV', 'EPERM', 'EACCES'].includes(errnoOf(err) ?? '')) return null;
  try {
    const kind = kindOfEntry(fs.lstatSync(p));
    return kind === null ? null : notRegularFileError(p, kind);
  } catch {
    return null;
  }
}

/** Where an open descriptor really is (Linux: /proc names it exactly, links resolved); elsewhere null. */
function openedPath(fd: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

function factsOf(st: fs.BigIntStats): SourceFacts {
  return { size: Number(st.size), mtimeMs: Number(st.mtimeMs), dev: st.dev, ino: st.ino };
}

function sameFile(a: SourceFacts, b: SourceFacts): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

function removeQuietly(p: string): void {
  try {
    fs.rmSync(p, { force: true });
  } catch {
    // The reconciliation at start-up removes any .part left behind.
  }
}

/**
 * Copies a source into `staging/<uuid>.part`, hashing in the same pass (step 2 of the
 * ingest protocol), then fsyncs, closes, re-hashes the copy from disk and confirms the
 * source's identity, size and mtime did not change (step 3). Memory stays flat: two fixed
 * buffers, whatever the file's size. While chunk N is hashed on this thread, its write and
 * the read of chunk N+1 run on the thread pool (measured ~1.8× faster than read-hash-write
 * in turn on a 1.5 GB file). A large file is also flushed every 64 MiB and read back and hashed
 * on the other core a step behind the copy (trailingRehash.ts), so the copy's hash and the
 * read-back hash run at once; a small one is read back here after its fsync.
 *
 * On any failure or cancel the .part is removed and a CustodianError is thrown
 * (SOURCE_CHANGED, HASH_MISMATCH, DISK_FULL, NOT_REGULAR_FILE, EMPTY_FILE, IO_ERROR, CANCELLED).
 */
export async function copyAndHash<T = undefined>(sourcePath: string, stagingDir: string, opts: CopyOptions<T> = {}): Promise<StagedCopy<T>> {
  const chunk = opts.chunkBytes ?? DEFAULT_CHUNK;
  const partPath = path.join(stagingDir, `${randomUUID()}.part`);
  let src: number | null = null;
  let dst: number | null = null;
  const sideAbort = new AbortController();
  const abortSide = () => sideAbort.abort();
  let side: Promise<{ ok: true; value: T } | { ok: false; error: unknown }> | null = null;
  let trail: TrailingRehash | null = null;
  let flushing: Promise<void> | null = null;
  let flushError: unknown = null;
  try {
    if (opts.signal?.aborted) throw cancelled();
    const purpose = opts.purpose ?? 'ingest';
    if (opts.ownFiles && isInsideDataFolder(opts.ownFiles, sourcePath)) throw insideDataFolderError(opts.ownFiles, sourcePath, purpose);
    try {
      src = fs.openSync(sourcePath, openSourceFlags());
    } catch (err) {
      throw notRegularAfterFailedOpen(sourcePath, err) ?? fsFailure(err, 'the source file');
    }
    const openedStat = fs.fstatSync(src, { bigint: true });
    const opened = factsOf(openedStat);
    const kind = kindOfEntry(openedStat);
    if (kind !== null) throw notRegularFileError(sourcePath, kind);
    // Checked on what was opened, not on the name: a path swapped between the check and the open
    // (a hard link, a parent folder replaced by a link) is still caught.
    if (opts.ownFiles) {
      const own = ownIdentityError(opts.ownFiles, sourcePath, openedStat, purpose);
      if (own) throw own;
      const where = openedPath(src);
      if (where && isInsideDataFolder(opts.ownFiles, where)) throw insideDataFolderError(opts.ownFiles, sourcePath, purpose);
    }
    const exp = opts.expected;
    if (exp && (exp.dev !== opened.dev || exp.ino !== opened.ino)) {
      throw sourceChanged('a different file is now at this path', {});
    }
    if (exp && ((exp.size !== undefined && exp.size !== opened.size) || (exp.mtimeMs !== undefined && exp.mtimeMs !== opened.mtimeMs))) {
      throw sourceChanged('changed between listing and copying', { listedSize: exp.size, size: opened.size });
    }
    if (opened.size === 0) throw new CustodianError('EMPTY_FILE', 'This file is empty (0 bytes); there is nothing to preserve.');

    try {
      dst = fs.openSync(partPath, 'wx', 0o600);
    } catch (err) {
      throw fsFailure(err, 'the staging copy');
    }

    const lap = stopwatch(opts.onStage);
    // A large file is read back a step behind the copy, on the other core (trailingRehash.ts).
    if (opened.size >= (opts.trailingFrom ?? TRAILING_FROM)) trail = new TrailingRehash(partPath, chunk);
    const flushEvery = opts.flushEvery ?? FLUSH_EVERY;
    let flushedTo = 0;
    const hash = createHash('sha256');
    let cur = Buffer.allocUnsafe(chunk);
    let next = Buffer.allocUnsafe(chunk);
    let position = 0;
    let n: number;
    try {
      n = fs.readSync(src, cur, 0, chunk, 0);
    } catch (err) {
      throw fsFailure(err, 'the source file');
    }
    while (n > 0) {
      if (opts.signal?.aborted) throw cancelled();
      const length = n;
      const at = position;
      const written = writeAll(dst, cur, length, at).catch((err: unknown) => {
        throw fsFailure(err, 'the staging copy');
      });
      const nextRead = readAt(src, next, at + length).catch((err: unknown) => {
        throw fsFailure(err, 'the source file');
      });
      hash.update(length === chunk ? cur : cur.subarray(0, length));
      const [, got] = await bothOrThrow(written, nextRead);
      position += length;
      n = got;
      [cur, next] = [next, cur];
      opts.onBytes?.(position, 'copy');
      if (flushError) throw fsFailure(flushError, 'the staging copy');
      trail?.check();
      if (trail && !flushing && position - flushedTo >= flushEvery) {
        // Everything before `mark` is written; once it is flushed the worker reads it back.
        const mark = position;
        const t = trail;
        flushedTo = mark;
        flushing = fdatasyncAt(dst).then(
          () => {
            t.upTo(mark);
            flushing = null;
          },
          (err: unknown) => {
            flushError = err;
            flushing = null;
          },
        );
      }
    }
    if (flushing) await flushing;
    if (flushError) throw fsFailure(flushError, 'the staging copy');
    if (opts.signal?.aborted) throw cancelled();
    const sha256 = hash.digest('hex');
    lap('copyWithHash');

    const after = factsOf(fs.fstatSync(src, { bigint: true }));
    if (position !== opened.size || !sameFile(opened, after)) {
      throw sourceChanged('size or modification time changed during the copy', { sizeAtOpen: opened.size, bytesRead: position, sizeAfter: after.size });
    }
    try {
      fs.fsyncSync(dst);
      fs.closeSync(dst);
      dst = null;
    } catch (err) {
      throw fsFailure(err, 'the staging copy');
    }
    lap('fsync');

    if (opts.alongsideVerify) {
      opts.signal?.addEventListener('abort', abortSide, { once: true });
      const run = opts.alongsideVerify;
      side = Promise.resolve()
        .then(() => run(partPath, sideAbort.signal))
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
    }
    let onDisk: { sha256: string; size: number };
    try {
      if (trail) {
        opts.onBytes?.(trail.done, 'verify');
        onDisk = await untilCancelled(trail.finish(), opts.signal);
        opts.onBytes?.(onDisk.size, 'verify');
      } else {
        onDisk = await rehash(partPath, chunk, { signal: opts.signal, onBytes: (b) => opts.onBytes?.(b, 'verify') });
      }
    } catch (err) {
      if (err instanceof CustodianError && err.code === 'CANCELLED') throw cancelled();
      throw fsFailure(err, 'the staging copy');
    }
    if (trail) {
      await trail.stop();
      trail = null;
    }
    lap('rehash');
    if (onDisk.sha256 !== sha256 || onDisk.size !== position) {
      throw new CustodianError(
        'HASH_MISMATCH',
        'The copy read back from the evidence disk does not match what was read from the source. It was not added; the disk may be failing — tell your technician.',
        { copiedSha256: sha256, onDiskSha256: onDisk.sha256, copiedSize: position, onDiskSize: onDisk.size },
      );
    }

    // The protocol's last check: the source is still the same file, same size, same mtime.
    let final: SourceFacts;
    try {
      final = factsOf(fs.lstatSync(sourcePath, { bigint: true }));
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') throw sourceChanged('the source was removed during the copy', {});
      throw fsFailure(err, 'the source file');
    }
    if (!sameFile(opened, final) || !sameFile(opened, factsOf(fs.fstatSync(src, { bigint: true })))) {
      throw sourceChanged('size or modification time changed during verification', { sizeAtOpen: opened.size, sizeNow: final.size });
    }
    let alongside = undefined as T;
    if (side) {
      const done = await side;
      side = null;
      if (!done.ok) throw done.error;
      alongside = done.value;
    }
    return { partPath, sha256, size: position, source: opened, alongside };
  } catch (err) {
    if (side) {
      // Stopped and waited for, so nothing still reads the copy that is removed below.
      sideAbort.abort();
      await side;
    }
    if (flushing) await flushing;
    if (trail) await trail.stop();
    if (dst !== null) {
      try {
        fs.closeSync(dst);
      } catch {
        // already failing
      }
      dst = null;
    }
    removeQuietly(partPath);
    if (err instanceof CustodianError) throw err;
    throw fsFailure(err, 'the file');
  } finally {
    opts.signal?.removeEventListener('abort', abortSide);
    if (src !== null) fs.closeSync(src);
  }
}

/**
 * SHA-256 of the flushed copy read back from disk, with the read of the next chunk on the
 * thread pool while this one is hashed (so the event loop also stays free for the work
 * alongside). Two fixed buffers, whatever the size.
 */
async function rehash(file: string, chunk: number, opts: { signal?: AbortSignal; onBytes?: (n: number) => void }): Promise<{ sha256: string; size: number }> {
  const fd = fs.openSync(file, 'r');
  try {
    const hash = createHash('sha256');
    let cur = Buffer.allocUnsafe(chunk);
    let next = Buffer.allocUnsafe(chunk);
    let size = 0;
    let n = await readAt(fd, cur, 0);
    while (n > 0) {
      if (opts.signal?.aborted) throw cancelled();
      const nextRead = readAt(fd, next, size + n);
      hash.update(n === chunk ? cur : cur.subarray(0, n));
      size += n;
      opts.onBytes?.(size);
      n = await nextRead;
      [cur, next] = [next, cur];
    }
    return { sha256: hash.digest('hex'), size };
  } finally {
    fs.closeSync(fd);
  }
}
