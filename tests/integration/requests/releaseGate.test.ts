import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RecordingMeta } from '../../../shared/contract';
import { addRecording, openDesk, PASSWORD, PUBLIC_REQUEST, signedRequest, type Cast, type Desk } from './desk';

/**
 * The release gate's holes from the release-gate issue, each tried through the real core on a
 * real SQLite file: unset facts, view-only "released" as a copy, and a user holding both roles
 * who changes the facts during review and then signs.
 */

let d: Desk;
beforeEach(async () => {
  d = await openDesk();
});
afterEach(async () => {
  await d.close();
});

async function inReview(recordingIds: string[], request: Record<string, unknown> = {}, by: Cast = 'carl'): Promise<number> {
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, ...request, recordingIds });
  await d.call(by, 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call(by, 'requests.transition', { id: r.id, event: 'submit-for-review' });
  return r.id;
}

function releasedEntries(itemId: string) {
  return d.core.custody.forObject(itemId).filter((e) => e.action === 'released');
}

describe('unknown facts are the protective case', () => {
  const UNSET: [string, Partial<RecordingMeta>, string][] = [
    ['location type not set', { locationType: '' }, 'the location type'],
    ['minors present not set', { minorsPresent: null }, 'whether minors are present'],
    ['minors present without roles', { minorsPresent: true, minors: [] }, "the minors' roles"],
    ['both not set', { locationType: '', minorsPresent: null }, 'the location type and whether minors are present'],
  ];

  for (const [label, meta, missing] of UNSET) {
    it(`${label}: proposed as withheld, and no approval can be drafted or signed until it is set`, async () => {
      const rec = addRecording(d.core, meta);
      const id = await inReview([rec.id]);
      const detail = await d.call('lee', 'requests.get', { id });
      const proposal = detail.proposals.find((p) => p.itemId === rec.id)!;
      expect(proposal.suggestedDecision).toBe('withhold');
      expect(proposal.missingFacts.length).toBeGreaterThan(0);
      expect(proposal.factWarnings.join(' ')).not.toMatch(/public place|one bystander/);

      for (const decision of ['approve', 'approve-redacted', 'view-only'] as const) {
        const draft = await d.fail('lee', 'requests.setDecision', { id, itemId: rec.id, decision, reason: 'The reviewer weighed it.', segments: [] });
        expect(draft.details?.reason).toBe('FACTS_MISSING');
        expect(draft.message).toContain(missing);
        expect(draft.message).toContain(rec.id);
        const sign = await d.fail('lee', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision, reason: 'The reviewer weighed it.' }], confirmPassword: PASSWORD });
        expect(sign.details?.reason).toBe('FACTS_MISSING');
      }
      expect((await d.call('lee', 'requests.get', { id })).state).toBe('awaiting-review');

      // Set by the custodian (not the reviewer, who would then be a preparer), the facts unlock sign-off.
      await d.call('cora', 'recordings.updateMeta', { ids: [rec.id], meta: { locationType: 'public', minorsPresent: false, minors: [] } });
      await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve', reason: 'The reviewer weighed it.' }], confirmPassword: PASSWORD });
      expect((await d.call('lee', 'requests.get', { id })).state).toBe('approved');
    });
  }

  it('a recording with unset facts can still be withheld (a denial needs no facts)', async () => {
    const rec = addRecording(d.core, { locationType: '', minorsPresent: null });
    const id = await inReview([rec.id]);
    await d.call('lee', 'requests.signOff', {
      id,
      decisions: [{ itemId: rec.id, decision: 'withhold', exemptionId: 'krs-61.168-4-child', explanation: 'Students of the school are shown throughout the recording, in the classroom and hallway.', reason: 'Withheld.' }],
      confirmPassword: PASSWORD,
    });
    expect((await d.call('lee', 'requests.get', { id })).state).toBe('denied');
  });

  it('the library says "not set" for a recording nobody has described, not "no"', async () => {
    const rec = addRecording(d.core, { minorsPresent: null });
    const got = await d.call('cora', 'recordings.get', { id: rec.id });
    expect(got.meta.minorsPresent).toBeNull();
    expect(got.minorsPresent).toBeNull();
  });
});

describe('outcomes that are not copies stay not copies', () => {
  it('refuses to "release" a request approved only for viewing, logs the refusal, and logs no copy going out', async () => {
    const rec = addRecording(d.core);
    const id = await signedRequest(d, [rec.id], [{ itemId: rec.id, decision: 'view-only' }]);
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('NO_COPY_APPROVED');
    expect(refused.message).toMatch(/viewing/);
    expect(releasedEntries(rec.id)).toHaveLength(0);
    expect((await d.call('cora', 'requests.get', { id })).state).toBe('approved');
    const log = d.core.custody.forObject(`request:${id}`).filter((e) => e.action === 'release-refused');
    expect(log.at(-1)?.details.reason).toBe('NO_COPY_APPROVED');
  });

  it('releases the approved copy and never the view-only recording beside it', async () => {
    const copy = addRecording(d.core);
    const viewOnly = addRecording(d.core);
    const id = await signedRequest(d, [copy.id, viewOnly.id], [
      { itemId: copy.id, decision: 'approve' },
      { itemId: viewOnly.id, decision: 'view-only' },
    ]);
    await d.call('cora', 'requests.release', { id });
    expect(releasedEntries(copy.id)).toHaveLength(1);
    expect(releasedEntries(viewOnly.id)).toHaveLength(0);
    const summary = d.core.custody.forObject(`request:${id}`).find((e) => e.action === 'request-released')!;
    expect((summary.details.items as { itemId: string }[]).map((i) => i.itemId)).toEqual([copy.id]);
  });
});

describe('separation of duties: whoever changed the request or its recordings cannot sign it', () => {
  it('refuses Dana (both roles) after she changed a linked recording’s location during review, naming the change', async () => {
    const rec = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'bystander' }] });
    const id = await inReview([rec.id]);
    await d.call('dana', 'recordings.updateMeta', { ids: [rec.id], meta: { locationType: 'public', minorsPresent: false, minors: [] } });
    const refused = await d.fail('dana', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
    expect(refused.details?.reason).toBe('SEPARATION_OF_DUTIES');
    expect(refused.message).toContain(rec.id);
    expect(refused.message).toContain('locationType');
    const draft = await d.fail('dana', 'requests.setDecision', { id, itemId: rec.id, decision: 'approve', segments: [] });
    expect(draft.details?.reason).toBe('SEPARATION_OF_DUTIES');
    // Another reviewer may.
    await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
  });

  it('refuses Dana after she changed the requester’s category, and hides the approve buttons from her', async () => {
    const rec = addRecording(d.core);
    const id = await inReview([rec.id], { category: 'directly-involved' });
    await d.call('dana', 'requests.update', { id, category: 'media' });
    const detail = await d.call('dana', 'requests.get', { id });
    expect(detail.allowedEvents).not.toContain('approve');
    const refused = await d.fail('dana', 'requests.signOff', { id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
    expect(refused.details?.reason).toBe('SEPARATION_OF_DUTIES');
    expect(refused.message).toContain('requester details');
  });

  it('refuses the user who filed the request, and voids an approval whose signer later edits a linked recording', async () => {
    const rec = addRecording(d.core);
    const r = await d.call('dana', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [rec.id] });
    await d.call('carl', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('carl', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    expect((await d.fail('dana', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD })).message).toContain('filed the request');

    const other = addRecording(d.core);
    const id = await signedRequest(d, [other.id], [{ itemId: other.id, decision: 'approve' }]);
    // Lee signed; a note changed afterwards by anyone voids the approval (metadata hash), and release is refused.
    await d.call('cora', 'recordings.updateMeta', { ids: [other.id], meta: { notes: 'changed after signing' } });
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(releasedEntries(other.id)).toHaveLength(0);
  });
});

describe('settings that weaken the gate', () => {
  it('removing a district needs the password again and is logged with the old and new list', async () => {
    await d.call('admin', 'districts.add', { domain: 'fcps.example.org' });
    const missing = await d.fail('admin', 'districts.remove', { domain: 'fcps.example.org' });
    expect(missing.code).toBe('REAUTH_REQUIRED');
    const wrong = await d.fail('admin', 'districts.remove', { domain: 'fcps.example.org', confirmPassword: 'not the password at all' });
    expect(wrong.code).toBe('REAUTH_REQUIRED');
    expect((await d.call('admin', 'districts.list', {})).domains).toContain('fcps.example.org');
    await d.call('admin', 'districts.remove', { domain: 'fcps.example.org', confirmPassword: PASSWORD });
    const entry = d.core.custody.forObject('settings:districts').at(-1)!;
    expect(entry.details.old).toMatchObject({ domains: ['fcps.example.org'] });
    expect(entry.details.new).toMatchObject({ domains: [] });
    expect(entry.details.reauthenticated).toBe(true);
  });
});
