import { describe, expect, it } from 'vitest';
import type { RedactedCopyInfo, RequestDetail, SignedDecisionInfo } from '../../../shared/contract';
import { REQUEST_STATES, allowedEvents, transition, type RequestState, type Role } from '../../../shared/domain/requestWorkflow';
import { outgoingCopies, releaseBlocker, transitionBlocker, workflowButtons } from '../../../renderer/src/screens/requests/releaseReadiness';

/**
 * The request screen's "Next steps" in every workflow state: the main (primary) button is only
 * ever a step the core would accept, and a step it would refuse is disabled with the reason.
 */

const CORA = { userId: '1', roles: ['custodian'] as Role[] };
const LEE = { userId: '3', roles: ['legal-reviewer'] as Role[] };
const DECIDED_STATES: readonly RequestState[] = ['approved', 'partially-approved', 'denied', 'released', 'closed'];

function decision(over: Partial<SignedDecisionInfo> = {}): SignedDecisionInfo {
  return {
    id: 1,
    outcome: 'approved',
    decidedByUserId: 3,
    decidedBy: 'lee',
    signedAt: '2026-11-24T15:00:00Z',
    recordings: [{ itemId: 'REC-1', decision: 'approve', sha256: 'a'.repeat(64), metaSha256: 'b'.repeat(64) } as SignedDecisionInfo['recordings'][number]],
    renderedOutputs: [],
    signatureSha256: 'c'.repeat(64),
    ed25519Signature: 'sig',
    publicKey: 'key',
    voidedAt: null,
    voidReason: null,
    valid: true,
    problems: [],
    ...over,
  };
}

interface Case {
  state: RequestState;
  actor?: typeof CORA;
  schoolPersonnel?: boolean;
  recordings?: number;
  decision?: SignedDecisionInfo | null;
  warnings?: string[];
  redactedCopies?: RedactedCopyInfo[];
  answeredAt?: string | null;
}

/** A request detail as the core sends it, with `allowedEvents` from the real workflow. */
function detail(c: Case): RequestDetail {
  const actor = c.actor ?? CORA;
  const d = c.decision === undefined ? (DECIDED_STATES.includes(c.state) ? decision({ outcome: c.state === 'denied' ? 'denied' : c.state === 'partially-approved' ? 'partially-approved' : 'approved' }) : null) : c.decision;
  const schoolPersonnel = c.schoolPersonnel ?? false;
  const ctx = {
    schoolPersonnel,
    preparedBy: ['received', 'in-preparation'].includes(c.state) ? undefined : '2',
    legalDecision: d ? { outcome: d.outcome, decidedBy: String(d.decidedByUserId), signedAt: d.signedAt } : undefined,
  };
  return {
    id: 7,
    reference: 'PRR-00007',
    state: c.state,
    schoolPersonnel,
    answeredAt: c.answeredAt ?? null,
    recordings: Array.from({ length: c.recordings ?? 1 }, (_, i) => ({ itemId: `REC-${i + 1}`, sha256: 'a'.repeat(64), originalName: `AXON_${i + 1}.mp4`, recordedStart: null, school: '' })),
    decision: d,
    warnings: c.warnings ?? [],
    redactedCopies: c.redactedCopies ?? [],
    allowedEvents: allowedEvents(c.state, actor, ctx),
  } as unknown as RequestDetail;
}

/** What the core does with the step: the workflow plus the checks the handlers add (requestIntake.ts, requestRelease.ts). */
function coreAccepts(d: RequestDetail, event: string, actor = CORA): boolean {
  const ctx = { schoolPersonnel: d.schoolPersonnel, preparedBy: '2', legalDecision: d.decision ? { outcome: d.decision.outcome, decidedBy: '3', signedAt: d.decision.signedAt } : undefined };
  if (!transition(d.state, event as never, actor, ctx).ok) return false;
  if (event === 'submit-for-review' && !d.schoolPersonnel && d.recordings.length === 0) return false;
  if (event === 'release') {
    if (!d.decision || !d.decision.valid || d.decision.outcome === 'denied') return false;
    if (d.redactedCopies.some((c) => c.problem !== null)) return false;
    if (outgoingCopies(d).length === 0) return false;
  }
  return true;
}

const primaryOf = (d: RequestDetail) => workflowButtons(d).filter((b) => b.primary).map((b) => b.event);

describe('the main button in every request state', () => {
  it('is at most one, and only a step the core would accept, for every state, role and school-personnel finding', () => {
    for (const state of REQUEST_STATES) {
      for (const actor of [CORA, LEE]) {
        for (const schoolPersonnel of [false, true]) {
          for (const recordings of [0, 1]) {
            const d = detail({ state, actor, schoolPersonnel, recordings });
            const buttons = workflowButtons(d);
            expect(buttons.filter((b) => b.primary).length, `${state} ${actor.roles[0]}`).toBeLessThanOrEqual(1);
            for (const b of buttons) {
              // A blocked step says why; an unblocked one goes through.
              expect(b.blocked === null, `${state} ${b.event}`).toBe(coreAccepts(d, b.event, actor));
              if (b.primary) expect(coreAccepts(d, b.event, actor), `${state} primary ${b.event}`).toBe(true);
            }
          }
        }
      }
    }
  });

  it('received: start preparing is the main step; nothing for school personnel (the denial letter is the way)', () => {
    expect(primaryOf(detail({ state: 'received' }))).toEqual(['start-preparation']);
    expect(workflowButtons(detail({ state: 'received', schoolPersonnel: true }))).toEqual([]);
    expect(workflowButtons(detail({ state: 'received', actor: LEE }))).toEqual([]);
  });

  it('in preparation: sending to legal review is disabled, with the reason, until a recording is linked', () => {
    const empty = workflowButtons(detail({ state: 'in-preparation', recordings: 0 }));
    expect(empty).toEqual([{ event: 'submit-for-review', primary: false, blocked: 'Link the recordings this request covers before sending it to legal review.' }]);
    expect(primaryOf(detail({ state: 'in-preparation', recordings: 2 }))).toEqual(['submit-for-review']);
    expect(workflowButtons(detail({ state: 'in-preparation', schoolPersonnel: true }))).toEqual([]);
  });

  it('awaiting review: no workflow button is the main one (the sign-off panel is); nothing to return for school personnel', () => {
    const lee = workflowButtons(detail({ state: 'awaiting-review', actor: LEE }));
    expect(lee).toEqual([{ event: 'return-for-changes', primary: false, blocked: null }]);
    expect(workflowButtons(detail({ state: 'awaiting-review' }))).toEqual([]);
    expect(workflowButtons(detail({ state: 'awaiting-review', actor: LEE, schoolPersonnel: true }))).toEqual([]);
  });

  it('approved: release is the main step only when the core would release', () => {
    expect(primaryOf(detail({ state: 'approved' }))).toEqual(['release']);
    expect(workflowButtons(detail({ state: 'approved' })).map((b) => b.event)).toEqual(['void-approval', 'release']);

    const invalid = workflowButtons(detail({ state: 'approved', decision: decision({ valid: false, problems: ['AXON_1.mp4 changed since signing.'] }) }));
    expect(invalid.find((b) => b.event === 'release')).toEqual({ event: 'release', primary: false, blocked: 'The signed decision no longer holds: AXON_1.mp4 changed since signing.' });

    const copyPending: RedactedCopyInfo = { itemId: 'REC-1', copyItemId: null, sha256: null, renderId: null, check: null, signed: false, problem: 'The redacted copy of AXON_1.mp4 has not been rendered.' };
    const pending = workflowButtons(detail({ state: 'approved', decision: decision({ recordings: [{ itemId: 'REC-1', decision: 'approve-redacted', sha256: 'a'.repeat(64), metaSha256: 'b'.repeat(64) } as SignedDecisionInfo['recordings'][number]] }), redactedCopies: [copyPending] }));
    expect(pending.find((b) => b.event === 'release')).toMatchObject({ primary: false, blocked: copyPending.problem });

    const warned = workflowButtons(detail({ state: 'approved', warnings: ['Approved only with redaction, and the signed decision names no redacted copy that can go out: X. The request cannot be released, and …'] }));
    expect(warned.find((b) => b.event === 'release')?.primary).toBe(false);
    expect(workflowButtons(detail({ state: 'approved', actor: LEE }))).toEqual([{ event: 'void-approval', primary: false, blocked: null }]);
  });

  it('partially approved for viewing only: release is disabled (no copy goes out); a viewing is the way', () => {
    const viewOnly = decision({ outcome: 'partially-approved', recordings: [{ itemId: 'REC-1', decision: 'view-only', sha256: 'a'.repeat(64), metaSha256: 'b'.repeat(64) } as SignedDecisionInfo['recordings'][number]] });
    const release = workflowButtons(detail({ state: 'partially-approved', decision: viewOnly })).find((b) => b.event === 'release')!;
    expect(release.primary).toBe(false);
    expect(release.blocked).toMatch(/approves no copy/);
    expect(primaryOf(detail({ state: 'partially-approved' }))).toEqual(['release']);
  });

  it('denied: closing is the main step once the written answer is out; released: closing is; closed: nothing', () => {
    expect(workflowButtons(detail({ state: 'denied' }))).toEqual([{ event: 'close', primary: false, blocked: null }]);
    expect(primaryOf(detail({ state: 'denied', answeredAt: '2026-11-25T15:00:00Z' }))).toEqual(['close']);
    // School personnel: the denial letter denied it (and answered it); closing is all that is left.
    expect(primaryOf(detail({ state: 'denied', schoolPersonnel: true, decision: null, answeredAt: '2026-11-25T15:00:00Z' }))).toEqual(['close']);
    expect(primaryOf(detail({ state: 'released', answeredAt: '2026-11-25T15:00:00Z' }))).toEqual(['close']);
    expect(workflowButtons(detail({ state: 'closed' }))).toEqual([]);
  });
});

describe('releaseBlocker', () => {
  it('names each reason the core refuses a release, and none when it would go through', () => {
    expect(releaseBlocker(detail({ state: 'approved', schoolPersonnel: true }))).toMatch(/school personnel/);
    expect(releaseBlocker(detail({ state: 'approved', decision: null }))).toMatch(/No signed legal decision/);
    expect(releaseBlocker(detail({ state: 'denied' }))).toMatch(/No signed legal decision approves a release/);
    expect(releaseBlocker(detail({ state: 'approved', decision: decision({ valid: false, problems: ['Changed.'] }) }))).toBe('The signed decision no longer holds: Changed.');
    expect(releaseBlocker(detail({ state: 'approved' }))).toBeNull();
    expect(transitionBlocker(detail({ state: 'approved' }), 'void-approval')).toBeNull();
  });
});
