import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, PUBLIC_REQUEST, addRecording, letterText, openDesk, type Desk } from './desk';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('requests from school personnel (department policy XVI)', () => {
  it('recognises a district e-mail whatever category was picked, and refuses every release path in the core', async () => {
    desk = await openDesk();
    const d = desk;
    // Only administrators keep the district list.
    expect((await d.fail('cora', 'districts.add', { domain: 'fcps.net' })).code).toBe('FORBIDDEN');
    await d.call('admin', 'districts.add', { domain: '@FCPS.net.' });
    const districts = await d.call('admin', 'districts.add', { name: 'Fayette County Public Schools' });
    expect(districts).toEqual({ domains: ['fcps.net'], names: ['Fayette County Public Schools'] });

    const rec = addRecording(d.core);
    const other = addRecording(d.core);
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Vice Principal Vance', email: 'vance@fcps.net', category: 'public', recordingIds: [rec.id] });
    expect(r.schoolPersonnel).toBe(true);
    expect(r.schoolPersonnelWhy.join(' ')).toContain('fcps.net');
    expect(r.proposals[0].outcome).toBe('blocked');
    expect(r.proposals[0].reasons.map((x) => x.cite)).toEqual(expect.arrayContaining(['KRS 158.4414', 'FERPA, 34 CFR 99.8(b)(2)']));
    const created = d.core.custody.forObject(`request:${r.id}`).find((e) => e.action === 'request-created')!;
    expect(created.details.schoolPersonnel).toBe(true);

    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });

    const attempts: [string, 'cora' | 'lee', Record<string, unknown>][] = [
      ['requests.setDecision', 'lee', { id: r.id, itemId: rec.id, decision: 'approve', reason: 'The principal needs it for discipline.' }],
      ['requests.setDecision', 'lee', { id: r.id, itemId: rec.id, decision: 'approve-redacted', reason: 'Blur the students.' }],
      ['requests.setDecision', 'lee', { id: r.id, itemId: rec.id, decision: 'view-only', reason: 'Let them look at it only.' }],
      ['requests.signOff', 'lee', { id: r.id, decisions: [{ itemId: rec.id, decision: 'approve', reason: 'The principal needs it.' }], confirmPassword: PASSWORD }],
      ['requests.signOff', 'lee', { id: r.id, decisions: [{ itemId: rec.id, decision: 'view-only', reason: 'Viewing only.' }], confirmPassword: PASSWORD }],
      ['requests.release', 'cora', { id: r.id }],
      ['letters.issue', 'cora', { requestId: r.id, kind: 'approval' }],
      ['letters.issue', 'cora', { requestId: r.id, kind: 'viewing-appointment' }],
      ['viewing.schedule', 'cora', { requestId: r.id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Vance'] }],
    ];
    for (const [method, who, input] of attempts) {
      const e = await d.fail(who, method, input);
      expect(e.code, method).toBe('SCHOOL_PERSONNEL_BLOCKED');
    }
    const refusals = d.core.custody.forObject(`request:${r.id}`).filter((e) => e.action === 'release-refused');
    expect(refusals.length).toBe(attempts.length);
    expect(refusals.every((e) => e.outcome === 'refused' && e.details.code === 'SCHOOL_PERSONNEL_BLOCKED')).toBe(true);

    // Nothing changed by the refusals: still awaiting review, no decision.
    const after = await d.call('lee', 'requests.get', { id: r.id });
    expect(after.state).toBe('awaiting-review');
    expect(after.decision).toBeNull();
    expect(after.allowedEvents).not.toContain('approve');

    // The school-personnel denial letter, citing policy XVI, KRS 158.4414 and FERPA.
    const letter = await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'school-personnel-denial' });
    const { text, bytes } = await letterText(d, letter.letter.id);
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    for (const phrase of ['policy section XVI', 'KRS 158.4414', '34 CFR 99.8(b)(2)', 'Attorney General', 'Official Custodian of Records']) expect(text).toContain(phrase);
    expect((await d.call('cora', 'requests.get', { id: r.id })).deadline).toBe('answered');

    // The letter is the forced denial (policy XVI): no legal sign-off is left to make.
    expect((await d.call('cora', 'requests.get', { id: r.id })).state).toBe('denied');
    expect((await d.fail('lee', 'requests.signOff', { id: r.id, confirmPassword: PASSWORD })).code).toBe('CONFLICT');
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    // Adding a recording after denial is refused; the request can be closed.
    expect((await d.fail('cora', 'requests.link', { id: r.id, add: [other.id] })).code).toBe('CONFLICT');
    expect((await d.call('cora', 'requests.transition', { id: r.id, event: 'close' })).state).toBe('closed');
  });

  it('blocks by the organization name, and keeps a finding made after intake even when the district is removed', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const byName = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, organization: 'Bourbon County Board of Education', category: 'media', recordingIds: [rec.id] });
    expect(byName.schoolPersonnel).toBe(true);

    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, email: 'coach@woodford.example', category: 'public', recordingIds: [rec.id] });
    expect(r.schoolPersonnel).toBe(false);
    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    await d.call('lee', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
    // The district is configured after the approval: release is refused and the finding sticks.
    await d.call('admin', 'districts.add', { domain: 'woodford.example' });
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    await d.call('admin', 'districts.remove', { domain: 'woodford.example', confirmPassword: PASSWORD });
    const still = await d.call('cora', 'requests.get', { id: r.id });
    expect(still.schoolPersonnel).toBe(true);
    expect(still.schoolPersonnelWhy.join(' ')).toContain('woodford.example');
    // The approval given before the finding was voided and the request went back to review.
    expect(still.state).toBe('awaiting-review');
    expect(still.decision).toBeNull();
    expect(still.voidedDecisions[0].voidReason).toMatch(/school personnel/);
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    // An edit cannot clear it either.
    await d.call('cora', 'requests.update', { id: r.id, email: 'coach@gmail.example', category: 'public' });
    expect((await d.call('cora', 'requests.get', { id: r.id })).schoolPersonnel).toBe(true);
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect(d.core.custody.forObject(`request:${r.id}`).some((e) => e.action === 'request-school-personnel-detected')).toBe(true);
  });
});
