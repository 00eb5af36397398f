import { CustodianError, type ErrorCode } from '../../../shared/errors';
import type { Role } from '../../../shared/roles';
import { transition, type Actor as WorkflowActor, type Refusal, type RequestEvent, type WorkflowContext } from '../../../shared/domain/requestWorkflow';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import { activeDecision, decisionProblems, type DecisionRow } from './decisionStore';
import { schoolStatus, type SchoolStatus } from './requestFacts';
import { newSchoolFindings, storeSchoolFinding } from './schoolFindings';
import { findRequest, mustFindRequest, requestObjectId, setState, type RequestRow } from './requestRows';
import { dueDateIsFixed, freezeDueDate } from './requestSummary';
import { stmt } from './sqlCache';

/**
 * The request workflow (shared/domain/requestWorkflow.ts) applied to stored requests: every
 * transition goes through `transition` and becomes a custody event in the same transaction;
 * refusals on a release path are logged; approvals whose basis changed are voided.
 */

const REFUSAL_CODES: Record<Refusal['code'], ErrorCode> = {
  INVALID_TRANSITION: 'CONFLICT',
  UNKNOWN_ACTOR: 'NOT_SIGNED_IN',
  ROLE_REQUIRED: 'FORBIDDEN',
  SCHOOL_PERSONNEL_BLOCKED: 'SCHOOL_PERSONNEL_BLOCKED',
  PREPARER_UNKNOWN: 'POLICY_REFUSED',
  SEPARATION_OF_DUTIES: 'POLICY_REFUSED',
  LEGAL_DECISION_REQUIRED: 'POLICY_REFUSED',
};

export function refusal(r: Refusal, details: Record<string, unknown> = {}): CustodianError {
  return new CustodianError(REFUSAL_CODES[r.code], r.message, { reason: r.code, ...details });
}

export const SCHOOL_PERSONNEL_MESSAGE =
  'This request comes from school personnel. Department policy XVI forbids releasing SRO recordings to them (no copy, no viewing); the request can only be denied.';

export function schoolPersonnelBlocked(requestId: number, method: string): CustodianError {
  return new CustodianError('SCHOOL_PERSONNEL_BLOCKED', SCHOOL_PERSONNEL_MESSAGE, { reason: 'SCHOOL_PERSONNEL_BLOCKED', requestId, method });
}

export function workflowActorOf(ctx: HandlerContext): WorkflowActor {
  return { userId: ctx.session ? String(ctx.session.userId) : '', roles: ctx.session ? [...ctx.session.roles] : [] };
}

export function workflowContext(core: CoreContext, row: RequestRow, decision: DecisionRow | undefined = activeDecision(core.db, row.id)): WorkflowContext {
  return {
    schoolPersonnel: schoolStatus(core, row).schoolPersonnel,
    preparedBy: row.prepared_by === null ? undefined : String(row.prepared_by),
    legalDecision: decision ? { outcome: decision.outcome, decidedBy: String(decision.decided_by), signedAt: decision.signed_at } : undefined,
  };
}

/** Applies one event inside the caller's transaction; returns its custody event or throws the refusal. */
export function applyTransition(core: CoreContext, row: RequestRow, event: RequestEvent, actor: WorkflowActor, details: Record<string, unknown> = {}, ctxOverride?: Partial<WorkflowContext>): CustodyEvent {
  const result = transition(row.state, event, actor, { ...workflowContext(core, row), ...ctxOverride });
  if (!result.ok) throw refusal(result, { requestId: row.id, event, state: row.state });
  const from = row.state;
  setState(core.db, row.id, result.state);
  row.state = result.state;
  // Denied, released or closed: the due date is fixed from here on (holiday edits no longer move it).
  const fixed = dueDateIsFixed(row) && row.due_date_frozen === null ? { dueDateFixed: freezeDueDate(core, row) } : {};
  return { action: 'request-transition', objectId: requestObjectId(row.id), details: { event, from, to: result.state, ...details, ...fixed } };
}

const LOGGED_REFUSALS: ReadonlySet<ErrorCode> = new Set(['SCHOOL_PERSONNEL_BLOCKED', 'POLICY_REFUSED']);

/**
 * Runs a release-path handler; a policy refusal (school personnel, separation of duties, no
 * valid legal decision) is written to the custody log after the failed transaction rolled back.
 */
export async function guardReleasePath<T>(ctx: HandlerContext, requestId: number | null, method: string, fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CustodianError && LOGGED_REFUSALS.has(err.code)) {
      ctx.core.log(ctx.actor, {
        action: 'release-refused',
        outcome: 'refused',
        objectId: requestId === null ? null : requestObjectId(requestId),
        details: { method, code: err.code, reason: err.details?.reason ?? null, message: err.message },
      });
    }
    throw err;
  }
}

/** The actor a void runs under in the workflow: voiding an approval is always allowed (it stops a release). */
function voidingActor(actor: Actor): WorkflowActor {
  const roles = actor.role.split('+').filter((r): r is Role => r === 'custodian' || r === 'legal-reviewer' || r === 'administrator');
  const acting: Role[] = roles.includes('custodian') || roles.includes('legal-reviewer') ? roles : ['custodian'];
  return { userId: actor.userId === null ? actor.username : String(actor.userId), roles: acting };
}

/**
 * Voids the active decision of `requestId` and sends an approved request back to review, in
 * one transaction. Returns false when there was nothing to void.
 */
export function voidDecision(core: CoreContext, actor: Actor, requestId: number, reason: string, details: Record<string, unknown> = {}): boolean {
  return core.record(actor, () => {
    const row = findRequest(core.db, requestId);
    const d = row ? activeDecision(core.db, requestId) : undefined;
    if (!row || !d || (row.state !== 'approved' && row.state !== 'partially-approved')) return { result: false, events: [] };
    stmt(core.db, 'UPDATE request_decisions SET voided_at = ?, void_reason = ? WHERE id = ?').run(core.clock().toISOString(), reason, d.id);
    const events: CustodyEvent[] = [
      { action: 'approval-voided', objectId: requestObjectId(requestId), details: { decisionId: d.id, signatureSha256: d.signature_sha256, reason, ...details } },
    ];
    events.push(applyTransition(core, row, 'void-approval', voidingActor(actor), { decisionId: d.id, reason }, { legalDecision: undefined }));
    return { result: true, events };
  });
}

/**
 * Checks the approvals of every approved request linking `itemId` against the recording as it
 * is now, and voids each one whose recordings, bytes or metadata changed since signing.
 * The library's metadata handler calls this after a change; release calls it again itself.
 */
export function voidApprovalsFor(core: CoreContext, itemId: string, actor: Actor = core.systemActor()): number {
  const rows = stmt(core.db, 
      `SELECT DISTINCT r.id FROM requests r JOIN request_recordings rr ON rr.request_id = r.id
       WHERE rr.item_id = ? AND r.state IN ('approved','partially-approved')
       UNION
       SELECT DISTINCT r.id FROM requests r JOIN request_decisions d ON d.request_id = r.id JOIN request_decision_items di ON di.decision_id = d.id
       WHERE di.item_id = ? AND d.voided_at IS NULL AND r.state IN ('approved','partially-approved')`,
    )
    .all(itemId, itemId) as { id: number }[];
  let voided = 0;
  for (const { id } of rows) {
    const row = mustFindRequest(core.db, id);
    const d = activeDecision(core.db, id);
    if (!d) continue;
    const problems = decisionProblems(core, row, d);
    if (problems.length > 0 && voidDecision(core, actor, id, problems.join(' '), { itemId, automatic: true })) voided += 1;
  }
  return voided;
}

/**
 * Persists a school-personnel finding the district list now makes (e.g. a domain added after
 * intake), in its own transaction so that a refusal that follows cannot roll it back.
 */
export function refreshSchoolPersonnel(core: CoreContext, row: RequestRow, actor: Actor): SchoolStatus {
  const status = schoolStatus(core, row);
  if (newSchoolFindings(core, row, status) === null) return status;
  core.record(actor, () => {
    const event = storeSchoolFinding(core, row, status);
    if (event === null) return { result: null, events: [] };
    // An approval given before the finding cannot stand (nested: commits with the finding).
    if (status.schoolPersonnel) voidDecision(core, actor, row.id, 'The request is now identified as coming from school personnel.', { why: status.why });
    return { result: null, events: [event] };
  });
  return status;
}
