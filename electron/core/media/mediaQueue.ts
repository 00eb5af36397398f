import os from 'node:os';
import { CustodianError } from '../../../shared/errors';

/**
 * How many ffmpeg runs the media queue allows at once: one per spare processor, at most two,
 * at least one (a batch of 200 clips must not start 200 encoders, and the screen must stay quick).
 */
export function mediaQueueSize(cpus: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, cpus - 1));
}

function cancelledWhileWaiting(): CustodianError {
  return new CustodianError('CANCELLED', 'Cancelled before it started.');
}

/**
 * The one queue for heavy media work of a core (playable copies, thumbnails, redaction renders
 * and leak checks): first come, first served, at most `size` at once. A task cancelled while it
 * waits leaves the queue and never runs; its promise rejects with CANCELLED.
 */
export class MediaQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number = mediaQueueSize()) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`A media queue needs a size of at least 1, not ${size}.`);
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a place. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `fn` when a place is free; `signal` cancels the wait (and is the task's to honour once it runs). */
  async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.acquire(signal);
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelledWhileWaiting());
    if (this.active < this.size) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        signal?.removeEventListener('abort', onAbort);
        this.active++;
        resolve();
      };
      const onAbort = () => {
        const i = this.waiting.indexOf(go);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(cancelledWhileWaiting());
      };
      this.waiting.push(go);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  private release(): void {
    this.active--;
    const next = this.waiting.shift();
    if (next) next();
  }
}
