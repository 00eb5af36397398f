import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RenderJobResult } from '../../../shared/contract';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { BASE_META, openDesk, signedRequest, tempDir, type Desk } from '../requests/desk';
import { followPlan, makeMovingTarget } from '../redaction/clips';
import { exportTo } from './exportKit';

/**
 * Approve with redaction: the package holds the rendered redacted copy (real ffmpeg render
 * through the studio's core path), never the original, and the statement names the original's
 * signed SHA-256, the copy and its plan hash; the proof covers both items' custody.
 */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const ROW = { start: '0:00:01', end: '0:00:02', what: 'Face of a minor witness', exemptionId: 'krs-61.878-1-a', explanation: 'The witness is a 14-year-old student.' };

describe('export of a recording approved with redaction', () => {
  it('releases the rendered copy and not the original', async () => {
    desk = await openDesk();
    const d = desk;
    const src = tempDir('custodian-export-clip-');
    const clip = await makeMovingTarget(src);
    const ing = await d.call('cora', 'ingest.start', { paths: [clip] });
    const ingested = ((await d.core.jobs.wait(ing.jobId)).result as IngestResult).ingested[0]!;
    await d.call('cora', 'recordings.updateMeta', { ids: [ingested.id], meta: { ...BASE_META, locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] } });
    const started = await d.call('cora', 'redaction.render', { itemId: ingested.id, plan: followPlan() });
    const rendered = await d.core.jobs.wait(started.jobId);
    expect(rendered.status, rendered.message).toBe('done');
    const copy = rendered.result as RenderJobResult;
    for (const j of d.core.jobs.list()) if (j.status === 'running') await d.core.jobs.wait(j.id);

    const id = await signedRequest(d, [ingested.id], [{ itemId: ingested.id, decision: 'approve-redacted', segments: [ROW] }]);
    const r = await exportTo(d, id);
    const media = r.files.filter((f) => f.path.startsWith('data/media/'));
    expect(media.map((f) => f.sha256)).toEqual([copy.sha256]);
    expect(media[0].path).toMatch(/-redacted\.mp4$/);
    expect(r.files.map((f) => f.sha256)).not.toContain(ingested.sha256);

    const env = JSON.parse(fs.readFileSync(path.join(r.package, 'release', 'statement.json'), 'utf8')) as { payload: string };
    const statement = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8')) as { predicate: { files: { path: string; sourceOriginalSha256?: string; redactedCopy?: { itemId: string; planHash: string | null }; itemIds?: string[] }[] } };
    const f = statement.predicate.files.find((x) => x.path === media[0].path)!;
    expect(f.sourceOriginalSha256).toBe(ingested.sha256);
    expect(f.redactedCopy).toMatchObject({ itemId: copy.itemId, planHash: copy.planHash });
    expect(f.itemIds).toEqual([ingested.id, copy.itemId]);
    const csv = fs.readFileSync(path.join(r.package, 'data', 'exemption-log.csv'), 'utf8');
    expect(csv).toContain('krs-61.878-1-a');
    expect(csv).toContain('Face of a minor witness');

    expect((await verifyPackageFolder(r.package)).problems).toEqual([]);
    expect(d.core.custody.forObject(copy.itemId).some((e) => e.action === 'exported')).toBe(true);
    fs.rmSync(src, { recursive: true, force: true });
  }, 120_000);
});
