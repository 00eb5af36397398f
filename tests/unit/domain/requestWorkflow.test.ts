import { describe, it, expect } from 'vitest';
import {
  EVENT_RULES,
  REQUEST_EVENTS,
  REQUEST_STATES,
  allowedEvents,
  decisionOf,
  isTerminal,
  transition,
  type Actor,
  type RequestEvent,
  type RequestState,
  type WorkflowContext,
} from '../../../shared/domain/requestWorkflow';

const custodian: Actor = { userId: 'carla', roles: ['custodian'] };
const custodian2: Actor = { userId: 'cody', roles: ['custodian'] };
const reviewer: Actor = { userId: 'lee', roles: ['legal-reviewer'] };
const admin: Actor = { userId: 'ada', roles: ['administrator'] };
const adminReviewer: Actor = { userId: 'ari', roles: ['administrator', 'legal-reviewer'] };
const both: Actor = { userId: 'bo', roles: ['custodian', 'legal-reviewer'] };

const signed = (outcome: 'approved' | 'partially-approved' | 'denied', decidedBy = 'lee') => ({
  outcome,
  decidedBy,
  signedAt: '2026-03-05T15:00:00Z',
});

const ctx: WorkflowContext = { schoolPersonnel: false, preparedBy: 'carla' };

describe('allowed transitions', () => {
  it.each<[RequestState, RequestEvent, Actor, WorkflowContext, RequestState]>([
    ['received', 'start-preparation', custodian, { schoolPersonnel: false }, 'in-preparation'],
    ['in-preparation', 'submit-for-review', custodian, { schoolPersonnel: false }, 'awaiting-review'],
    ['awaiting-review', 'return-for-changes', reviewer, ctx, 'in-preparation'],
    ['awaiting-review', 'approve', reviewer, ctx, 'approved'],
    ['awaiting-review', 'approve-partially', reviewer, ctx, 'partially-approved'],
    ['awaiting-review', 'approve', adminReviewer, ctx, 'approved'],
    ['awaiting-review', 'approve', both, ctx, 'approved'],
    ['awaiting-review', 'deny', reviewer, ctx, 'denied'],
    ['approved', 'void-approval', reviewer, ctx, 'awaiting-review'],
    ['partially-approved', 'void-approval', custodian, ctx, 'awaiting-review'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: signed('approved') }, 'released'],
    ['partially-approved', 'release', custodian2, { ...ctx, legalDecision: signed('partially-approved') }, 'released'],
    ['released', 'close', custodian, ctx, 'closed'],
    ['denied', 'close', custodian, ctx, 'closed'],
  ])('%s --%s--> (%o) → %s', (from, event, actor, context, to) => {
    expect(transition(from, event, actor, context)).toEqual({ ok: true, state: to });
  });
});

describe('refused: wrong state', () => {
  const cases: Array<[RequestState, RequestEvent]> = [];
  for (const event of REQUEST_EVENTS) {
    for (const state of REQUEST_STATES) if (!EVENT_RULES[event].from.includes(state)) cases.push([state, event]);
  }
  it.each(cases)('%s cannot take %s', (state, event) => {
    const r = transition(state, event, both, { ...ctx, preparedBy: 'someone', legalDecision: signed('approved') });
    expect(r).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('closed is terminal', () => {
    expect(isTerminal('closed')).toBe(true);
    expect(allowedEvents('closed', both, ctx)).toEqual([]);
  });
});

describe('refused: role', () => {
  it.each<[RequestState, RequestEvent, Actor]>([
    ['received', 'start-preparation', reviewer],
    ['received', 'start-preparation', admin],
    ['in-preparation', 'submit-for-review', reviewer],
    ['awaiting-review', 'approve', custodian2],
    ['awaiting-review', 'approve', admin],
    ['awaiting-review', 'approve-partially', admin],
    ['awaiting-review', 'deny', admin],
    ['awaiting-review', 'deny', custodian2],
    ['awaiting-review', 'return-for-changes', custodian],
    ['approved', 'void-approval', admin],
    ['approved', 'release', admin],
    ['approved', 'release', reviewer],
    ['released', 'close', admin],
  ])('%s / %s by %o', (state, event, actor) => {
    const r = transition(state, event, actor, { ...ctx, preparedBy: 'someone', legalDecision: signed('approved') });
    expect(r).toMatchObject({ ok: false, code: 'ROLE_REQUIRED' });
  });

  it('an administrator can do nothing to a request', () => {
    for (const state of REQUEST_STATES) expect(allowedEvents(state, admin, { ...ctx, legalDecision: signed('approved') })).toEqual([]);
  });

  it('refuses an action with no user', () => {
    expect(transition('received', 'start-preparation', { userId: ' ', roles: ['custodian'] }, ctx)).toMatchObject({
      ok: false,
      code: 'UNKNOWN_ACTOR',
    });
  });

  it('refuses unknown states and events passed as strings', () => {
    expect(transition('limbo' as RequestState, 'approve', reviewer, ctx)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
    expect(transition('received', 'teleport' as RequestEvent, reviewer, ctx)).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });
});

describe('refused: hard rules', () => {
  const school: WorkflowContext = { schoolPersonnel: true, preparedBy: 'carla', legalDecision: signed('approved') };

  it.each<[RequestState, RequestEvent, Actor, WorkflowContext, string]>([
    ['awaiting-review', 'approve', reviewer, school, 'SCHOOL_PERSONNEL_BLOCKED'],
    ['awaiting-review', 'approve-partially', reviewer, school, 'SCHOOL_PERSONNEL_BLOCKED'],
    ['approved', 'release', custodian, school, 'SCHOOL_PERSONNEL_BLOCKED'],
    ['partially-approved', 'release', custodian, { ...school, legalDecision: signed('partially-approved') }, 'SCHOOL_PERSONNEL_BLOCKED'],
    ['awaiting-review', 'approve', both, { schoolPersonnel: false, preparedBy: 'bo' }, 'SEPARATION_OF_DUTIES'],
    ['awaiting-review', 'approve-partially', both, { schoolPersonnel: false, preparedBy: 'bo' }, 'SEPARATION_OF_DUTIES'],
    ['awaiting-review', 'approve', reviewer, { schoolPersonnel: false }, 'PREPARER_UNKNOWN'],
    ['approved', 'release', custodian, ctx, 'LEGAL_DECISION_REQUIRED'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: signed('partially-approved') }, 'LEGAL_DECISION_REQUIRED'],
    ['partially-approved', 'release', custodian, { ...ctx, legalDecision: signed('approved') }, 'LEGAL_DECISION_REQUIRED'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: signed('denied') }, 'LEGAL_DECISION_REQUIRED'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: { outcome: 'approved', decidedBy: '', signedAt: '2026-03-05T15:00:00Z' } }, 'LEGAL_DECISION_REQUIRED'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: { outcome: 'approved', decidedBy: 'lee', signedAt: '' } }, 'LEGAL_DECISION_REQUIRED'],
    ['approved', 'release', custodian, { ...ctx, legalDecision: signed('approved', 'carla') }, 'LEGAL_DECISION_REQUIRED'],
  ])('%s / %s by %o → %s', (state, event, actor, context, code) => {
    const r = transition(state, event, actor, context);
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  it('a school-personnel request can still be prepared, denied and closed', () => {
    let state: RequestState = 'received';
    const steps: Array<[RequestEvent, Actor]> = [
      ['start-preparation', custodian],
      ['submit-for-review', custodian],
      ['deny', reviewer],
      ['close', custodian],
    ];
    for (const [event, actor] of steps) {
      const r = transition(state, event, actor, school);
      expect(r.ok).toBe(true);
      if (r.ok) state = r.state;
    }
    expect(state).toBe('closed');
    expect(allowedEvents('awaiting-review', reviewer, school)).toEqual(['return-for-changes', 'deny']);
  });
});

describe('helpers', () => {
  it('decisionOf', () => {
    expect(decisionOf('approve')).toBe('approved');
    expect(decisionOf('approve-partially')).toBe('partially-approved');
    expect(decisionOf('deny')).toBe('denied');
    expect(decisionOf('release')).toBeNull();
  });

  it('allowedEvents lists what the actor may do now', () => {
    expect(allowedEvents('received', custodian, ctx)).toEqual(['start-preparation']);
    expect(allowedEvents('awaiting-review', reviewer, ctx)).toEqual(['return-for-changes', 'approve', 'approve-partially', 'deny']);
    expect(allowedEvents('approved', custodian, { ...ctx, legalDecision: signed('approved') })).toEqual(['void-approval', 'release']);
    expect(allowedEvents('approved', custodian, ctx)).toEqual(['void-approval']);
  });
});
