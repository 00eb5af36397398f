import { afterEach, describe, expect, it } from 'vitest';
import { PUBLIC_REQUEST, addRecording, openDesk, type Desk } from './desk';

/**
 * Issue 12: a school-personnel request finishes. Issuing the school-personnel denial letter is
 * the forced denial of policy XVI: the request moves to Denied (answered, out of the review
 * queue, counted on the dashboard), logged as a transition, with the release gate still shut.
 */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('the school-personnel denial letter denies the request', () => {
  it('moves a received request straight to Denied, logged in custody, with no legal review and nothing released', async () => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { domain: 'fcps.net' });
    const rec = addRecording(d.core);
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Vice Principal Vance', email: 'vance@fcps.net', category: 'public', recordingIds: [rec.id] });
    expect(r.state).toBe('received');
    expect(r.warnings.join(' ')).toContain('issues the school-personnel denial letter');

    const { letter } = await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'school-personnel-denial' });
    const after = await d.call('cora', 'requests.get', { id: r.id });
    expect(after.state).toBe('denied');
    expect(after.deadline).toBe('answered');
    expect(after.answeredAt).not.toBeNull();
    expect(after.decision).toBeNull();
    expect(after.allowedEvents).toEqual(['close']);
    expect(after.warnings.join(' ')).not.toContain('issues the school-personnel denial letter');

    const entries = d.core.custody.forObject(`request:${r.id}`);
    const moved = entries.filter((e) => e.action === 'request-transition');
    expect(moved).toHaveLength(1);
    expect(moved[0].details).toMatchObject({ event: 'deny-school-personnel', from: 'received', to: 'denied', letterId: letter.id });
    expect(moved[0].username).toBe('cora');

    const dash = await d.call('cora', 'requests.dashboard', {});
    expect(dash.byStatus.denied).toBe(1);
    expect(dash.byStatus.received).toBe(0);
    expect(dash.open).toBe(0);

    // The gate stays absolute after the denial, and a second letter does not move it again.
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect((await d.fail('cora', 'letters.issue', { requestId: r.id, kind: 'approval' })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'school-personnel-denial' });
    expect(d.core.custody.forObject(`request:${r.id}`).filter((e) => e.action === 'request-transition')).toHaveLength(1);
    expect((await d.call('cora', 'requests.transition', { id: r.id, event: 'close' })).state).toBe('closed');
  });

  it('takes a request waiting on legal review out of the review queue', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, category: 'school-personnel', recordingIds: [rec.id] });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    expect((await d.call('lee', 'requests.dashboard', {})).awaitingReview.map((x) => x.id)).toEqual([r.id]);

    await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'school-personnel-denial' });
    expect((await d.call('lee', 'requests.get', { id: r.id })).state).toBe('denied');
    const dash = await d.call('lee', 'requests.dashboard', {});
    expect(dash.awaitingReview).toHaveLength(0);
    expect(dash.byStatus.denied).toBe(1);
    const moved = d.core.custody.forObject(`request:${r.id}`).filter((e) => e.action === 'request-transition').at(-1)!;
    expect(moved.details).toMatchObject({ event: 'deny-school-personnel', from: 'awaiting-review', to: 'denied' });
  });

  it('refuses the school-personnel letter (and so the denial) for anyone else, leaving the request as it was', async () => {
    desk = await openDesk();
    const d = desk;
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [addRecording(d.core).id] });
    expect((await d.fail('cora', 'letters.issue', { requestId: r.id, kind: 'school-personnel-denial' })).code).toBe('CONFLICT');
    expect((await d.call('cora', 'requests.get', { id: r.id })).state).toBe('received');
    expect(d.core.custody.forObject(`request:${r.id}`).some((e) => e.action === 'request-transition' || e.action === 'letter-issued')).toBe(false);
  });
});
