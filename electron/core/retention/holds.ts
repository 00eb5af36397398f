import { STATE_LABELS } from '../../../shared/domain/decisionLabels';
import type { RequestState } from '../../../shared/domain/requestWorkflow';
import type { HoldInfo, HoldKind } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { Db } from '../db/database';
import { familyOf, originalOf } from './family';
import { DAY_MS, appealDays } from './retentionSettings';

/**
 * Holds. A recording linked to an open records request is held automatically until the
 * request is closed and its appeal window has passed (retentionSettings.ts); investigation,
 * litigation and complaint holds are placed and lifted by hand with a reason. A hold on any
 * member of a family (a redacted copy linked to a request) holds the original and so all of it.
 */

interface HoldRow {
  id: number;
  item_id: string;
  kind: HoldKind;
  reason: string;
  placed_at: string;
  placed_by: string;
  lifted_at: string | null;
}

function manualInfo(db: Db, r: HoldRow): HoldInfo {
  return { id: r.id, itemId: r.item_id, originalId: originalOf(db, r.item_id), kind: r.kind, reason: r.reason, placedAt: r.placed_at, placedBy: r.placed_by, requestId: null, until: null };
}

export function requestReference(id: number): string {
  return `PRR-${String(id).padStart(5, '0')}`;
}

/** When the request was closed, from its custody entries (the log is the record). */
function closedAt(db: Db, requestId: number): string | null {
  const r = db
    .prepare("SELECT at FROM custody_log WHERE object_id = ? AND action = 'request-transition' AND json_extract(details, '$.to') = 'closed' ORDER BY seq DESC LIMIT 1")
    .get(`request:${requestId}`) as { at: string } | undefined;
  return r?.at ?? null;
}

/** The automatic holds on one item: every linked request not closed, or closed less than the appeal window ago. */
function requestHolds(core: CoreContext, itemId: string, originalId: string): HoldInfo[] {
  const rows = core.db
    .prepare('SELECT r.id, r.state, rr.added_at, rr.added_by FROM request_recordings rr JOIN requests r ON r.id = rr.request_id WHERE rr.item_id = ? ORDER BY r.id')
    .all(itemId) as { id: number; state: string; added_at: string; added_by: string }[];
  const now = core.clock().getTime();
  const days = appealDays(core.db);
  const out: HoldInfo[] = [];
  for (const r of rows) {
    const base = { id: null, itemId, originalId, kind: 'request' as const, placedAt: r.added_at, placedBy: r.added_by, requestId: r.id };
    if (r.state !== 'closed') {
      out.push({ ...base, reason: `Linked to records request ${requestReference(r.id)}, which is not closed yet (${(STATE_LABELS[r.state as RequestState] ?? r.state).toLowerCase()}); held until it is closed and its ${days}-day appeal window has passed.`, until: null });
      continue;
    }
    const closed = closedAt(core.db, r.id);
    const until = closed ? new Date(Date.parse(closed) + days * DAY_MS).toISOString() : null;
    if (until === null || Date.parse(until) > now) {
      out.push({ ...base, reason: `Records request ${requestReference(r.id)} was closed${closed ? ` on ${closed.slice(0, 10)}` : ''}; held through its ${days}-day appeal window.`, until });
    }
  }
  return out;
}

export function manualHoldsOf(db: Db, itemId: string): HoldInfo[] {
  return (db.prepare('SELECT * FROM retention_holds WHERE item_id = ? AND lifted_at IS NULL ORDER BY id').all(itemId) as HoldRow[]).map((r) => manualInfo(db, r));
}

/** Every open hold that keeps this original (on it or on any of its redacted copies). */
export function holdsOnFamily(core: CoreContext, originalId: string): HoldInfo[] {
  return familyOf(core.db, originalId).flatMap((m) => [...manualHoldsOf(core.db, m.id), ...requestHolds(core, m.id, originalId)]);
}

/** Every open hold in the library: manual ones and the automatic request holds. */
export function listHolds(core: CoreContext): HoldInfo[] {
  const manual = (core.db.prepare('SELECT * FROM retention_holds WHERE lifted_at IS NULL ORDER BY id').all() as HoldRow[]).map((r) => manualInfo(core.db, r));
  const linked = core.db.prepare("SELECT DISTINCT rr.item_id FROM request_recordings rr JOIN items i ON i.id = rr.item_id WHERE i.state = 'committed' ORDER BY rr.item_id").all() as { item_id: string }[];
  return [...manual, ...linked.flatMap((l) => requestHolds(core, l.item_id, originalOf(core.db, l.item_id)))];
}

function liveItem(db: Db, itemId: string): { id: string; sha256: string; kind: string } {
  const it = db.prepare("SELECT id, sha256, kind, state FROM items WHERE id = ?").get(itemId) as { id: string; sha256: string; kind: string; state: string } | undefined;
  if (!it || (it.kind !== 'recording' && it.kind !== 'redacted-copy')) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id: itemId });
  if (it.state === 'destroyed') throw new CustodianError('CONFLICT', `Recording ${itemId} was already destroyed under the retention schedule; there is nothing left to hold.`, { id: itemId });
  if (it.state !== 'committed') throw new CustodianError('CONFLICT', `Recording ${itemId} is not in the library yet.`, { id: itemId });
  return it;
}

export function placeHold(core: CoreContext, actor: Actor, input: { itemId: string; kind: HoldKind; reason: string }): HoldInfo {
  return core.record(actor, () => {
    const it = liveItem(core.db, input.itemId);
    const original = originalOf(core.db, it.id);
    const destroying = core.db.prepare("SELECT batch_id FROM destruction_items WHERE item_id = ? AND state = 'destroying'").get(original) as { batch_id: number } | undefined;
    if (destroying) throw new CustodianError('CONFLICT', `Recording ${original} is being destroyed under approved batch ${destroying.batch_id}; a hold can no longer stop it.`, { id: original });
    const at = core.clock().toISOString();
    const id = Number(core.db.prepare('INSERT INTO retention_holds (item_id, kind, reason, placed_at, placed_by) VALUES (?, ?, ?, ?, ?)').run(it.id, input.kind, input.reason, at, actor.username).lastInsertRowid);
    const hold: HoldInfo = { id, itemId: it.id, originalId: original, kind: input.kind, reason: input.reason, placedAt: at, placedBy: actor.username, requestId: null, until: null };
    return { result: hold, events: [{ action: 'hold-placed', objectId: it.id, objectSha256: it.sha256, details: { holdId: id, kind: input.kind, reason: input.reason, originalId: original } }] };
  });
}

export function liftHold(core: CoreContext, actor: Actor, input: { holdId: number; reason: string }): void {
  core.record(actor, () => {
    const h = core.db.prepare('SELECT * FROM retention_holds WHERE id = ?').get(input.holdId) as HoldRow | undefined;
    if (!h) throw new CustodianError('NOT_FOUND', `There is no hold ${input.holdId}. Automatic holds from a records request end when the request is closed and its appeal window has passed.`);
    if (h.lifted_at) throw new CustodianError('CONFLICT', `Hold ${input.holdId} was already released.`);
    const at = core.clock().toISOString();
    core.db.prepare('UPDATE retention_holds SET lifted_at = ?, lifted_by = ?, lift_reason = ? WHERE id = ?').run(at, actor.username, input.reason, h.id);
    const sha = (core.db.prepare('SELECT sha256 FROM items WHERE id = ?').get(h.item_id) as { sha256: string }).sha256;
    return { result: null, events: [{ action: 'hold-released', objectId: h.item_id, objectSha256: sha, details: { holdId: h.id, kind: h.kind, placedReason: h.reason, reason: input.reason } }] };
  });
}
