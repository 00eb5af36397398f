/**
 * The life of a records request, as a pure state machine. The hard rules of department policy
 * XVI live here so that every path (UI, IPC, CLI) refuses the same way:
 * - a request from school personnel can be denied and closed, never approved or released; the
 *   denial is forced, so issuing the school-personnel denial letter denies it from any open state;
 * - nothing is released without a signed legal decision ("Custodian of records will not
 *   release without a proper review by legal authority");
 * - whoever prepared a release cannot approve it.
 *
 * A delay notice under KRS 61.872(5) is a flag on the request with a new due date (see
 * deadlines.ts), not a state: the request stays wherever it is in this flow.
 */

export const REQUEST_STATES = [
  'received',
  'in-preparation',
  'awaiting-review',
  'approved',
  'partially-approved',
  'denied',
  'released',
  'closed',
] as const;
export type RequestState = (typeof REQUEST_STATES)[number];

export const ROLES = ['custodian', 'legal-reviewer', 'administrator'] as const;
export type Role = (typeof ROLES)[number];

export const REQUEST_EVENTS = [
  'start-preparation',
  'submit-for-review',
  'return-for-changes',
  'approve',
  'approve-partially',
  'deny',
  'deny-school-personnel',
  'void-approval',
  'release',
  'close',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];

export interface EventRule {
  from: readonly RequestState[];
  to: RequestState;
  /** Any one of these roles may perform the event. Administrators hold none of them by default. */
  roles: readonly Role[];
  label: string;
}

export const EVENT_RULES: Readonly<Record<RequestEvent, EventRule>> = {
  'start-preparation': { from: ['received'], to: 'in-preparation', roles: ['custodian'], label: 'Start preparing' },
  'submit-for-review': {
    from: ['in-preparation'],
    to: 'awaiting-review',
    roles: ['custodian'],
    label: 'Send to legal review',
  },
  'return-for-changes': {
    from: ['awaiting-review'],
    to: 'in-preparation',
    roles: ['legal-reviewer'],
    label: 'Return for changes',
  },
  approve: { from: ['awaiting-review'], to: 'approved', roles: ['legal-reviewer'], label: 'Approve release' },
  'approve-partially': {
    from: ['awaiting-review'],
    to: 'partially-approved',
    roles: ['legal-reviewer'],
    label: 'Approve partial release',
  },
  deny: { from: ['awaiting-review'], to: 'denied', roles: ['legal-reviewer'], label: 'Deny' },
  // Policy XVI forces the outcome: issuing the school-personnel denial letter is the denial
  // (letterService applies this event with the letter); it needs no legal review.
  'deny-school-personnel': {
    from: ['received', 'in-preparation', 'awaiting-review'],
    to: 'denied',
    roles: ['custodian'],
    label: 'Deny (school personnel)',
  },
  // Either role may pull an approval back before release: stopping a release is always safe.
  'void-approval': {
    from: ['approved', 'partially-approved'],
    to: 'awaiting-review',
    roles: ['custodian', 'legal-reviewer'],
    label: 'Void approval',
  },
  release: { from: ['approved', 'partially-approved'], to: 'released', roles: ['custodian'], label: 'Release' },
  close: { from: ['released', 'denied'], to: 'closed', roles: ['custodian'], label: 'Close' },
};

export type DecisionOutcome = 'approved' | 'partially-approved' | 'denied';

/** The signed decision the legal reviewer recorded; the caller stores it with the request. */
export interface LegalDecision {
  outcome: DecisionOutcome;
  decidedBy: string;
  /** ISO 8601 instant of the signature. */
  signedAt: string;
}

export interface WorkflowContext {
  /** From `detectSchoolPersonnel`; required so no caller can forget it. */
  schoolPersonnel: boolean;
  /** The user who sent the package to review (recorded on `submit-for-review`). */
  preparedBy?: string;
  legalDecision?: LegalDecision;
}

export interface Actor {
  userId: string;
  roles: readonly Role[];
}

export type RefusalCode =
  | 'INVALID_TRANSITION'
  | 'UNKNOWN_ACTOR'
  | 'ROLE_REQUIRED'
  | 'SCHOOL_PERSONNEL_BLOCKED'
  | 'PREPARER_UNKNOWN'
  | 'SEPARATION_OF_DUTIES'
  | 'LEGAL_DECISION_REQUIRED';

export interface Refusal {
  code: RefusalCode;
  message: string;
}

export type TransitionResult = { ok: true; state: RequestState } | ({ ok: false } & Refusal);

/** The decision an event records, for the caller to store as `legalDecision`. */
export function decisionOf(event: RequestEvent): DecisionOutcome | null {
  if (event === 'approve') return 'approved';
  if (event === 'approve-partially') return 'partially-approved';
  if (event === 'deny') return 'denied';
  return null;
}

export function isTerminal(state: RequestState): boolean {
  return state === 'closed';
}

function refuse(code: RefusalCode, message: string): TransitionResult {
  return { ok: false, code, message };
}

function isKnown<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

export function transition(
  state: RequestState,
  event: RequestEvent,
  actor: Actor,
  ctx: WorkflowContext,
): TransitionResult {
  // Callers such as the CLI pass strings through; refuse rather than trust the type.
  if (!isKnown(REQUEST_STATES, state) || !isKnown(REQUEST_EVENTS, event)) {
    return refuse('INVALID_TRANSITION', `Unknown request state or action: ${String(state)} / ${String(event)}.`);
  }
  const rule = EVENT_RULES[event];
  if (!rule.from.includes(state)) {
    return refuse('INVALID_TRANSITION', `"${rule.label}" is not possible while the request is ${state}.`);
  }
  if (actor.userId.trim() === '') {
    return refuse('UNKNOWN_ACTOR', 'No signed-in user is attached to this action.');
  }
  if (!rule.roles.some((r) => actor.roles.includes(r))) {
    return refuse('ROLE_REQUIRED', `"${rule.label}" needs the ${rule.roles.join(' or ')} role.`);
  }

  if (event === 'deny-school-personnel' && !ctx.schoolPersonnel) {
    return refuse('INVALID_TRANSITION', 'This request has not been identified as coming from school personnel; a denial needs legal review.');
  }

  const releasing = event === 'approve' || event === 'approve-partially' || event === 'release';
  if (releasing && ctx.schoolPersonnel) {
    return refuse(
      'SCHOOL_PERSONNEL_BLOCKED',
      'This request comes from school personnel. Department policy XVI forbids releasing SRO recordings to them; the request can only be denied.',
    );
  }

  if (event === 'approve' || event === 'approve-partially') {
    if (ctx.preparedBy === undefined || ctx.preparedBy.trim() === '') {
      return refuse('PREPARER_UNKNOWN', 'The request has no recorded preparer, so the approval cannot be checked against it.');
    }
    if (ctx.preparedBy === actor.userId) {
      return refuse('SEPARATION_OF_DUTIES', 'You prepared this release, so someone else must approve it.');
    }
  }

  if (event === 'release') {
    const problem = decisionProblem(state, ctx);
    if (problem !== null) return refuse('LEGAL_DECISION_REQUIRED', problem);
  }

  return { ok: true, state: rule.to };
}

/** Why the recorded decision does not authorise releasing from `state`, or null when it does. */
function decisionProblem(state: RequestState, ctx: WorkflowContext): string | null {
  const d = ctx.legalDecision;
  if (d === undefined) return 'No signed legal decision is recorded for this request.';
  if (d.outcome !== state) return `The signed legal decision says "${d.outcome}", which does not match "${state}".`;
  if (d.decidedBy.trim() === '' || Number.isNaN(Date.parse(d.signedAt))) {
    return 'The legal decision is not signed (no reviewer or no signature time).';
  }
  if (ctx.preparedBy !== undefined && d.decidedBy === ctx.preparedBy) {
    return 'The legal decision was signed by the person who prepared the release.';
  }
  return null;
}

/** The events this actor could perform now; for the UI's buttons. */
export function allowedEvents(state: RequestState, actor: Actor, ctx: WorkflowContext): RequestEvent[] {
  return REQUEST_EVENTS.filter((e) => transition(state, e, actor, ctx).ok);
}
