import type { ParsedInput } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { delayedDueDate } from '../../../shared/domain/deadlines';
import { decisionAllows } from '../../../shared/domain/releaseOutcomes';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import { activeDecision, decisionProblems, payloadOf, type DecisionRow } from './decisionStore';
import { deadlineContext, todayLocal } from './deadlineClock';
import { mustFindRequest, reference, requestObjectId, type RequestRow } from './requestRows';
import { needsRedactedCopy, pendingRedactions, redactionNotRendered, renderedRedactedCopy } from './redactions';
import { dueDateOf, isAnswered } from './requestSummary';
import { applyTransition, refreshSchoolPersonnel, schoolPersonnelBlocked, voidDecision, workflowActorOf } from './workflowGuard';
import { stmt } from './sqlCache';

/**
 * The one gate every release path passes (release now; export packages later): not school
 * personnel, a signed decision in force whose recordings, bytes and metadata are unchanged
 * since signing (otherwise it is voided here and the request goes back to review), signed by
 * someone other than the preparer, and no recording approved only with redaction lacking its
 * rendered redacted copy (the original would disclose what was redacted). Returns the decision
 * to release under.
 */
export function assertReleasable(core: CoreContext, actor: Actor, row: RequestRow, method: string): DecisionRow {
  if (refreshSchoolPersonnel(core, row, actor).schoolPersonnel) throw schoolPersonnelBlocked(row.id, method);
  const d = activeDecision(core.db, row.id);
  if (!d || d.outcome === 'denied') {
    throw new CustodianError('POLICY_REFUSED', 'Nothing is released without a signed legal decision approving it (department policy XVI).', { reason: 'LEGAL_DECISION_REQUIRED', method });
  }
  const problems = decisionProblems(core, row, d);
  if (problems.length > 0) {
    voidDecision(core, actor, row.id, problems.join(' '), { detectedBy: method });
    throw new CustodianError('POLICY_REFUSED', `The signed decision no longer matches the recordings, so it was voided and the request is back with the legal reviewer. ${problems.join(' ')}`, {
      reason: 'APPROVAL_VOID',
      problems,
    });
  }
  const pending = pendingRedactions(core, d);
  if (pending.length > 0) throw redactionNotRendered(core, pending, method);
  return d;
}

/** "Release" for now: records the approved set as released (export packages come later). */
export function releaseRequest(ctx: HandlerContext, id: number): void {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, id);
  const d = assertReleasable(core, actor, row, 'requests.release');
  // Only decisions that mean a copy go out (shared/domain/releaseOutcomes.ts): a view-only
  // recording is shown at a viewing and never copied. A recording approved with redaction goes
  // out as the rendered copy the legal reviewer signed, never as the original (assertReleasable
  // refused the release above if that copy is missing or a newer render voided the approval).
  const copies = payloadOf(d).recordings.filter((r) => decisionAllows(r.decision, 'copy'));
  if (copies.length === 0) {
    throw new CustodianError('POLICY_REFUSED', 'Nothing was released. The legal decision approves no copy: a view-only recording is shown at an in-person viewing on agency premises (KRS 61.168(5)(d)), never handed over. Schedule a viewing instead.', {
      reason: 'NO_COPY_APPROVED',
      method: 'requests.release',
    });
  }
  const released = copies.map((r) => {
    if (!needsRedactedCopy(r)) return { itemId: r.itemId, sha256: r.sha256, decision: r.decision };
    const copy = renderedRedactedCopy(core, d, r, { rehash: true });
    if (!copy) throw redactionNotRendered(core, [r], 'requests.release');
    return { itemId: r.itemId, sha256: copy.sha256, decision: r.decision, originalSha256: r.sha256, copyItemId: copy.itemId };
  });
  core.record(actor, () => {
    const fresh = mustFindRequest(core.db, id);
    if (activeDecision(core.db, id)?.id !== d.id) throw new CustodianError('CONFLICT', 'The decision changed while releasing. Look at the request again.');
    const events: CustodyEvent[] = [applyTransition(core, fresh, 'release', workflowActorOf(ctx), { decisionId: d.id })];
    const now = core.clock().toISOString();
    stmt(core.db, 'INSERT INTO request_releases (request_id, decision_id, released_at, released_by, released_by_id, items) VALUES (?, ?, ?, ?, ?, ?)').run(id, d.id, now, actor.username, actor.userId, JSON.stringify(released));
    stmt(core.db, 'UPDATE requests SET released_at = ?, released_by = ?, answered_at = COALESCE(answered_at, ?) WHERE id = ?').run(now, actor.username, now, id);
    events.push({ action: 'request-released', objectId: requestObjectId(id), details: { reference: reference(id), decisionId: d.id, signatureSha256: d.signature_sha256, items: released } });
    for (const r of released) {
      if (!r.copyItemId) {
        events.push({ action: 'released', objectId: r.itemId, objectSha256: r.sha256, details: { requestId: id, decisionId: d.id, decision: r.decision } });
        continue;
      }
      // What went out is the signed redacted copy: "released" is on the copy; the original records that its copy went.
      events.push({ action: 'released', objectId: r.copyItemId, objectSha256: r.sha256, details: { requestId: id, decisionId: d.id, decision: r.decision, redactedCopyOf: r.itemId, originalSha256: r.originalSha256 } });
      events.push({ action: 'redacted-copy-released', objectId: r.itemId, objectSha256: r.originalSha256, details: { requestId: id, decisionId: d.id, decision: r.decision, copyItemId: r.copyItemId, copySha256: r.sha256 } });
    }
    return { result: null, events };
  });
}

/** KRS 61.872(5): records the delay, moving the due date; the caller issues the notice letter. */
export function recordDelay(ctx: HandlerContext, input: ParsedInput<'requests.delay'>): void {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, input.id);
  if (row.state === 'released' || row.state === 'closed' || row.state === 'denied') throw new CustodianError('CONFLICT', `The request is already ${row.state}; no delay notice is needed.`);
  // The written answer went out, so the clock stopped and the due date is fixed.
  if (isAnswered(row)) throw new CustodianError('CONFLICT', 'The request has already been answered in writing; no delay notice is needed.', { reason: 'ALREADY_ANSWERED' });
  const options = deadlineContext(core, [row.received_at]);
  const original = dueDateOf(core, row, options);
  const today = todayLocal(core);
  const result = delayedDueDate({ originalDueDate: original, earliestAvailableDate: input.earliestAvailable, noticeDate: today, explanation: input.explanation }, options.holidays ?? []);
  if (!result.ok) throw new CustodianError(result.code === 'NOTICE_LATE' ? 'CONFLICT' : 'BAD_INPUT', result.message, { reason: result.code });
  core.record(actor, () => {
    stmt(core.db, 'UPDATE requests SET delay_until = ?, delay_original_due = ?, delay_explanation = ?, delay_notice_date = ? WHERE id = ?')
      .run(result.dueDate, original, input.explanation, today, row.id);
    return {
      result: null,
      events: [{ action: 'request-delayed', objectId: requestObjectId(row.id), details: { originalDueDate: original, newDueDate: result.dueDate, noticeDate: today, explanation: input.explanation } }],
    };
  });
}
