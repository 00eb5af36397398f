import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/core/openCore';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import type { JobInfo } from '../../../shared/contract';

export const TEST_PASSWORD = 'correct horse battery staple 42';

export interface Opened {
  core: Core;
  token: string;
  dataDir: string;
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Removes a temp folder even when it holds read-only evidence objects. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

async function mustOk<T>(p: Promise<{ ok: true; value: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message} ${JSON.stringify((r.error as { details?: unknown }).details ?? {})}`);
  return r.value as T;
}

/** A fresh core in its own data folder, set up, with a custodian's session. */
export async function openSetUpCore(dataDir = tempDir('custodian-ingest-')): Promise<Opened> {
  const core = await openCore({ dataDir });
  const s = await mustOk<{ token: string }>(
    core.call({ method: 'setup.run', input: { agencyName: 'Test Police', agencyAddress: '1 Main St', username: 'custodian', displayName: 'Rec Custodian', password: TEST_PASSWORD, acknowledgedBanner: true } }, { host: 'test' }),
  );
  return { core, token: s.token, dataDir };
}

/** Reopens an existing data folder (running start-up reconciliation) and signs in. */
export async function reopenCore(dataDir: string): Promise<Opened> {
  const core = await openCore({ dataDir });
  const s = await mustOk<{ token: string }>(core.call({ method: 'auth.login', input: { username: 'custodian', password: TEST_PASSWORD, acknowledgedBanner: true } }, { host: 'test' }));
  return { core, token: s.token, dataDir };
}

export async function callOk<T>(o: Opened, method: string, input: unknown): Promise<T> {
  return mustOk<T>(o.core.call({ method, input, session: o.token }, { host: 'test' }));
}

export async function startIngest(o: Opened, input: { paths: string[]; sidecarPath?: string; batchMeta?: Record<string, unknown> }): Promise<string> {
  const { jobId } = await callOk<{ jobId: string }>(o, 'ingest.start', input);
  return jobId;
}

/** Runs a batch to the end and returns its result (the job must not fail). */
export async function ingest(o: Opened, input: { paths: string[]; sidecarPath?: string; batchMeta?: Record<string, unknown> }): Promise<IngestResult> {
  const job = await o.core.jobs.wait(await startIngest(o, input));
  if (job.status === 'failed') throw new Error(`ingest job failed: ${job.error?.code} ${job.error?.message}`);
  return job.result as IngestResult;
}

/** Waits for every job (derivatives included) to finish. */
export async function waitAllJobs(core: Core): Promise<JobInfo[]> {
  for (;;) {
    const running = core.jobs.list().filter((j) => j.status === 'running');
    if (running.length === 0) return core.jobs.list();
    await Promise.all(running.map((j) => core.jobs.wait(j.id)));
  }
}

/** Every file under a folder, relative, '/'-separated. */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r);
      else out.push(r);
    }
  };
  if (fs.existsSync(dir)) walk(dir, '');
  return out.sort();
}
