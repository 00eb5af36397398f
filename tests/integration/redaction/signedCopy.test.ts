import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobInfo, RenderJobResult } from '../../../shared/contract';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { PASSWORD, PUBLIC_REQUEST, openDesk, tempDir, type Desk } from '../requests/desk';
import { cleanup, followPlan, makeMovingTarget } from './clips';

/**
 * Sign-off binds the bytes, with the real ffmpeg on a tiny generated clip: the legal reviewer
 * signs the rendered redacted copy (its SHA-256 and passing leak-check report), the release
 * hands over exactly that copy, and a new render or a failed re-check voids the approval.
 */

let d: Desk;
let srcDir: string;
let rec: { id: string; sha256: string };

const SEGMENT = { start: '0:00:01', end: '0:00:02', what: 'Face and spoken name of a student', exemptionId: 'krs-61.878-1-a', explanation: 'The student is 14; her face and spoken name would identify her to classmates.' };
const DECISION = { itemId: '', decision: 'approve-redacted' as const, segments: [SEGMENT], reason: 'The student must not be identifiable.' };

beforeAll(async () => {
  srcDir = tempDir('custodian-signed-copy-');
  const clip = await makeMovingTarget(srcDir);
  d = await openDesk();
  const started = await d.call('cora', 'ingest.start', { paths: [clip] });
  const job = await d.core.jobs.wait(started.jobId);
  const id = (job.result as { ingested: { id: string }[] }).ingested[0]!.id;
  await d.call('cora', 'recordings.updateMeta', { ids: [id], meta: { locationType: 'public', minorsPresent: false, minors: [], recordedStart: '2026-11-02T14:10:00Z' } });
  rec = { id, sha256: (d.core.db.prepare('SELECT sha256 FROM items WHERE id = ?').get(id) as { sha256: string }).sha256 };
}, 60_000);

afterAll(async () => {
  await d?.close();
  cleanup(srcDir);
});

async function render(): Promise<RenderJobResult> {
  const started = await d.call('cora', 'redaction.render', { itemId: rec.id, plan: followPlan() } as never);
  const job: JobInfo = await d.core.jobs.wait((started as { jobId: string }).jobId);
  expect(job.status, job.message).toBe('done');
  return job.result as RenderJobResult;
}

async function inReview(): Promise<number> {
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [rec.id] });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'submit-for-review' });
  await d.call('lee', 'requests.setDecision', { id: r.id, ...DECISION, itemId: rec.id });
  return r.id;
}

const sign = (id: number) => d.raw('lee', 'requests.signOff', { id, decisions: [], confirmPassword: PASSWORD });

describe('the legal reviewer signs the rendered copy', () => {
  it('refuses to sign before the render, then signs it, and the release hands over the signed copy', async () => {
    const id = await inReview();
    const early = await sign(id);
    expect(early.ok).toBe(false);
    if (!early.ok) {
      expect(early.error.details?.reason).toBe('REDACTION_NOT_RENDERED');
      expect(early.error.message).toMatch(/approved with redaction\. The legal reviewer signs the exact copy that goes out: render the redacted copy in the studio and let it pass its leak check, then sign\./);
      expect(early.error.message).toContain(rec.id);
    }

    const copy = await render();
    expect(copy.check.ok).toBe(true);
    const detail = await d.call('lee', 'requests.get', { id });
    expect(detail.redactedCopies).toEqual([expect.objectContaining({ itemId: rec.id, copyItemId: copy.itemId, sha256: copy.sha256, check: { ok: true, framesChecked: copy.check.framesChecked, failures: 0 }, problem: null })]);
    const signed = await sign(id);
    expect(signed.ok).toBe(true);

    const released = await d.call('cora', 'requests.release', { id });
    expect(released.state).toBe('released');
    const items = JSON.parse((d.core.db.prepare('SELECT items FROM request_releases WHERE request_id = ?').get(id) as { items: string }).items) as { itemId: string; sha256: string; copyItemId: string }[];
    expect(items).toEqual([{ itemId: rec.id, sha256: copy.sha256, decision: 'approve-redacted', originalSha256: rec.sha256, copyItemId: copy.itemId }]);
    const out = d.core.custody.forObject(copy.itemId).find((e) => e.action === 'released');
    expect(out).toMatchObject({ objectId: copy.itemId, objectSha256: copy.sha256, details: { requestId: id, redactedCopyOf: rec.id } });
    expect(d.core.custody.forObject(rec.id).filter((e) => e.action === 'released')).toEqual([]);
  }, 120_000);

  it('a new render after signing voids the approval and the release is refused', async () => {
    const id = await inReview();
    expect((await sign(id)).ok).toBe(true);
    const newer = await render();
    const info = await d.call('cora', 'requests.get', { id });
    expect(info.decision?.valid).toBe(false);
    expect(info.decision?.problems.join(' ')).toMatch(/new redacted copy .* was rendered after the decision was signed/);
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.details?.reason).toBe('APPROVAL_VOID');
    // Rendered again from the same plan, the bytes may be the same item: the render row is still new.
    expect(d.core.custody.forObject(newer.itemId).filter((e) => e.action === 'released' && e.details.requestId === id)).toEqual([]);
    expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM request_releases WHERE request_id = ?').get(id) as { n: number }).n).toBe(0);
  }, 120_000);

  it('a signed copy whose leak check is run again and fails is not released', async () => {
    const id = await inReview();
    expect((await sign(id)).ok).toBe(true);
    const signedCopy = (await d.call('cora', 'requests.get', { id })).decision!.renderedOutputs[0]!;
    // The stored copy is damaged (same size); the re-run check re-hashes it and fails.
    const file = objectPath(d.core.paths.objects, signedCopy.sha256);
    fs.chmodSync(file, 0o600);
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    const started = await d.call('cora', 'redaction.check', { itemId: signedCopy.itemId } as never);
    const job = await d.core.jobs.wait((started as { jobId: string }).jobId);
    expect((job.result as { check: { ok: boolean } }).check.ok).toBe(false);
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.details?.reason).toBe('APPROVAL_VOID');
    expect(refused.message).toMatch(/no longer passes its leak check/);
    expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM request_releases WHERE request_id = ?').get(id) as { n: number }).n).toBe(0);
  }, 120_000);
});
