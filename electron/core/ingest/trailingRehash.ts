import fs from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * The read-back hash of a staged copy on the other core, a step behind the copy (issue 14).
 * The copy flushes what it has written every `FLUSH_EVERY` bytes (fdatasync); each flushed
 * range is then read back from the file and hashed by a worker thread while the copy goes on,
 * so the copy's own hash and the read-back hash run at once instead of one after the other.
 * What is read back is exactly what the serial re-hash read: the flushed copy, through the
 * same page cache (copyAndHash.ts says what the read-back proves). After the copy's final
 * fsync, `finish` reads whatever is left up to the end of the file, so bytes past the copied
 * size are counted too and a short or long file shows in the size.
 *
 * The worker is a few lines of plain JavaScript evaluated in a worker thread (no file of its
 * own to find from the sources, the tsc build or the bundle). It reads through a read-only
 * descriptor this thread opened and closes: terminating a worker does not close descriptors,
 * and on Windows an open one would keep the .part from being removed.
 */

/** Flush and hand to the worker every 64 MiB: small enough to keep both cores busy, large enough that fdatasync costs little. */
export const FLUSH_EVERY = 64 * 1024 * 1024;

/** Files at least this large are re-hashed this way; a smaller one is hashed again in this thread after its fsync. */
export const TRAILING_FROM = 48 * 1024 * 1024;

const WORKER_JS = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
const { fd, chunk } = workerData;
const hash = createHash('sha256');
const buf = Buffer.allocUnsafe(chunk);
let done = 0;
function readTo(end) {
  while (done < end) {
    const n = fs.readSync(fd, buf, 0, Math.min(chunk, end - done), done);
    if (n === 0) return;
    hash.update(n === chunk ? buf : buf.subarray(0, n));
    done += n;
  }
}
parentPort.on('message', (m) => {
  try {
    if (m.finish) {
      readTo(Infinity);
      parentPort.postMessage({ sha256: hash.digest('hex'), size: done });
      parentPort.close();
    } else {
      readTo(m.upTo);
      parentPort.postMessage({ done });
    }
  } catch (e) {
    parentPort.postMessage({ error: { code: e && e.code, message: e && e.message ? e.message : String(e) } });
  }
});
`;

type Reply = { done: number } | { sha256: string; size: number } | { error: { code?: string; message: string } };

function asError(e: { code?: string; message: string }): NodeJS.ErrnoException {
  return Object.assign(new Error(e.message), e.code ? { code: e.code } : {});
}

export class TrailingRehash {
  private readonly worker: Worker;
  private fd: number | null;
  private failure: Error | null = null;
  private finished: ((r: { sha256: string; size: number }) => void) | null = null;
  private failed: ((e: Error) => void) | null = null;
  private stopped = false;
  private settled = false;
  /** Bytes read back and hashed so far. */
  done = 0;

  constructor(partPath: string, chunk: number, onDone?: (bytes: number) => void) {
    this.fd = fs.openSync(partPath, 'r');
    this.worker = new Worker(WORKER_JS, { eval: true, workerData: { fd: this.fd, chunk } });
    this.worker.on('message', (m: Reply) => {
      if ('error' in m) return this.fail(asError(m.error));
      if ('sha256' in m) {
        this.settled = true;
        this.done = m.size;
        return this.finished?.(m);
      }
      this.done = m.done;
      onDone?.(m.done);
    });
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => {
      if (!this.stopped && !this.settled) this.fail(new Error(`the read-back worker stopped (exit code ${code})`));
    });
  }

  private fail(e: Error): void {
    this.failure ??= e;
    this.failed?.(e);
  }

  /** A read error in the worker so far, thrown here so the copy stops at once. */
  check(): void {
    if (this.failure) throw this.failure;
  }

  /** Everything before `end` is flushed: read it back and hash it. */
  upTo(end: number): void {
    this.worker.postMessage({ upTo: end });
  }

  /** After the final fsync: reads to the end of the file; resolves with the read-back hash and size. */
  finish(): Promise<{ sha256: string; size: number }> {
    const result = new Promise<{ sha256: string; size: number }>((resolve, reject) => {
      this.finished = resolve;
      this.failed = reject;
    });
    if (this.failure) return Promise.reject(this.failure);
    this.worker.postMessage({ finish: true });
    return result;
  }

  /** Stops the worker (whatever it is doing) and closes the descriptor; safe to call twice. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.worker.terminate();
    if (this.fd !== null) {
      try {
        fs.closeSync(this.fd);
      } catch {
        // already closed
      }
      this.fd = null;
    }
  }
}
