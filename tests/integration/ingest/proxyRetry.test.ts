import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { derivativeRelPath } from '../../../electron/core/ingest/derivativeJobs';
import { probeMedia } from '../../../electron/core/media/probe';
import type { CustodyEntryInfo, RecordingDetail } from '../../../shared/contract';
import { makeClip } from '../../fixtures/makeClips';
import { callOk, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from './helpers';

/**
 * A playable copy (proxy) that failed or was cancelled is made again on the custodian's
 * request (`recordings.makeProxy`), as a background job recorded in custody like the first.
 * Real core, real SQLite, real ffmpeg on generated clips.
 */

const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

let src: string;
let o: Opened;

beforeAll(async () => {
  src = tempDir('proxy-retry-src-');
  o = await openSetUpCore();
});

afterAll(async () => {
  await o?.core.close();
  if (o) removeDir(o.dataDir);
  removeDir(src);
});

async function detail(id: string): Promise<RecordingDetail> {
  return callOk<RecordingDetail>(o, 'recordings.get', { id });
}

async function makeProxyCall(id: string) {
  return o.core.call({ method: 'recordings.makeProxy', input: { id }, session: o.token }, { host: 'test' });
}

function entries(id: string): CustodyEntryInfo[] {
  return o.core.custody.forObject(id) as CustodyEntryInfo[];
}

describe('retrying a playable copy', () => {
  test('a proxy job that failed is made on retry, and both are in custody', async () => {
    const clip = await makeClip(src, 'fails-first.avi', { container: 'avi', codec: 'mpeg4', seconds: 1 });
    const clipSha = sha(clip);
    // A folder where ffmpeg must write the proxy's .part file: the first encode cannot open its output.
    const blocker = path.join(o.core.paths.derived, `${derivativeRelPath(clipSha, 'proxy')}.part`);
    fs.mkdirSync(blocker, { recursive: true });

    const result = await ingest(o, { paths: [clip] });
    const item = result.ingested[0]!;
    expect(item.playable).toBe(true);
    const jobs = await waitAllJobs(o.core);
    const firstProxy = jobs.find((j) => result.derivativeJobs.includes(j.id) && j.kind === 'proxy')!;
    expect(firstProxy).toMatchObject({ status: 'failed', itemId: item.id });
    expect(firstProxy.error?.code).toBe('MEDIA_TOOL_FAILED');
    expect(entries(item.id).filter((e) => e.action === 'proxy-failed')).toHaveLength(1);

    const before = await detail(item.id);
    expect(before).toMatchObject({ hasProxy: false, hasThumbnail: true, browserPlayable: false, viewingCopiesMissing: ['proxy'] });

    fs.rmdirSync(blocker);
    const retry = await callOk<{ jobs: { id: string; kind: string }[] }>(o, 'recordings.makeProxy', { id: item.id });
    expect(retry.jobs.map((j) => j.kind)).toEqual(['proxy']);
    const done = await o.core.jobs.wait(retry.jobs[0]!.id);
    expect(done).toMatchObject({ status: 'done', error: null, itemId: item.id });

    const after = await detail(item.id);
    expect(after).toMatchObject({ hasProxy: true, viewingCopiesMissing: [] });
    const row = o.core.db.prepare("SELECT * FROM derivatives WHERE item_id = ? AND kind = 'proxy'").get(item.id) as { path: string; sha256: string; size: number; tool: string; params: string; made_by: string };
    const file = path.join(o.core.paths.derived, row.path);
    expect(sha(file)).toBe(row.sha256);
    expect(row).toMatchObject({ made_by: 'custodian', tool: expect.stringMatching(/^ffmpeg /) as unknown });
    expect(row.params).toContain('<original>');
    expect(await probeMedia(file)).toMatchObject({ playable: true, browserPlayable: true, container: 'mp4' });
    // The original is untouched.
    expect(sha(path.join(o.core.paths.objects, clipSha.slice(0, 2), clipSha.slice(2, 4), clipSha))).toBe(clipSha);

    const log = entries(item.id).map((e) => e.action);
    const failedAt = log.indexOf('proxy-failed');
    const requestedAt = log.indexOf('derivatives-requested');
    const madeAt = log.indexOf('proxy-made');
    expect(failedAt).toBeGreaterThanOrEqual(0);
    expect(requestedAt).toBeGreaterThan(failedAt);
    expect(madeAt).toBeGreaterThan(requestedAt);
    const requested = entries(item.id)[requestedAt]!;
    expect(requested).toMatchObject({ username: 'custodian', objectSha256: clipSha, details: { kinds: ['proxy'] } });
    const made = entries(item.id)[madeAt]!;
    expect(made.details).toMatchObject({ parentSha256: clipSha, derivativeSha256: row.sha256, path: row.path, params: row.params });

    // Nothing left to make: a second request is refused with a reason.
    const again = await makeProxyCall(item.id);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/already has its playable copy/) as unknown });
    expect(await callOk<{ ok: boolean }>(o, 'custody.verify', {})).toMatchObject({ ok: true });
  });

  test('a cancelled proxy job is made on retry; a retry while one runs reuses it', async () => {
    const clip = await makeClip(src, 'cancelled-first.avi', { container: 'avi', codec: 'mpeg4', seconds: 2, rate: 10 });
    const result = await ingest(o, { paths: [clip] });
    const item = result.ingested[0]!;
    // The thumbnail runs first; the proxy waits for the video tools and is cancelled.
    const proxyJob = result.derivativeJobs.map((id) => o.core.jobs.get(id)!).find((j) => j.kind === 'proxy')!;
    await callOk(o, 'jobs.cancel', { id: proxyJob.id });
    expect((await o.core.jobs.wait(proxyJob.id)).status).toBe('cancelled');
    await waitAllJobs(o.core);
    expect((await detail(item.id)).viewingCopiesMissing).toEqual(['proxy']);
    expect(entries(item.id).some((e) => e.action === 'proxy-failed')).toBe(false);

    const first = await callOk<{ jobs: { id: string; kind: string }[] }>(o, 'recordings.makeProxy', { id: item.id });
    const second = await callOk<{ jobs: { id: string; kind: string }[] }>(o, 'recordings.makeProxy', { id: item.id });
    expect(second.jobs).toEqual(first.jobs);
    expect((await o.core.jobs.wait(first.jobs[0]!.id)).status).toBe('done');
    expect(entries(item.id).filter((e) => e.action === 'derivatives-requested')).toHaveLength(1);
    expect(entries(item.id).filter((e) => e.action === 'proxy-made')).toHaveLength(1);
    expect(await detail(item.id)).toMatchObject({ hasProxy: true, hasThumbnail: true, viewingCopiesMissing: [] });
  });

  test('a missing thumbnail is made too; a browser-playable recording needs no proxy', async () => {
    const clip = await makeClip(src, 'plays.mp4', { seconds: 1 });
    const result = await ingest(o, { paths: [clip] });
    const item = result.ingested[0]!;
    await waitAllJobs(o.core);
    expect(await detail(item.id)).toMatchObject({ browserPlayable: true, hasThumbnail: true, viewingCopiesMissing: [] });
    const refused = await makeProxyCall(item.id);
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('CONFLICT');

    // The thumbnail file and row lost (as after a failed attempt): it is made again.
    o.core.db.prepare("DELETE FROM derivatives WHERE item_id = ? AND kind = 'thumbnail'").run(item.id);
    expect((await detail(item.id)).viewingCopiesMissing).toEqual(['thumbnail']);
    const retry = await callOk<{ jobs: { id: string; kind: string }[] }>(o, 'recordings.makeProxy', { id: item.id });
    expect(retry.jobs.map((j) => j.kind)).toEqual(['thumbnail']);
    expect((await o.core.jobs.wait(retry.jobs[0]!.id)).status).toBe('done');
    expect((await detail(item.id)).hasThumbnail).toBe(true);
  });

  test('an unknown recording is NOT_FOUND', async () => {
    const r = await makeProxyCall('REC-20000101-00000000');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('NOT_FOUND');
  });
});
