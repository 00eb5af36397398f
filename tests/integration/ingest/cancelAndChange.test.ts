import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip } from '../../fixtures/makeClips';
import { ingestBatch, type IngestResult } from '../../../electron/core/ingest/ingestBatch';
import type { JobControl } from '../../../electron/core/jobs/jobRegistry';
import { callOk, filesUnder, openSetUpCore, removeDir, startIngest, tempDir, waitAllJobs, type Opened } from './helpers';

let src: string;
let o: Opened;

/** A sparse file with a unique marker, so every file has its own hash. */
function sparse(file: string, size: number, marker: string): string {
  const fd = fs.openSync(file, 'w');
  fs.ftruncateSync(fd, size);
  fs.writeSync(fd, marker, Math.floor(size / 2));
  fs.closeSync(fd);
  return file;
}

beforeAll(async () => {
  src = tempDir('cancel-src-');
  o = await openSetUpCore();
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
});

function committedShas(): Set<string> {
  return new Set((o.core.db.prepare("SELECT sha256 FROM items WHERE state = 'committed'").all() as { sha256: string }[]).map((r) => r.sha256));
}

function assertStoreConsistent(): void {
  expect(filesUnder(o.core.paths.staging)).toEqual([]);
  const committed = committedShas();
  for (const f of filesUnder(o.core.paths.objects)) expect(committed.has(path.basename(f))).toBe(true);
  expect(o.core.db.prepare("SELECT COUNT(*) AS n FROM items WHERE state = 'staged'").get()).toEqual({ n: 0 });
}

describe('cancel', () => {
  test('cancel mid-batch keeps what was committed, removes the current .part and reports it', async () => {
    const dir = path.join(src, 'many');
    fs.mkdirSync(dir);
    for (let i = 0; i < 8; i++) sparse(path.join(dir, `f${i}.bin`), 96 * 1024 * 1024, `file ${i}`);
    const jobId = await startIngest(o, { paths: [dir] });
    // Cancel while the third file is being copied.
    for (;;) {
      const j = o.core.jobs.get(jobId)!;
      if (j.status !== 'running' || /^Copying 3 of 8/.test(j.message)) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    await callOk(o, 'jobs.cancel', { id: jobId });
    const job = await o.core.jobs.wait(jobId);
    expect(job.status).toBe('cancelled');
    const result = job.result as IngestResult;
    expect(result.cancelled).toBe(true);
    expect(result.ingested.map((i) => i.originalName)).toEqual(['f0.bin', 'f1.bin']);
    expect(result.rejected).toEqual([]);
    assertStoreConsistent();
    expect(committedShas().size).toBe(2);
    const batch = o.core.custody.page({ limit: 1, action: 'ingest-batch' })[0]!;
    expect(batch.details).toMatchObject({ ingested: 2, cancelled: true });
    await waitAllJobs(o.core);
  });
});

describe('a source that changes while it is copied', () => {
  test('is refused as SOURCE_CHANGED; the rest of the batch is ingested', async () => {
    const dir = path.join(src, 'changing');
    fs.mkdirSync(dir);
    const growing = sparse(path.join(dir, 'b-growing.bin'), 40 * 1024 * 1024, 'grow');
    await makeClip(dir, 'a-clip.mp4', { seconds: 1 });
    await makeClip(dir, 'c-clip.mp4', { seconds: 1, rate: 9 });
    let appended = false;
    const ac = new AbortController();
    const ctl: JobControl = {
      signal: ac.signal,
      progress: (_f, message) => {
        // A camera still writing: the file grows after its first chunk was copied.
        if (!appended && message?.startsWith('Copying 2 of 3')) {
          fs.appendFileSync(growing, 'still recording');
          appended = true;
        }
      },
    };
    const r = await ingestBatch(o.core, o.core.systemActor(), { paths: [dir] }, ctl);
    expect(appended).toBe(true);
    expect(r.ingested.map((i) => i.originalName)).toEqual(['a-clip.mp4', 'c-clip.mp4']);
    expect(r.rejected).toEqual([{ path: growing, code: 'SOURCE_CHANGED', message: expect.stringMatching(/changed while it was being copied/) }]);
    assertStoreConsistent();
    await waitAllJobs(o.core);
  });
});
