import { randomUUID } from 'node:crypto';
import type { JobInfo } from '../../../shared/contract';
import { CustodianError, toErrorData } from '../../../shared/errors';

export interface JobControl {
  signal: AbortSignal;
  progress(fraction: number | null, message?: string): void;
}

interface JobRecord {
  info: JobInfo;
  controller: AbortController;
  ownerUserId: number | null;
  done: Promise<void>;
}

/**
 * Long jobs (ingest, proxies, fixity) run in the background with progress and cancel.
 * Every face polls `jobs.list`; cancellation is an outcome, not an error.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();

  start<T>(kind: string, title: string, ownerUserId: number | null, work: (ctl: JobControl) => Promise<T>, opts: { itemId?: string } = {}): JobInfo {
    const id = randomUUID();
    const controller = new AbortController();
    const info: JobInfo = {
      id,
      kind,
      title,
      status: 'running',
      progress: 0,
      message: 'Starting…',
      startedAt: new Date().toISOString(),
      endedAt: null,
      result: null,
      error: null,
      ...(opts.itemId !== undefined ? { itemId: opts.itemId } : {}),
    };
    const ctl: JobControl = {
      signal: controller.signal,
      progress: (fraction, message) => {
        info.progress = fraction;
        if (message !== undefined) info.message = message;
      },
    };
    const done = (async () => {
      try {
        info.result = await work(ctl);
        info.status = controller.signal.aborted ? 'cancelled' : 'done';
        info.progress = 1;
        if (info.status === 'cancelled') info.message = 'Cancelled.';
      } catch (err) {
        const data = toErrorData(err);
        if (data.code === 'CANCELLED' || controller.signal.aborted) {
          info.status = 'cancelled';
          info.message = 'Cancelled. Nothing half-finished was kept.';
        } else {
          info.status = 'failed';
          info.error = { code: data.code, message: data.message };
          info.message = data.message;
        }
      } finally {
        info.endedAt = new Date().toISOString();
      }
    })();
    this.jobs.set(id, { info, controller, ownerUserId, done });
    return info;
  }

  list(): JobInfo[] {
    return [...this.jobs.values()].map((j) => ({ ...j.info })).reverse();
  }

  get(id: string): JobInfo | undefined {
    const j = this.jobs.get(id);
    return j && { ...j.info };
  }

  async wait(id: string): Promise<JobInfo> {
    const j = this.jobs.get(id);
    if (!j) throw new CustodianError('NOT_FOUND', 'That job no longer exists.');
    await j.done;
    return { ...j.info };
  }

  cancel(id: string): void {
    const j = this.jobs.get(id);
    if (!j) throw new CustodianError('NOT_FOUND', 'That job no longer exists.');
    j.controller.abort();
  }

  async cancelAll(): Promise<void> {
    for (const j of this.jobs.values()) j.controller.abort();
    await Promise.allSettled([...this.jobs.values()].map((j) => j.done));
  }
}
