import type { RequestDetail } from '../../../../shared/contract';
import { decisionAllows } from '../../../../shared/domain/releaseOutcomes';
import type { RequestEvent } from '../../../../shared/domain/requestWorkflow';

/** One recording that a release hands over, as the confirmation names it. */
export interface OutgoingCopy {
  itemId: string;
  name: string;
  redacted: boolean;
}

/** The copies the signed decision lets out: approved as they are, or as the signed redacted copy. */
export function outgoingCopies(d: RequestDetail): OutgoingCopy[] {
  const names = new Map(d.recordings.map((r) => [r.itemId, r.originalName]));
  return (d.decision?.recordings ?? [])
    .filter((r) => decisionAllows(r.decision, 'copy'))
    .map((r) => ({ itemId: r.itemId, name: names.get(r.itemId) ?? r.itemId, redacted: d.redactedCopies.some((c) => c.itemId === r.itemId) }));
}

/**
 * Why the core would refuse `requests.release` now, read from the request detail (the same
 * checks as requestRelease.ts: school personnel, a valid signed decision, every redacted copy
 * ready, at least one copy approved); null when release should go through.
 */
export function releaseBlocker(d: RequestDetail): string | null {
  if (d.schoolPersonnel) return 'This request comes from school personnel; department policy XVI forbids any release.';
  if (!d.decision || d.decision.outcome === 'denied') return 'No signed legal decision approves a release.';
  if (!d.decision.valid) return `The signed decision no longer holds: ${d.decision.problems.join(' ')}`;
  const pending = d.warnings.find((w) => w.includes('cannot be released'));
  if (pending) return pending;
  const notReady = d.redactedCopies.filter((c) => c.problem !== null);
  if (notReady.length > 0) return notReady.map((c) => c.problem).join(' ');
  if (outgoingCopies(d).length === 0) return 'The legal decision approves no copy (view-only recordings are shown at a viewing, never handed over).';
  return null;
}

/** Workflow steps the request screen offers as buttons (the others have their own panels: sign-off, letters). */
export type ButtonEvent = 'start-preparation' | 'submit-for-review' | 'return-for-changes' | 'void-approval' | 'release' | 'close';
const BUTTON_EVENTS: readonly ButtonEvent[] = ['start-preparation', 'submit-for-review', 'return-for-changes', 'void-approval', 'release', 'close'];
const isButtonEvent = (e: RequestEvent): e is ButtonEvent => (BUTTON_EVENTS as readonly string[]).includes(e);

/** Steps that lead nowhere for school personnel: the school-personnel denial letter is the way forward (policy XVI). */
const NOT_FOR_SCHOOL: readonly RequestEvent[] = ['start-preparation', 'submit-for-review', 'return-for-changes'];

export interface WorkflowButton {
  event: ButtonEvent;
  /** The one main step; only ever a step the core would accept now. */
  primary: boolean;
  /** Why the core would refuse the step now (the button is then disabled and says so); null when it would go through. */
  blocked: string | null;
}

/** Why the core would refuse `requests.transition` with this event now (the checks of requestIntake.ts transitionRequest), or null. */
export function transitionBlocker(d: RequestDetail, event: ButtonEvent): string | null {
  if (event === 'release') return releaseBlocker(d);
  if (event === 'submit-for-review' && !d.schoolPersonnel && d.recordings.length === 0) return 'Link the recordings this request covers before sending it to legal review.';
  return null;
}

/** The step that moves the request on in each state, when nothing blocks it. */
function mainStep(d: RequestDetail): ButtonEvent | null {
  switch (d.state) {
    case 'received':
      return 'start-preparation';
    case 'in-preparation':
      return 'submit-for-review';
    case 'approved':
    case 'partially-approved':
      return 'release';
    case 'released':
      return 'close';
    // Closing a denial before its letter would leave the requester without the written answer.
    case 'denied':
      return d.answeredAt !== null ? 'close' : null;
    // Awaiting review: the legal reviewer's sign-off panel is the main step, not a workflow button.
    case 'awaiting-review':
    case 'closed':
      return null;
  }
}

/**
 * The buttons of the request's "Next steps": one per step the core lets this user take now
 * (`allowedEvents`), each disabled with the core's reason when a check beyond the workflow
 * (linked recordings, a releasable decision) would refuse it, and at most one primary: the
 * state's main step, only when it would go through.
 */
export function workflowButtons(d: RequestDetail): WorkflowButton[] {
  const main = mainStep(d);
  return d.allowedEvents
    .filter(isButtonEvent)
    .filter((e) => !(d.schoolPersonnel && NOT_FOR_SCHOOL.includes(e)))
    .map((event) => {
      const blocked = transitionBlocker(d, event);
      return { event, blocked, primary: event === main && blocked === null };
    });
}
