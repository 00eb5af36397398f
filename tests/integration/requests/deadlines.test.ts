import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ensureHolidayYears } from '../../../electron/core/requests/deadlineClock';
import { PASSWORD, PUBLIC_REQUEST, addRecording, letterText, loginAll, openDesk, type Desk } from './desk';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

async function request(d: Desk, receivedAt: string, name: string): Promise<number> {
  return (await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name, receivedAt, recordingIds: [addRecording(d.core).id] })).id;
}

async function at(d: Desk, iso: string): Promise<void> {
  d.clock.set(iso);
  // Moving days ahead ends the sessions (12-hour limit), as it would for a real user.
  await loginAll(d);
}

describe('the KRS 61.880(1) clock and the dashboard', () => {
  it('counts due today and overdue across Thanksgiving 2026 in the agency time zone', async () => {
    desk = await openDesk({ now: '2026-11-25T20:00:00Z' });
    const d = desk;
    const holidays = await d.call('cora', 'holidays.list', { year: 2026 });
    expect(holidays.filter((h) => h.date === '2026-11-26' || h.date === '2026-11-27').map((h) => h.source)).toEqual(['shipped', 'shipped']);

    const friday = await request(d, '2026-11-20T15:00:00Z', 'Friday morning'); // 10:00 EST
    const late = await request(d, '2026-11-20T21:45:00Z', 'Friday after closing'); // 16:45 EST, after the 16:30 close
    const wednesday = await request(d, '2026-11-25T15:00:00Z', 'Wednesday before Thanksgiving');
    const due = async (id: number) => (await d.call('cora', 'requests.get', { id })).dueDate;
    expect(await due(friday)).toBe('2026-12-01');
    expect(await due(late)).toBe('2026-12-02');
    expect(await due(wednesday)).toBe('2026-12-04');
    await d.call('cora', 'requests.transition', { id: wednesday, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: wednesday, event: 'submit-for-review' });

    // Thanksgiving Day itself: nothing is due, three requests are open.
    await at(d, '2026-11-26T17:00:00Z');
    let dash = await d.call('lee', 'requests.dashboard', {});
    expect(dash.today).toBe('2026-11-26');
    expect(dash.dueToday).toEqual([]);
    expect(dash.overdue).toEqual([]);
    expect(dash.open).toBe(3);
    expect(dash.awaitingReview.map((r) => r.id)).toEqual([wednesday]);
    expect(dash.byStatus).toMatchObject({ received: 2, 'awaiting-review': 1, approved: 0 });

    await at(d, '2026-12-01T14:00:00Z');
    dash = await d.call('cora', 'requests.dashboard', {});
    expect(dash.dueToday.map((r) => r.id)).toEqual([friday]);
    expect(dash.overdue).toEqual([]);
    expect(dash.dueSoon.map((r) => r.id)).toEqual([late, wednesday]);

    // 22:00 EST on 1 December is 03:00 UTC on the 2nd: still "due today" in Kentucky.
    await at(d, '2026-12-02T03:00:00Z');
    dash = await d.call('cora', 'requests.dashboard', {});
    expect(dash.today).toBe('2026-12-01');
    expect(dash.dueToday.map((r) => r.id)).toEqual([friday]);

    await at(d, '2026-12-02T14:00:00Z');
    dash = await d.call('cora', 'requests.dashboard', {});
    expect(dash.overdue.map((r) => r.id)).toEqual([friday]);
    expect(dash.overdue[0].deadline).toBe('overdue');
    expect(dash.dueToday.map((r) => r.id)).toEqual([late]);

    // An acknowledgement does not stop the clock; the written answer does.
    await d.call('cora', 'letters.issue', { requestId: friday, kind: 'acknowledgement' });
    expect((await d.call('cora', 'requests.dashboard', {})).overdue.map((r) => r.id)).toEqual([friday]);
    const rec = (await d.call('cora', 'requests.get', { id: friday })).recordings[0].itemId;
    await d.call('cora', 'requests.transition', { id: friday, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: friday, event: 'submit-for-review' });
    await d.call('lee', 'requests.signOff', { id: friday, decisions: [{ itemId: rec, decision: 'approve' }], confirmPassword: PASSWORD });
    await d.call('cora', 'letters.issue', { requestId: friday, kind: 'approval' });
    dash = await d.call('cora', 'requests.dashboard', {});
    expect(dash.overdue).toEqual([]);
    expect(dash.open).toBe(2);
    expect((await d.call('cora', 'requests.list', { states: ['approved'] })).map((r) => [r.id, r.deadline])).toEqual([[friday, 'answered']]);
  });

  it('moves the due date with a delay notice, issues its letter, and refuses a late or holiday date', async () => {
    desk = await openDesk({ now: '2026-11-23T15:00:00Z' });
    const d = desk;
    const id = await request(d, '2026-11-20T15:00:00Z', 'Dana Delay');
    expect((await d.fail('cora', 'requests.delay', { id, earliestAvailable: '2026-12-25', explanation: 'The recording is on a camera dock at the substation awaiting upload.' })).details?.reason).toBe('NOT_BUSINESS_DAY');
    expect((await d.fail('cora', 'requests.delay', { id, earliestAvailable: '2026-11-30', explanation: 'In storage at the evidence annex until the archive is restored.' })).details?.reason).toBe('NOT_AFTER_ORIGINAL');
    const r = await d.call('cora', 'requests.delay', {
      id,
      earliestAvailable: '2026-12-09',
      explanation: 'The recording is in active use by the Commonwealth’s Attorney for a hearing on December 7 and will be returned to the records unit the next day.',
    });
    expect(r.request.dueDate).toBe('2026-12-09');
    expect(r.request.statutoryDueDate).toBe('2026-12-01');
    expect(r.request.delayed).toBe(true);
    expect(r.request.delay).toMatchObject({ originalDueDate: '2026-12-01', earliestAvailable: '2026-12-09', noticeDate: '2026-11-23' });
    expect(r.letter.kind).toBe('delay-notice');
    const { text } = await letterText(d, r.letter.id);
    for (const phrase of ['KRS 61.872(5)', 'December 9, 2026', 'December 1, 2026', 'active use by the Commonwealth’s Attorney']) expect(text).toContain(phrase);
    const logged = d.core.custody.forObject(`request:${id}`).find((e) => e.action === 'request-delayed')!;
    expect(logged.details).toMatchObject({ originalDueDate: '2026-12-01', newDueDate: '2026-12-09' });
    await at(d, '2026-12-02T15:00:00Z');
    expect((await d.call('cora', 'requests.dashboard', {})).overdue).toEqual([]);

    // A notice after the original due date is too late (KRS 61.872(5) notice goes out within the period).
    const other = await request(d, '2026-11-20T15:00:00Z', 'Too Late');
    expect((await d.fail('cora', 'requests.delay', { id: other, earliestAvailable: '2026-12-10', explanation: 'The archive server is being restored by the vendor.' })).details?.reason).toBe('NOTICE_LATE');
  });

  it('lets administrators edit the holiday table and the closing time, and the clock follows', async () => {
    desk = await openDesk({ now: '2026-11-24T15:00:00Z' });
    const d = desk;
    const id = await request(d, '2026-11-20T15:00:00Z', 'Snow Day');
    expect((await d.fail('cora', 'holidays.add', { date: '2026-11-30', name: 'Snow closure', kind: 'closure' })).code).toBe('FORBIDDEN');
    await d.call('admin', 'holidays.add', { date: '2026-11-30', name: 'Snow closure', kind: 'closure' });
    expect((await d.call('cora', 'requests.get', { id })).dueDate).toBe('2026-12-02');
    await d.call('admin', 'holidays.remove', { date: '2026-11-30', name: 'Snow closure' });
    expect((await d.call('cora', 'requests.get', { id })).dueDate).toBe('2026-12-01');
    expect(d.core.custody.page({ limit: 50 }).map((e) => e.action)).toEqual(expect.arrayContaining(['holiday-added', 'holiday-removed', 'holidays-seeded']));

    // 16:15 EST: inside a 16:30 close, after a 16:00 one.
    const quarterPast = await request(d, '2026-11-23T21:15:00Z', 'Quarter Past Four');
    // Counted from Mon 23: 24, 25, (Thanksgiving 26, 27), 30, 1, 2.
    expect((await d.call('cora', 'requests.get', { id: quarterPast })).dueDate).toBe('2026-12-02');
    await d.call('admin', 'deadlines.settings.set', { closingTime: '16:00' });
    expect((await d.call('cora', 'requests.get', { id: quarterPast })).dueDate).toBe('2026-12-03');
    expect((await d.fail('admin', 'deadlines.settings.set', { timeZone: 'Kentucky/Nowhere' })).code).toBe('BAD_INPUT');
    // Western Kentucky: the same instant is 15:15 CST, before closing.
    await d.call('admin', 'deadlines.settings.set', { timeZone: 'America/Chicago' });
    expect((await d.call('cora', 'requests.get', { id: quarterPast })).dueDate).toBe('2026-12-02');
  });

  it('fixes the due date once a request is answered, denied, released or closed; an open one still follows holiday edits', async () => {
    desk = await openDesk({ now: '2026-11-23T15:00:00Z' });
    const d = desk;
    // All received Friday 20 Nov 2026, 10:00 EST: due Tuesday 1 December (Thanksgiving 26-27).
    const received = '2026-11-20T15:00:00Z';
    const open = await request(d, received, 'Still Open');
    const lettered = await request(d, received, 'Answered By Letter');
    const denied = await request(d, received, 'Denied Without Letter Yet');
    const released = await request(d, received, 'Released');
    const closed = await request(d, received, 'Closed');
    const recOf = async (id: number) => (await d.call('cora', 'requests.get', { id })).recordings[0].itemId;
    const toReview = async (id: number) => {
      await d.call('carl', 'requests.transition', { id, event: 'start-preparation' });
      await d.call('carl', 'requests.transition', { id, event: 'submit-for-review' });
    };
    const withhold = async (id: number) => [
      { itemId: await recOf(id), decision: 'withhold' as const, exemptionId: 'krs-61.878-1-h', explanation: 'Release now would alert the unidentified suspect and risk destruction of the phone evidence.', reason: 'The investigation is at a stage where release would cause concrete harm.' },
    ];
    for (const id of [lettered, denied, released, closed]) await toReview(id);
    await d.call('lee', 'requests.signOff', { id: lettered, decisions: [{ itemId: await recOf(lettered), decision: 'approve' }], confirmPassword: PASSWORD });
    const approvalLetter = await d.call('cora', 'letters.issue', { requestId: lettered, kind: 'approval' });
    await d.call('lee', 'requests.signOff', { id: denied, decisions: await withhold(denied), confirmPassword: PASSWORD });
    await d.call('lee', 'requests.signOff', { id: released, decisions: [{ itemId: await recOf(released), decision: 'approve' }], confirmPassword: PASSWORD });
    await d.call('cora', 'requests.release', { id: released });
    await d.call('lee', 'requests.signOff', { id: closed, decisions: await withhold(closed), confirmPassword: PASSWORD });
    await d.call('cora', 'requests.transition', { id: closed, event: 'close' });

    const due = async (id: number) => (await d.call('cora', 'requests.get', { id })).dueDate;
    const fixed = [lettered, denied, released, closed];
    for (const id of [open, ...fixed]) expect(await due(id)).toBe('2026-12-01');
    // The date that was fixed is in the custody log with the step that fixed it.
    expect(d.core.custody.forObject(`request:${lettered}`).find((e) => e.action === 'letter-issued' && e.details.letterId === approvalLetter.letter.id)!.details.dueDateFixed).toBe('2026-12-01');
    expect(d.core.custody.forObject(`request:${denied}`).find((e) => e.action === 'request-transition' && e.details.event === 'deny')!.details.dueDateFixed).toBe('2026-12-01');

    // A snow closure on Monday 30 November and an earlier closing time: the open request moves, the others do not.
    await d.call('admin', 'holidays.add', { date: '2026-11-30', name: 'Snow closure', kind: 'closure' });
    await d.call('admin', 'holidays.add', { date: '2026-12-01', name: 'Snow closure, second day', kind: 'closure' });
    expect(await due(open)).toBe('2026-12-03');
    for (const id of fixed) {
      const r = await d.call('cora', 'requests.get', { id });
      expect([r.dueDate, r.statutoryDueDate], r.requesterName).toEqual(['2026-12-01', '2026-12-01']);
    }
    const listed = new Map((await d.call('cora', 'requests.list', {})).map((r) => [r.id, r.dueDate]));
    expect(fixed.map((id) => listed.get(id))).toEqual(['2026-12-01', '2026-12-01', '2026-12-01', '2026-12-01']);
    expect(listed.get(open)).toBe('2026-12-03');
    // Removing the closures moves the open request back; the fixed ones never moved.
    await d.call('admin', 'holidays.remove', { date: '2026-11-30' });
    await d.call('admin', 'holidays.remove', { date: '2026-12-01' });
    expect(await due(open)).toBe('2026-12-01');
    // An answered request needs no delay notice (its clock stopped).
    expect((await d.fail('cora', 'requests.delay', { id: lettered, earliestAvailable: '2026-12-09', explanation: 'The recording is in active use by the Commonwealth’s Attorney.' })).details?.reason).toBe('ALREADY_ANSWERED');
  });

  it('fixes, once, the due date of requests answered before due dates were stored', async () => {
    desk = await openDesk({ now: '2026-11-23T15:00:00Z' });
    const d = desk;
    const id = await request(d, '2026-11-20T15:00:00Z', 'Answered Long Ago');
    await d.call('carl', 'requests.transition', { id, event: 'start-preparation' });
    await d.call('carl', 'requests.transition', { id, event: 'submit-for-review' });
    await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: (await d.call('cora', 'requests.get', { id })).recordings[0].itemId, decision: 'approve' }], confirmPassword: PASSWORD });
    await d.call('cora', 'letters.issue', { requestId: id, kind: 'approval' });
    // As a database answered before migration 50 would be: answered, no stored due date.
    d.core.db.prepare('UPDATE requests SET due_date_frozen = NULL WHERE id = ?').run(id);
    await d.core.close();
    const { openCore } = await import('../../../electron/core/openCore');
    const reopened = await openCore({ dataDir: d.dataDir, clock: d.clock.fn, backgroundTasks: false });
    try {
      // The first use of the clock stores it, before any holiday edit can move it.
      ensureHolidayYears(reopened);
      const stored = () => (reopened.db.prepare('SELECT due_date_frozen FROM requests WHERE id = ?').get(id) as { due_date_frozen: string | null }).due_date_frozen;
      expect(stored()).toBe('2026-12-01');
      const fixedEntries = reopened.custody.forObject(`request:${id}`).filter((e) => e.action === 'request-due-date-fixed');
      expect(fixedEntries.map((e) => e.details.dueDate)).toEqual(['2026-12-01']);
      ensureHolidayYears(reopened);
      expect(reopened.custody.forObject(`request:${id}`).filter((e) => e.action === 'request-due-date-fixed')).toHaveLength(1);
    } finally {
      await reopened.close();
      fs.rmSync(d.dataDir, { recursive: true, force: true });
      desk = null;
    }
  });
});
