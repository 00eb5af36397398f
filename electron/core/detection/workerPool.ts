import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CustodianError } from '../../../shared/errors';
import type { Detection } from '../../../shared/domain/tracking/types';
import type { DetectorDescription, DetectorOptions } from './detectorOptions';

/**
 * Detection off the main thread: a few worker_threads (one WASM thread each), each judging one
 * frame at a time. `detect` resolves when a worker has answered; `whenFree` lets the frame
 * reader wait (ffmpeg's pipe is paused) once as many frames wait as there are workers, so
 * memory stays flat (a few frames) whatever the length of the recording.
 * Aborting the signal terminates the workers at once.
 */

/** Two workers on a two-core machine: detection is the heavy part of the job. */
export function detectionWorkers(cpus: number = os.availableParallelism()): number {
  return Math.max(1, Math.min(2, cpus));
}

const BUILT = path.join(__dirname, 'detectWorker.js');
const SOURCE = path.join(__dirname, 'detectWorker.ts');

/**
 * Running from the TypeScript sources (the tests), the worker loads its .ts files through
 * TypeScript's transpileModule; the built app runs the compiled detectWorker.js.
 */
function spawnWorker(options: DetectorOptions): Worker {
  if (fs.existsSync(BUILT)) return new Worker(BUILT, { workerData: { options } });
  const boot = `
const fs = require('node:fs');
const ts = require('typescript');
require.extensions['.ts'] = (m, f) => m._compile(ts.transpileModule(fs.readFileSync(f, 'utf8'), { fileName: f, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true } }).outputText, f);
require(${JSON.stringify(SOURCE)});`;
  return new Worker(boot, { eval: true, workerData: { options } });
}

interface Slot {
  worker: Worker;
  busy: boolean;
}

type Reply = { id: number; detections?: Detection[]; error?: string };

export class DetectionPool {
  private readonly slots: Slot[] = [];
  private readonly pending = new Map<number, { resolve(d: Detection[]): void; reject(e: unknown): void; slot: Slot }>();
  private readonly freeWaiters: (() => void)[] = [];
  /** Frames handed over that no worker has taken yet. */
  private readonly queue: { id: number; width: number; height: number; rgb: ArrayBuffer; resolve(d: Detection[]): void; reject(e: unknown): void }[] = [];
  private nextId = 1;
  private closed = false;
  describe: DetectorDescription | null = null;

  private constructor(private readonly signal: AbortSignal) {}

  static async open(size: number, options: DetectorOptions, signal: AbortSignal): Promise<DetectionPool> {
    const pool = new DetectionPool(signal);
    signal.addEventListener('abort', () => void pool.close(), { once: true });
    try {
      await Promise.all(Array.from({ length: size }, () => pool.add(options)));
    } catch (err) {
      await pool.close();
      throw err;
    }
    if (signal.aborted) throw cancelled();
    return pool;
  }

  private add(options: DetectorOptions): Promise<void> {
    const worker = spawnWorker(options);
    const slot: Slot = { worker, busy: true };
    this.slots.push(slot);
    return new Promise<void>((resolve, reject) => {
      worker.once('message', (m: { ready: boolean; describe?: DetectorDescription; error?: string }) => {
        if (!m.ready) {
          reject(new CustodianError('MEDIA_TOOL_FAILED', 'The detectors could not be started on this computer.', { cause: m.error }));
          return;
        }
        this.describe ??= m.describe ?? null;
        slot.busy = false;
        worker.on('message', (r: Reply) => this.answer(slot, r));
        resolve();
      });
      worker.on('error', (err) => {
        reject(err);
        this.failAll(new CustodianError('MEDIA_TOOL_FAILED', 'A detection worker stopped unexpectedly.', { cause: err.message }));
      });
      worker.on('exit', () => {
        if (!this.closed) this.failAll(new CustodianError('MEDIA_TOOL_FAILED', 'A detection worker stopped unexpectedly.'));
      });
    });
  }

  /**
   * Null when another frame may be handed over now (a worker is idle, or fewer frames wait than
   * there are workers, so ffmpeg decodes ahead while the workers judge); otherwise resolves when
   * that is so again.
   */
  whenFree(): Promise<void> | null {
    if (this.closed || this.queue.length < this.slots.length) return null;
    return new Promise((resolve) => this.freeWaiters.push(resolve));
  }

  /** Hands one frame over (its buffer is moved to the worker, not copied). Call after `whenFree`. */
  detect(rgb: Uint8Array, width: number, height: number): Promise<Detection[]> {
    if (this.signal.aborted || this.closed) return Promise.reject(cancelled());
    const id = this.nextId++;
    const own = rgb.byteOffset === 0 && rgb.byteLength === rgb.buffer.byteLength ? rgb : rgb.slice();
    return new Promise<Detection[]>((resolve, reject) => {
      this.queue.push({ id, width, height, rgb: own.buffer as ArrayBuffer, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.busy || this.closed) continue;
      const next = this.queue.shift();
      if (!next) return;
      slot.busy = true;
      this.pending.set(next.id, { resolve: next.resolve, reject: next.reject, slot });
      slot.worker.postMessage({ id: next.id, width: next.width, height: next.height, rgb: next.rgb }, [next.rgb]);
      this.freeWaiters.shift()?.();
    }
  }

  private answer(slot: Slot, r: Reply): void {
    const p = this.pending.get(r.id);
    this.pending.delete(r.id);
    slot.busy = false;
    this.dispatch();
    if (!p) return;
    if (r.error !== undefined) p.reject(new CustodianError('MEDIA_TOOL_FAILED', 'The detectors could not read a frame of this recording.', { cause: r.error }));
    else p.resolve(r.detections ?? []);
  }

  private failAll(err: unknown): void {
    for (const q of this.queue.splice(0)) q.reject(this.signal.aborted ? cancelled() : err);
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(this.signal.aborted ? cancelled() : err);
    }
    for (const w of this.freeWaiters.splice(0)) w();
  }

  /** Terminates every worker (also on abort); pending frames reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll(cancelled());
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}

function cancelled(): CustodianError {
  return new CustodianError('CANCELLED', 'Detection was cancelled.');
}
