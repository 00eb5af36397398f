import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, PUBLIC_REQUEST, addRecording, letterText, openDesk, signedRequest as signed, type Desk } from './desk';
import { addRenderedCopy } from './renderedCopy';

/**
 * A recording the legal reviewer approved only with redaction (or view-only with masking rows)
 * must never go out as its unredacted original. The reviewer signs the rendered copy's bytes:
 * signing before a passing render is refused (REDACTION_NOT_RENDERED, naming the recordings);
 * the release hands over the signed copy; a viewing shows only the recordings approved as they
 * are. (Real renders through ffmpeg: tests/integration/redaction/signedCopy.test.ts.)
 */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const WITNESS_ROW = {
  start: '0:01:05',
  end: '0:02:10',
  what: 'Face and name of a minor witness',
  exemptionId: 'krs-61.878-1-a',
  explanation: 'The witness is a 14-year-old student whose face and spoken name would identify her to classmates.',
};

function releaseRows(d: Desk, id: number): number {
  return (d.core.db.prepare('SELECT COUNT(*) AS n FROM request_releases WHERE request_id = ?').get(id) as { n: number }).n;
}

async function inReview(d: Desk, recordingIds: string[], request: Record<string, unknown> = {}): Promise<number> {
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, ...request, recordingIds });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'submit-for-review' });
  return r.id;
}

const REASON = 'The reviewer weighed the facts of this recording.';

describe('approve with redaction: the reviewer signs the rendered copy', () => {
  it('refuses the sign-off before a passing copy exists, names the recording, then signs and releases the copy', async () => {
    desk = await openDesk();
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public' });
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const id = await inReview(d, [plain.id, minors.id]);
    const decisions = [
      { itemId: plain.id, decision: 'approve' as const, reason: REASON },
      { itemId: minors.id, decision: 'approve-redacted' as const, segments: [WITNESS_ROW], reason: REASON },
    ];
    const name = (await d.call('cora', 'requests.get', { id })).recordings.find((r) => r.itemId === minors.id)!.originalName;
    // The reviewer may record the decision first (the custodian renders from it); the signature comes after the render.
    await d.call('lee', 'requests.setDecision', { id, ...decisions[1]! });

    const refused = await d.fail('lee', 'requests.signOff', { id, decisions, confirmPassword: PASSWORD });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect(refused.details?.itemIds).toEqual([minors.id]);
    expect(refused.message).toBe(`Recording ${name} (${minors.id}) is approved with redaction. The legal reviewer signs the exact copy that goes out: render the redacted copy in the studio and let it pass its leak check, then sign.`);
    const waiting = await d.call('lee', 'requests.get', { id });
    expect(waiting.state).toBe('awaiting-review');
    expect(waiting.decision).toBeNull();
    expect(waiting.redactedCopies).toEqual([expect.objectContaining({ itemId: minors.id, copyItemId: null, problem: expect.stringMatching(/render it in the redaction studio/) })]);

    // A copy whose leak check failed is not signed either.
    addRenderedCopy(d.core, minors, { ok: false });
    expect((await d.fail('lee', 'requests.signOff', { id, decisions, confirmPassword: PASSWORD })).details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect((await d.call('lee', 'requests.get', { id })).redactedCopies[0]).toMatchObject({ check: { ok: false, failures: 1 }, problem: expect.stringMatching(/did not pass/) });

    const copy = addRenderedCopy(d.core, minors);
    const ready = await d.call('lee', 'requests.get', { id });
    expect(ready.redactedCopies).toEqual([{ itemId: minors.id, copyItemId: copy.itemId, sha256: copy.sha256, renderId: copy.renderId, check: { ok: true, framesChecked: 120, failures: 0 }, signed: false, problem: null }]);
    const signedOff = await d.call('lee', 'requests.signOff', { id, decisions, confirmPassword: PASSWORD });
    expect(signedOff.decision.renderedOutputs).toEqual([{ itemId: copy.itemId, sha256: copy.sha256, kind: 'redacted-copy' }]);
    const payload = JSON.parse((d.core.db.prepare('SELECT payload FROM request_decisions WHERE id = ?').get(signedOff.decision.id) as { payload: string }).payload) as { recordings: { itemId: string; redactedCopy?: unknown }[] };
    expect(payload.recordings.find((r) => r.itemId === minors.id)!.redactedCopy).toMatchObject({ itemId: copy.itemId, sha256: copy.sha256, renderId: copy.renderId, planHash: copy.planHash, checkSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // Recordings approved as they are carry no redactedCopy key (older payloads look the same).
    expect(Object.keys(payload.recordings.find((r) => r.itemId === plain.id)!)).not.toContain('redactedCopy');
    const signOff = d.core.custody.forObject(`request:${id}`).find((e) => e.action === 'legal-sign-off')!;
    expect(JSON.stringify(signOff.details)).toContain(copy.sha256);
    expect(d.core.custody.forObject(minors.id).find((e) => e.action === 'legal-decision')?.details.redactedCopy).toMatchObject({ itemId: copy.itemId, sha256: copy.sha256 });

    const released = await d.call('cora', 'requests.release', { id });
    expect(released.state).toBe('released');
    const items = JSON.parse((d.core.db.prepare('SELECT items FROM request_releases WHERE request_id = ?').get(id) as { items: string }).items) as { itemId: string; sha256: string }[];
    expect([...items].sort((a, b) => a.itemId.localeCompare(b.itemId))).toEqual(
      [
        { itemId: plain.id, sha256: plain.sha256, decision: 'approve' },
        { itemId: minors.id, sha256: copy.sha256, decision: 'approve-redacted', originalSha256: minors.sha256, copyItemId: copy.itemId },
      ].sort((a, b) => a.itemId.localeCompare(b.itemId)),
    );
    expect(d.core.custody.forObject(minors.id).map((e) => e.action)).not.toContain('released');
    expect(d.core.custody.forObject(copy.itemId).find((e) => e.action === 'released')).toMatchObject({ objectSha256: copy.sha256 });
    expect(releaseRows(d, id)).toBe(1);
  });

  it('voids the approval when the copy is rendered again after signing, or its check fails on a re-run', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    addRenderedCopy(d.core, rec);
    const id = await signed(d, [rec.id], [{ itemId: rec.id, decision: 'approve-redacted', segments: [WITNESS_ROW] }]);
    expect((await d.call('cora', 'requests.get', { id })).decision?.valid).toBe(true);
    addRenderedCopy(d.core, rec);
    const info = await d.call('cora', 'requests.get', { id });
    expect(info.decision?.valid).toBe(false);
    expect(info.decision?.problems).toContain(`A new redacted copy of recording ${rec.id} was rendered after the decision was signed; the legal reviewer must review and sign again.`);
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.details?.reason).toBe('APPROVAL_VOID');
    expect(releaseRows(d, id)).toBe(0);

    // Signed again on the newest copy; then its check is run again and fails.
    await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve-redacted', segments: [WITNESS_ROW], reason: REASON }], confirmPassword: PASSWORD });
    const renderId = (await d.call('cora', 'requests.get', { id })).decision!.recordings[0]! as unknown as { redactedCopy: { renderId: number } };
    d.core.db.prepare('UPDATE renders SET check_ok = 0 WHERE id = ?').run(renderId.redactedCopy.renderId);
    const failed = await d.fail('cora', 'requests.release', { id });
    expect(failed.details?.reason).toBe('APPROVAL_VOID');
    expect(failed.message).toMatch(/no longer passes its leak check/);
    expect(releaseRows(d, id)).toBe(0);
  });

  it('refuses the sign-off for view-only with masking rows too', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'victim' }] });
    const id = await inReview(d, [rec.id], { name: 'Morgan Parent', category: 'directly-involved' });
    const refused = await d.fail('lee', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'view-only', segments: [WITNESS_ROW], reason: REASON }], confirmPassword: PASSWORD });
    expect(refused.details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect(releaseRows(d, id)).toBe(0);
  });

  it('shows at a viewing only the recordings approved as they are, and says which are held back', async () => {
    desk = await openDesk();
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public' });
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const masked = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'victim' }] });
    addRenderedCopy(d.core, minors);
    addRenderedCopy(d.core, masked);
    const id = await signed(
      d,
      [plain.id, minors.id, masked.id],
      [
        { itemId: plain.id, decision: 'view-only' },
        { itemId: minors.id, decision: 'approve-redacted', segments: [WITNESS_ROW] },
        { itemId: masked.id, decision: 'view-only', segments: [WITNESS_ROW] },
      ],
      { name: 'Morgan Parent', category: 'directly-involved' },
    );
    const v = await d.call('cora', 'viewing.schedule', { requestId: id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Morgan Parent'] });
    expect(v.viewing.itemIds).toEqual([plain.id]);
    expect([...v.viewing.heldBackForRedaction].sort()).toEqual([minors.id, masked.id].sort());
    const { text } = await letterText(d, v.letter.id);
    expect(text).toContain('Recordings not shown at this viewing');
    expect(text).toContain(`(ID ${minors.id})`);
    expect(text).toContain(`(ID ${masked.id})`);

    const started = await d.call('cora', 'viewing.start', { viewingId: v.viewing.id });
    expect(started.recordings).toEqual([{ itemId: plain.id, sha256: plain.sha256 }]);
    expect(d.core.custody.forObject(plain.id).map((e) => e.action)).toContain('viewing-started');
    for (const held of [minors.id, masked.id]) expect(d.core.custody.forObject(held).map((e) => e.action)).not.toContain('viewing-started');
    const logged = d.core.custody.forObject(`request:${id}`).find((e) => e.action === 'viewing-started')!;
    expect(logged.details.itemIds).toEqual([plain.id]);
  });

  it('refuses a viewing when every approved recording needs a redacted copy', async () => {
    desk = await openDesk();
    const d = desk;
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    addRenderedCopy(d.core, minors);
    const id = await signed(d, [minors.id], [{ itemId: minors.id, decision: 'approve-redacted', segments: [WITNESS_ROW] }]);
    const refused = await d.fail('cora', 'viewing.schedule', { requestId: id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Pat Public'] });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('REDACTED_COPY_NOT_VIEWABLE');
    expect(refused.message).toContain(minors.id);
    expect(refused.message).toMatch(/nothing to show at a viewing/);
    expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM request_viewings WHERE request_id = ?').get(id) as { n: number }).n).toBe(0);
  });
});
