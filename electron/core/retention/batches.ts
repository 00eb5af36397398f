import type { DestructionBatchInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import type { Db } from '../db/database';
import { openBatchOf } from './dueList';
import { holdsOnFamily, requestReference } from './holds';
import { listRules } from './rules';
import { scheduleOf, scheduleRow } from './schedule';

interface BatchRow {
  id: number;
  state: DestructionBatchInfo['state'];
  proposed_at: string;
  proposed_by: string;
  proposed_by_id: number | null;
  approved_at: string | null;
  approved_by: string | null;
  approved_by_id: number | null;
  destroyed_at: string | null;
  checkpoint: string | null;
  certificate_item_id: string | null;
}

export function batchRow(db: Db, id: number): BatchRow {
  const b = db.prepare('SELECT * FROM destruction_batches WHERE id = ?').get(id) as BatchRow | undefined;
  if (!b) throw new CustodianError('NOT_FOUND', `There is no destruction batch ${id}.`);
  return b;
}

export function batchInfo(core: CoreContext, id: number): DestructionBatchInfo {
  const b = batchRow(core.db, id);
  const rules = listRules(core.db);
  const items = (core.db.prepare('SELECT di.item_id, di.state, i.sha256 FROM destruction_items di JOIN items i ON i.id = di.item_id WHERE di.batch_id = ? ORDER BY di.item_id').all(id) as { item_id: string; state: 'proposed' | 'destroying' | 'destroyed'; sha256: string }[]).map((r) => {
    const row = scheduleRow(core.db, r.item_id);
    return { itemId: r.item_id, sha256: r.sha256, state: r.state, retentionDate: row ? scheduleOf(rules, row).retentionDate : null };
  });
  return { id: b.id, state: b.state, proposedAt: b.proposed_at, proposedBy: b.proposed_by, approvedAt: b.approved_at, approvedBy: b.approved_by, destroyedAt: b.destroyed_at, certificateItemId: b.certificate_item_id, items };
}

export function listBatches(core: CoreContext): DestructionBatchInfo[] {
  return (core.db.prepare('SELECT id FROM destruction_batches ORDER BY id DESC').all() as { id: number }[]).map((r) => batchInfo(core, r.id));
}

/**
 * Why this original cannot be destroyed now, or null. Checked when proposing and again, inside
 * the approving transaction, for every item of the batch (a hold placed in between wins).
 */
export function whyNotDestroyable(core: CoreContext, itemId: string, batchId: number | null): string | null {
  const row = scheduleRow(core.db, itemId);
  if (!row || row.kind !== 'recording') return `${itemId} is not an original recording in the library (a redacted copy, proxy or thumbnail goes with its original).`;
  if (row.state === 'destroyed') return `${itemId} was already destroyed.`;
  if (row.state !== 'committed') return `${itemId} is not in the library yet.`;
  const s = scheduleOf(listRules(core.db), row);
  if (Date.parse(s.retentionDate) > core.clock().getTime()) return `${itemId} must be kept until ${s.retentionDate.slice(0, 10)} (${s.rule.series}, ${s.rule.days} days from the ${s.startedFrom}).`;
  const holds = holdsOnFamily(core, itemId);
  if (holds.length > 0) {
    const h = holds[0];
    return `${itemId} is on hold: ${h.kind === 'request' && h.requestId !== null ? `${h.reason} (${requestReference(h.requestId)})` : `${h.kind} hold ${h.id}: ${h.reason}`}`;
  }
  const open = openBatchOf(core.db, itemId);
  if (open !== null && open !== batchId) return `${itemId} is already in destruction batch ${open}.`;
  return null;
}

/** A custodian proposes a batch of due originals; nothing is deleted until a second person approves it. */
export function proposeBatch(core: CoreContext, actor: Actor, itemIds: readonly string[]): DestructionBatchInfo {
  const ids = [...new Set(itemIds)];
  const id = core.record(actor, () => {
    const problems = ids.map((i) => whyNotDestroyable(core, i, null)).filter((p): p is string => p !== null);
    if (problems.length > 0) throw new CustodianError('POLICY_REFUSED', `Nothing was proposed. ${problems.join(' ')}`, { problems });
    const at = core.clock().toISOString();
    const batchId = Number(core.db.prepare("INSERT INTO destruction_batches (state, proposed_at, proposed_by, proposed_by_id) VALUES ('proposed', ?, ?, ?)").run(at, actor.username, actor.userId).lastInsertRowid);
    const ins = core.db.prepare("INSERT INTO destruction_items (batch_id, item_id, state) VALUES (?, ?, 'proposed')");
    const events: CustodyEvent[] = [{ action: 'destruction-proposed', objectId: `destruction:${batchId}`, details: { batchId, items: ids } }];
    for (const i of ids) {
      ins.run(batchId, i);
      const sha = (core.db.prepare('SELECT sha256 FROM items WHERE id = ?').get(i) as { sha256: string }).sha256;
      events.push({ action: 'destruction-proposed', objectId: i, objectSha256: sha, details: { batchId } });
    }
    return { result: batchId, events };
  });
  return batchInfo(core, id);
}

/**
 * The second person's approval (administrator or legal reviewer, password already confirmed by
 * the kernel): never the proposer. In one transaction every item is checked again and marked
 * 'destroying', so from here a hold is refused and a crash rolls the destruction forward.
 * A refusal is logged after the transaction rolled back.
 */
export function approveBatch(core: CoreContext, actor: Actor, batchId: number): void {
  try {
    core.record(actor, () => {
      const b = batchRow(core.db, batchId);
      if (b.state !== 'proposed') throw new CustodianError('CONFLICT', `Destruction batch ${batchId} was already ${b.state}.`);
      if (actor.userId !== null && b.proposed_by_id === actor.userId) {
        throw new CustodianError('POLICY_REFUSED', `You proposed destruction batch ${batchId}, so you cannot approve it. A second person (an administrator or legal reviewer) must approve it.`, { reason: 'separation-of-duties', proposedBy: b.proposed_by });
      }
      const items = (core.db.prepare("SELECT item_id FROM destruction_items WHERE batch_id = ? AND state = 'proposed' ORDER BY item_id").all(batchId) as { item_id: string }[]).map((r) => r.item_id);
      const problems = items.map((i) => whyNotDestroyable(core, i, batchId)).filter((p): p is string => p !== null);
      if (problems.length > 0) throw new CustodianError('POLICY_REFUSED', `Batch ${batchId} was not approved; nothing was destroyed. ${problems.join(' ')}`, { reason: 'not-destroyable', problems });
      core.db.prepare("UPDATE destruction_batches SET state = 'approved', approved_at = ?, approved_by = ?, approved_by_id = ? WHERE id = ?").run(core.clock().toISOString(), actor.username, actor.userId, batchId);
      core.db.prepare("UPDATE destruction_items SET state = 'destroying' WHERE batch_id = ? AND state = 'proposed'").run(batchId);
      return { result: null, events: [{ action: 'destruction-approved', objectId: `destruction:${batchId}`, details: { batchId, items, proposedBy: b.proposed_by } }] };
    });
  } catch (err) {
    if (err instanceof CustodianError && err.code === 'POLICY_REFUSED') {
      core.log(actor, { action: 'destruction-approval-refused', outcome: 'refused', objectId: `destruction:${batchId}`, details: { batchId, message: err.message, ...(err.details ?? {}) } });
    }
    throw err;
  }
}
