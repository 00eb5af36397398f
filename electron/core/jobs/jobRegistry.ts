import { randomUUID } from 'node:crypto';
import type { JobInfo } from '../../../shared/contract';
import { CustodianError, toErrorData } from '../../../shared/errors';
import type { JobKind, JobResults } from './jobKinds';

export type { JobKind, JobResults } from './jobKinds';

export interface JobControl {
  signal: AbortSignal;
  progress(fraction: number | null, message?: string): void;
}

/** Who started a job: the signed-in user, or the system (userId null) for scheduled work. */
export interface JobOwner {
  userId: number | null;
  username: string;
}

/** A job of one kind, its result typed. */
export type TypedJobInfo<K extends JobKind> = JobInfo & { kind: K; result: JobResults[K] | null };

/** Finished jobs are kept this long for the screens to show how they ended, then forgotten. */
export const FINISHED_JOB_KEEP_MS = 10 * 60 * 1000;
/** At most this many finished jobs are kept; running jobs are never dropped. */
export const FINISHED_JOB_LIMIT = 200;

const SYSTEM_OWNER: JobOwner = { userId: null, username: '(system)' };

interface JobRecord {
  info: JobInfo;
  controller: AbortController;
  owner: JobOwner;
  /** The clock's time when it ended; null while running. */
  endedAtMs: number | null;
  done: Promise<void>;
}

/**
 * Long jobs (ingest, proxies, fixity, backups, renders) run in the background with progress and
 * cancel. Every face polls `jobs.list`; cancellation is an outcome, not an error. Who may see or
 * cancel which job is decided in jobAccess.ts; this registry only keeps them.
 */
export class JobRegistry {
  private readonly jobs = new Map<string, JobRecord>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  /** `owner` null: the system (a scheduled backup). */
  start<K extends JobKind>(kind: K, title: string, owner: JobOwner | null, work: (ctl: JobControl) => Promise<JobResults[K]>, opts: { itemId?: string } = {}): TypedJobInfo<K> {
    this.evict();
    const id = randomUUID();
    const controller = new AbortController();
    const who: JobOwner = owner ? { userId: owner.userId, username: owner.username } : SYSTEM_OWNER;
    const info: TypedJobInfo<K> = {
      id,
      kind,
      title,
      ownerUsername: who.username,
      status: 'running',
      progress: 0,
      message: 'Starting…',
      startedAt: this.clock().toISOString(),
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
    const record: JobRecord = { info, controller, owner: who, endedAtMs: null, done: Promise.resolve() };
    record.done = (async () => {
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
          // A media tool's own last words say what went wrong (kept from its stderr).
          const said = typeof data.details?.stderrTail === 'string' ? data.details.stderrTail.trim().split('\n').pop()?.trim() : '';
          const message = said ? `${data.message} It said: ${said.slice(0, 300)}` : data.message;
          info.error = { code: data.code, message };
          info.message = message;
        }
      } finally {
        const end = this.clock();
        info.endedAt = end.toISOString();
        record.endedAtMs = end.getTime();
      }
    })();
    this.jobs.set(id, record);
    return { ...info };
  }

  /** Newest first. With `ownerUserId`, only that user's jobs. */
  list(filter: { ownerUserId?: number } = {}): JobInfo[] {
    this.evict();
    const all = [...this.jobs.values()].reverse();
    const mine = filter.ownerUserId === undefined ? all : all.filter((j) => j.owner.userId === filter.ownerUserId);
    return mine.map((j) => ({ ...j.info }));
  }

  get(id: string): JobInfo | undefined {
    const j = this.jobs.get(id);
    return j && { ...j.info };
  }

  /** Who started the job, or undefined when there is no such job (or it was forgotten). */
  ownerOf(id: string): JobOwner | undefined {
    const j = this.jobs.get(id);
    return j && { ...j.owner };
  }

  /** Waits for the job to end. With `kind`, checks it and types the result. */
  async wait(id: string): Promise<JobInfo>;
  async wait<K extends JobKind>(id: string, kind: K): Promise<TypedJobInfo<K>>;
  async wait(id: string, kind?: JobKind): Promise<JobInfo> {
    const j = this.jobs.get(id);
    if (!j) throw new CustodianError('NOT_FOUND', 'That job no longer exists.');
    if (kind !== undefined && j.info.kind !== kind) throw new CustodianError('BAD_INPUT', `That job is a ${j.info.kind} job, not a ${kind} job.`, { id });
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

  /** Forgets finished jobs older than FINISHED_JOB_KEEP_MS, then the oldest beyond FINISHED_JOB_LIMIT. */
  private evict(): void {
    const cutoff = this.clock().getTime() - FINISHED_JOB_KEEP_MS;
    const finished: [string, number][] = [];
    for (const [id, j] of this.jobs) {
      if (j.endedAtMs === null) continue;
      if (j.endedAtMs <= cutoff) this.jobs.delete(id);
      else finished.push([id, j.endedAtMs]);
    }
    if (finished.length <= FINISHED_JOB_LIMIT) return;
    finished.sort((a, b) => a[1] - b[1]);
    for (const [id] of finished.slice(0, finished.length - FINISHED_JOB_LIMIT)) this.jobs.delete(id);
  }
}
