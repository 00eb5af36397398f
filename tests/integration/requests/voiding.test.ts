import { afterEach, describe, expect, it } from 'vitest';
import { writeTx } from '../../../electron/core/db/database';
import { voidApprovalsFor } from '../../../electron/core/requests/workflowGuard';
import { PASSWORD, PUBLIC_REQUEST, addRecording, openDesk, type Desk } from './desk';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function approved(d: Desk, recordingIds: string[]): Promise<number> {
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds });
  await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
  const signed = await d.call('lee', 'requests.signOff', { id: r.id, decisions: recordingIds.map((itemId) => ({ itemId, decision: 'approve' as const })), confirmPassword: PASSWORD });
  expect(signed.request.state).toBe('approved');
  return r.id;
}

describe('a signed approval is void when what it approved changes', () => {
  it('voids on a metadata change through the library (hook) and sends the request back to review', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const id = await approved(d, [rec.id]);
    await d.call('cora', 'recordings.updateMeta', { ids: [rec.id], meta: { minorsPresent: true, minors: [{ role: 'custody' }] } });
    const after = await d.call('cora', 'requests.get', { id });
    expect(after.state).toBe('awaiting-review');
    expect(after.decision).toBeNull();
    expect(after.voidedDecisions[0].voidReason).toMatch(/details of recording/);
    // The new facts now propose withholding, and the reviewer may not approve it any more.
    expect(after.proposals[0].outcome).toBe('withhold');
    const log = d.core.custody.forObject(`request:${id}`).map((e) => e.action);
    expect(log).toEqual(expect.arrayContaining(['approval-voided', 'request-transition']));
    expect((await d.fail('cora', 'requests.release', { id })).code).toBe('POLICY_REFUSED');
    // A change to a recording no approved request covers voids nothing.
    expect(voidApprovalsFor(d.core, addRecording(d.core).id)).toBe(0);
  });

  it('checks again at release: a change that bypassed the hook is caught, voided and refused', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const id = await approved(d, [rec.id]);
    writeTx(d.core.db, () => d.core.db.prepare("UPDATE recording_meta SET location_type = 'residence' WHERE item_id = ?").run(rec.id));
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('APPROVAL_VOID');
    const after = await d.call('cora', 'requests.get', { id });
    expect(after.state).toBe('awaiting-review');
    expect(after.releasedAt).toBeNull();
    // Signing again against the new facts: approved with redaction, it cannot be signed until the
    // redacted copy is rendered (the original would show the home), and the refusal leaves the
    // request with the reviewer.
    const early = await d.fail('liz', 'requests.signOff', {
      id,
      decisions: [{ itemId: rec.id, decision: 'approve-redacted', segments: [{ start: '0:00', end: '0:40', what: 'Interior of the home', exemptionId: 'krs-61.168-4-residence', explanation: 'The first forty seconds show the inside of the family home, including photographs on the walls.' }] }],
      confirmPassword: PASSWORD,
    });
    expect(early.details?.reason).toBe('REDACTION_NOT_RENDERED');
    const still = await d.call('cora', 'requests.get', { id });
    expect(still.state).toBe('awaiting-review');
    expect(still.decision).toBeNull();
    // Approved as recorded (the reviewer judged the interior not exempt), the release goes through.
    await d.call('liz', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve', reason: 'Only the doorway is visible; nothing of the home’s interior is identifiable.' }], confirmPassword: PASSWORD });
    expect((await d.call('cora', 'requests.release', { id })).state).toBe('released');
  });

  it('voids when a recording is added or removed after signing', async () => {
    desk = await openDesk();
    const d = desk;
    const a = addRecording(d.core);
    const b = addRecording(d.core);
    const id = await approved(d, [a.id]);
    const linked = await d.call('cora', 'requests.link', { id, add: [b.id] });
    expect(linked.state).toBe('awaiting-review');
    expect(linked.voidedDecisions).toHaveLength(1);
    // Cora changed the recordings, so she counts as a preparer; Lee signs again.
    await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: b.id, decision: 'approve' }], confirmPassword: PASSWORD });
    const unlinked = await d.call('cora', 'requests.link', { id, remove: [a.id] });
    expect(unlinked.state).toBe('awaiting-review');
    expect(unlinked.voidedDecisions).toHaveLength(2);
    expect(d.core.custody.forObject(a.id).map((e) => e.action)).toEqual(expect.arrayContaining(['linked-to-request', 'unlinked-from-request']));
  });

  it('keeps a signed decision unalterable in the database', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const id = await approved(d, [rec.id]);
    expect(() => writeTx(d.core.db, () => d.core.db.prepare("UPDATE request_decisions SET outcome = 'denied' WHERE request_id = ?").run(id))).toThrow(/cannot be rewritten/);
    expect(() => writeTx(d.core.db, () => d.core.db.prepare('DELETE FROM request_decisions WHERE request_id = ?').run(id))).toThrow(/cannot be deleted/);
  });
});
