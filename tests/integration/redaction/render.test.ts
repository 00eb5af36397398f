import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyEntryInfo, JobInfo, RenderJobResult } from '../../../shared/contract';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { locateFfprobe } from '../../../electron/core/media/locateTools';
import { probeCopy } from '../../../electron/core/redaction/leakContainer';
import { callOk, ingest, openSetUpCore, removeDir, tempDir, waitAllJobs, type Opened } from '../ingest/helpers';
import { followPlan, makeMovingTarget } from './clips';

/**
 * A redacted copy rendered through the core (the studio's and the CLI's path), with the real
 * ffmpeg: a region with three keyframes follows a moving white target, one range is muted, and
 * the camera's location tag must not survive. The copy is a new evidence item with custody.
 */

let o: Opened;
let srcDir: string;
let recordingId: string;

beforeAll(async () => {
  srcDir = tempDir('custodian-redact-src-');
  const clip = await makeMovingTarget(srcDir);
  o = await openSetUpCore();
  const result = await ingest(o, { paths: [clip] });
  recordingId = result.ingested[0]!.id;
  await waitAllJobs(o.core);
}, 60_000);

afterAll(async () => {
  await o?.core.close();
  removeDir(o?.dataDir ?? '');
  removeDir(srcDir);
});

async function render(plan: unknown): Promise<JobInfo> {
  const started = await callOk<{ jobId: string; planHash: string; planVersion: number }>(o, 'redaction.render', { itemId: recordingId, plan });
  return o.core.jobs.wait(started.jobId);
}

describe('rendering a redacted copy', () => {

  it('covers a moving target in every frame, mutes the range, strips tags, and adds a new item with custody', async () => {
    const job = await render(followPlan());
    expect(job.status, job.message).toBe('done');
    const r = job.result as RenderJobResult;
    expect(r.check.failures).toEqual([]);
    expect(r.check.ok).toBe(true);
    expect(r.check.framesChecked).toBeGreaterThan(0);
    expect(r.itemId).not.toBe(recordingId);
    const mute = r.check.details!.audio[0]!;
    expect(mute.peakDb).toBeLessThan(-60);

    // A new evidence item of its own kind, stored by its SHA-256.
    const item = o.core.db.prepare('SELECT kind, state, sha256 FROM items WHERE id = ?').get(r.itemId) as { kind: string; state: string; sha256: string };
    expect(item).toEqual({ kind: 'redacted-copy', state: 'committed', sha256: r.sha256 });
    const stored = objectPath(o.core.paths.objects, r.sha256);
    expect(fs.existsSync(stored)).toBe(true);

    // No location, creation time, handler or encoder name in the copy.
    const probe = await probeCopy(locateFfprobe(), stored);
    const tags = JSON.stringify([(probe.format as { tags?: unknown }).tags, ...(probe.streams as { tags?: unknown }[]).map((s) => s.tags)]);
    expect(tags).not.toMatch(/location|creation_time|handler_name|Lavc|Lavf|VideoHandler/);
    expect((probe.streams as unknown[]).length).toBe(2);

    // Custody on both: the plan hash, the ffmpeg version and arguments.
    const child = await callOk<CustodyEntryInfo[]>(o, 'custody.forItem', { id: r.itemId });
    const parent = await callOk<CustodyEntryInfo[]>(o, 'custody.forItem', { id: recordingId });
    const onChild = child.find((e) => e.action === 'redaction-rendered');
    const onParent = parent.find((e) => e.action === 'redaction-rendered');
    expect(onChild?.details).toMatchObject({ planHash: r.planHash, parentItemId: recordingId, ffmpegVersion: expect.any(String), ffmpegArgs: expect.arrayContaining(['-map_metadata', '-1', 'libx264']) });
    expect(onParent?.details).toMatchObject({ planHash: r.planHash, copyItemId: r.itemId });

    // Listed with its report; nothing left in staging.
    const { renders } = await callOk<{ renders: { itemId: string; current: boolean; check: { ok: boolean } }[] }>(o, 'redaction.renders', { itemId: recordingId });
    expect(renders[0]).toMatchObject({ itemId: r.itemId, current: true, check: { ok: true } });
    expect(fs.readdirSync(o.core.paths.staging)).toEqual([]);

    // The copy is in the library (under "Redacted copies", not among the originals), and its page names its original.
    const copies = await callOk<{ rows: { id: string; kind: string }[] }>(o, 'recordings.query', { kind: 'redacted-copy' });
    expect(copies.rows.map((x) => [x.id, x.kind])).toEqual([[r.itemId, 'redacted-copy']]);
    const originals = await callOk<{ rows: { id: string }[] }>(o, 'recordings.query', {});
    expect(originals.rows.map((x) => x.id)).toEqual([recordingId]);
    expect((await callOk<{ rows: unknown[] }>(o, 'recordings.query', { kind: 'any' })).rows).toHaveLength(2);
    const page = await callOk<{ redactedFrom: { itemId: string; planHash: string; checkOk: boolean } | null }>(o, 'recordings.get', { id: r.itemId });
    expect(page.redactedFrom).toMatchObject({ itemId: recordingId, planHash: r.planHash, checkOk: true });

    // Checking it again gives the same verdict and is logged.
    const again = await callOk<{ jobId: string }>(o, 'redaction.check', { itemId: r.itemId });
    const checked = await o.core.jobs.wait(again.jobId);
    expect((checked.result as { check: { ok: boolean } }).check.ok).toBe(true);
    expect((await callOk<CustodyEntryInfo[]>(o, 'custody.forItem', { id: r.itemId })).some((e) => e.action === 'redaction-checked')).toBe(true);
  }, 120_000);

  it('saves plans as versions with their hash, and refuses a blur on school footage', async () => {
    const plan = followPlan();
    const first = await callOk<{ version: number; planHash: string; saved: boolean }>(o, 'redaction.savePlan', { itemId: recordingId, plan });
    const same = await callOk<{ version: number; planHash: string; saved: boolean }>(o, 'redaction.savePlan', { itemId: recordingId, plan });
    expect(same).toMatchObject({ version: first.version, planHash: first.planHash, saved: false });
    await callOk(o, 'recordings.updateMeta', { ids: [recordingId], meta: { locationType: 'school' } });
    const blurred = { ...plan, regions: plan.regions!.map((r) => ({ ...r, effect: 'blur' })) };
    const refused = await o.core.call({ method: 'redaction.render', input: { itemId: recordingId, plan: blurred }, session: o.token }, { host: 'test' });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.message).toMatch(/school/);
    await callOk(o, 'recordings.updateMeta', { ids: [recordingId], meta: { locationType: 'public' } });
  });

  it('leaves nothing behind when a render is cancelled', async () => {
    const before = (o.core.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n;
    const started = await callOk<{ jobId: string }>(o, 'redaction.render', { itemId: recordingId, plan: { ...followPlan(), caption: 'cancel me' } });
    o.core.jobs.cancel(started.jobId);
    const job = await o.core.jobs.wait(started.jobId);
    expect(job.status).toBe('cancelled');
    expect((o.core.db.prepare('SELECT COUNT(*) AS n FROM items').get() as { n: number }).n).toBe(before);
    expect(fs.readdirSync(o.core.paths.staging).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(path.isAbsolute(o.core.paths.staging)).toBe(true);
  }, 60_000);
  it('bleeps a range (a mono source: the mixed tone keeps a layout the encoder takes) and covers an ellipse', async () => {
    const plan = followPlan();
    plan.audio = [{ ...plan.audio![0]!, mode: 'bleep' }];
    plan.regions = [{ ...plan.regions![0]!, shape: 'ellipse' }];
    const job = await render(plan);
    expect(job.status, job.error?.message).toBe('done');
    const r = job.result as RenderJobResult;
    expect(r.check.ok, JSON.stringify(r.check.failures.slice(0, 3))).toBe(true);
    expect(r.check.framesChecked).toBeGreaterThan(0);
  }, 120_000);
});
