import type { ViewingInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { decisionAllows } from '../../../shared/domain/releaseOutcomes';
import type { HandlerContext } from '../callContext';
import type { Db } from '../db/database';
import type { CustodyEvent } from '../custody/custodyLog';
import type { CustodyActionCode } from '../../../shared/domain/custodyActions';
import { activeDecision, decisionById, decisionProblems, payloadOf, type DecisionRow } from './decisionStore';
import { namedRecordings, needsRedactedCopy, pendingRedactions, redactionNotRendered } from './redactions';
import { mustFindRequest, requestObjectId, type RequestRow } from './requestRows';
import { refreshSchoolPersonnel, schoolPersonnelBlocked, voidDecision } from './workflowGuard';
import { stmt } from './sqlCache';

/**
 * In-person viewing on agency premises (KRS 61.168(5)(d)): the directly involved person sees
 * the recordings the signed decision approved as they are (approve, view-only); no copy leaves.
 * A recording approved only with redaction (or view-only with masking rows) is not shown: no
 * redacted copy exists yet and the original would disclose what was redacted; ViewingInfo
 * names it in `heldBackForRedaction`. Viewing is a release path: school personnel are refused,
 * and a decision whose basis changed is voided first.
 */

export interface ViewingRow {
  id: number;
  request_id: number;
  decision_id: number;
  at: string;
  place: string;
  attendees: string;
  notes: string;
  scheduled_by: string;
  started_at: string | null;
  started_by: string | null;
  ended_at: string | null;
  ended_by: string | null;
}

export function findViewing(db: Db, id: number): ViewingRow | undefined {
  return stmt(db, 'SELECT * FROM request_viewings WHERE id = ?').get(id) as ViewingRow | undefined;
}

function mustFindViewing(db: Db, id: number): ViewingRow {
  const v = findViewing(db, id);
  if (!v) throw new CustodianError('NOT_FOUND', 'There is no such viewing appointment.', { viewingId: id });
  return v;
}

/**
 * The recordings a viewing under `d` shows: approved as they are. Those needing a redacted copy
 * are left out (when redaction rendering lands, the rendered copy from
 * redactions.renderedRedactedCopy is what would be shown here, by its own SHA-256).
 */
function shownItems(d: DecisionRow | undefined): { itemId: string; sha256: string }[] {
  if (!d) return [];
  return payloadOf(d)
    .recordings.filter((r) => decisionAllows(r.decision, 'viewing') && !needsRedactedCopy(r))
    .map((r) => ({ itemId: r.itemId, sha256: r.sha256 }));
}

/** The approved recordings a viewing under `d` does not show because their redacted copy is missing. */
function heldBackItems(d: DecisionRow | undefined): string[] {
  return d ? payloadOf(d).recordings.filter((r) => decisionAllows(r.decision, 'viewing') && needsRedactedCopy(r)).map((r) => r.itemId) : [];
}

export function viewingInfo(db: Db, v: ViewingRow): ViewingInfo {
  const decision = decisionById(db, v.decision_id);
  return {
    id: v.id,
    requestId: v.request_id,
    at: v.at,
    place: v.place,
    attendees: JSON.parse(v.attendees) as string[],
    notes: v.notes,
    scheduledBy: v.scheduled_by,
    startedAt: v.started_at,
    endedAt: v.ended_at,
    itemIds: shownItems(decision).map((i) => i.itemId),
    heldBackForRedaction: heldBackItems(decision),
  };
}

export function listViewings(db: Db, requestId: number): ViewingInfo[] {
  return (stmt(db, 'SELECT * FROM request_viewings WHERE request_id = ? ORDER BY at, id').all(requestId) as ViewingRow[]).map((v) => viewingInfo(db, v));
}

/** The signed decision that allows showing recordings now, or a refusal (voiding a stale one). */
function decisionForViewing(ctx: HandlerContext, row: RequestRow, method: string): DecisionRow {
  const school = refreshSchoolPersonnel(ctx.core, row, ctx.actor);
  if (school.schoolPersonnel) throw schoolPersonnelBlocked(row.id, method);
  const d = activeDecision(ctx.core.db, row.id);
  if (!d || d.outcome === 'denied' || !['approved', 'partially-approved', 'released'].includes(row.state)) {
    throw new CustodianError('POLICY_REFUSED', 'A viewing needs a signed legal decision approving at least one recording.', { reason: 'LEGAL_DECISION_REQUIRED', method });
  }
  const problems = decisionProblems(ctx.core, row, d);
  if (problems.length > 0 && row.state !== 'released') {
    voidDecision(ctx.core, ctx.actor, row.id, problems.join(' '), { detectedBy: method });
    throw new CustodianError('POLICY_REFUSED', `The signed decision no longer matches the recordings and was voided. ${problems.join(' ')}`, { reason: 'APPROVAL_VOID', problems });
  }
  if (problems.length > 0) {
    // Released already, so the decision stands for what went out, but it does not cover showing the recordings as they are now.
    throw new CustodianError('POLICY_REFUSED', `The recordings changed since the legal decision; a new decision is needed before another viewing. ${problems.join(' ')}`, { reason: 'DECISION_OUTDATED', problems });
  }
  if (shownItems(d).length === 0) {
    const pending = pendingRedactions(ctx.core, d);
    if (pending.length > 0) throw redactionNotRendered(ctx.core, pending, method, 'viewing');
    const held = heldBackItems(d);
    if (held.length > 0) {
      // Signed redacted copies exist, but the viewing room shows originals only (for now): say so rather than "withheld".
      throw new CustodianError('POLICY_REFUSED', `There is nothing to show at a viewing. ${namedRecordings(ctx.core.db, held)} ${held.length === 1 ? 'is' : 'are'} approved only with redaction, and a viewing does not show redacted copies yet. Release the signed redacted ${held.length === 1 ? 'copy' : 'copies'} instead.`, {
        reason: 'REDACTED_COPY_NOT_VIEWABLE',
        method,
        itemIds: held,
      });
    }
    throw new CustodianError('POLICY_REFUSED', 'The signed decision withholds every recording; there is nothing to view.', { reason: 'NOTHING_APPROVED' });
  }
  return d;
}

export function scheduleViewing(ctx: HandlerContext, input: { requestId: number; at: string; place: string; attendees: string[]; notes: string }): ViewingRow {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, input.requestId);
  const d = decisionForViewing(ctx, row, 'viewing.schedule');
  const id = core.record(actor, () => {
    const info = stmt(core.db, 'INSERT INTO request_viewings (request_id, decision_id, at, place, attendees, notes, scheduled_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(row.id, d.id, input.at, input.place, JSON.stringify(input.attendees), input.notes, actor.username);
    const viewingId = Number(info.lastInsertRowid);
    return {
      result: viewingId,
      events: [{ action: 'viewing-scheduled', objectId: requestObjectId(row.id), details: { viewingId, at: input.at, place: input.place, attendees: input.attendees, decisionId: d.id } }],
    };
  });
  return mustFindViewing(core.db, id);
}

function perItem(action: CustodyActionCode, viewingId: number, requestId: number, items: { itemId: string; sha256: string }[]): CustodyEvent[] {
  return items.map((i) => ({ action, objectId: i.itemId, objectSha256: i.sha256, details: { viewingId, requestId, mode: 'in-person, no export' } }));
}

export function startViewing(ctx: HandlerContext, viewingId: number): { viewing: ViewingInfo; recordings: { itemId: string; sha256: string }[] } {
  const { core, actor } = ctx;
  const v = mustFindViewing(core.db, viewingId);
  const row = mustFindRequest(core.db, v.request_id);
  const d = decisionForViewing(ctx, row, 'viewing.start');
  if (v.decision_id !== d.id) throw new CustodianError('CONFLICT', 'This appointment was made under an earlier decision that is no longer in force. Schedule a new viewing.');
  if (v.started_at !== null) throw new CustodianError('CONFLICT', 'This viewing has already started. Schedule another appointment for a further viewing.');
  const items = shownItems(d);
  core.record(actor, () => {
    stmt(core.db, 'UPDATE request_viewings SET started_at = ?, started_by = ? WHERE id = ? AND started_at IS NULL').run(core.clock().toISOString(), actor.username, v.id);
    return {
      result: null,
      events: [
        { action: 'viewing-started', objectId: requestObjectId(row.id), details: { viewingId: v.id, decisionId: d.id, itemIds: items.map((i) => i.itemId), heldBackForRedaction: heldBackItems(d) } },
        ...perItem('viewing-started', v.id, row.id, items),
      ],
    };
  });
  return { viewing: viewingInfo(core.db, mustFindViewing(core.db, v.id)), recordings: items };
}

export function endViewing(ctx: HandlerContext, viewingId: number, note: string | undefined): ViewingInfo {
  const { core, actor } = ctx;
  const v = mustFindViewing(core.db, viewingId);
  if (v.started_at === null) throw new CustodianError('CONFLICT', 'This viewing has not started.');
  if (v.ended_at !== null) throw new CustodianError('CONFLICT', 'This viewing has already ended.');
  const items = shownItems(decisionById(core.db, v.decision_id));
  core.record(actor, () => {
    stmt(core.db, 'UPDATE request_viewings SET ended_at = ?, ended_by = ? WHERE id = ?').run(core.clock().toISOString(), actor.username, v.id);
    return {
      result: null,
      events: [{ action: 'viewing-ended', objectId: requestObjectId(v.request_id), details: { viewingId: v.id, note: note ?? null } }, ...perItem('viewing-ended', v.id, v.request_id, items)],
    };
  });
  return viewingInfo(core.db, mustFindViewing(core.db, v.id));
}
