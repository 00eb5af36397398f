import path from 'node:path';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import { objectPath } from '../store/objectPaths';
import { batchRow } from './batches';
import { deleteVerified } from './destroyObjects';
import { derivativesOf, familyOf } from './family';
import { listRules } from './rules';
import { scheduleOf, scheduleRow } from './schedule';

/** A step of a destruction, for the fault tests (a child killed at each one). */
export type DestructionStep = 'approved' | 'file-deleted' | 'item-recorded' | 'batch-recorded' | 'certificate-stored';
export type StepObserver = (step: DestructionStep, what: string) => void;

/**
 * Destroys one original marked 'destroying' by an approval (batches.ts): deletes its object,
 * its redacted copies' objects and every derivative file, then one transaction writes a
 * tombstone and an 'item-destroyed' custody entry per item, sets them 'destroyed', drops their
 * derivative rows and search entries. Run again after a crash it finishes the job (deleting is
 * idempotent), so an item is always whole or destroyed with its tombstone.
 */
export function destroyItem(core: CoreContext, actor: Actor, batchId: number, originalId: string, onStep?: StepObserver): void {
  const members = familyOf(core.db, originalId).filter((m) => m.state !== 'destroyed');
  const derived = derivativesOf(core.db, members.map((m) => m.id));
  const files = [
    ...members.map((m) => ({ itemId: m.id, what: 'object', rel: `objects/${m.sha256}`, file: objectPath(core.paths.objects, m.sha256) })),
    ...derived.map((d) => ({ itemId: d.itemId, what: d.kind, rel: `derived/${d.path}`, file: path.join(core.paths.derived, ...d.path.split('/')) })),
  ];
  const outcomes = new Map<string, string[]>();
  for (const f of files) {
    const how = deleteVerified(f.file);
    outcomes.set(f.itemId, [...(outcomes.get(f.itemId) ?? []), `${f.what} ${f.rel} ${how}`]);
    onStep?.('file-deleted', f.rel);
  }
  const b = batchRow(core.db, batchId);
  const rules = listRules(core.db);
  const row = scheduleRow(core.db, originalId);
  const s = row ? scheduleOf(rules, row) : null;
  core.record(actor, () => {
    const at = core.clock().toISOString();
    const events: CustodyEvent[] = [];
    const tomb = core.db.prepare(
      `INSERT INTO tombstones (item_id, sha256, size, kind, parent_item_id, recorded_start, ingested_at, retention_date, rule_category, rule_series, batch_id, proposed_by, approved_by, destroyed_at, objects)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const m of members) {
      const it = core.db.prepare('SELECT i.num, i.ingested_at, i.state, m.recorded_start FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id WHERE i.id = ?').get(m.id) as { num: number; ingested_at: string; state: string; recorded_start: string | null };
      if (it.state === 'destroyed') continue;
      const objects = outcomes.get(m.id) ?? [];
      tomb.run(m.id, m.sha256, m.size, m.kind, m.parentItemId, it.recorded_start, it.ingested_at, s?.retentionDate ?? null, s?.rule.category ?? '', s?.rule.series ?? '', batchId, b.proposed_by, b.approved_by ?? '', at, JSON.stringify(objects));
      core.db.prepare('DELETE FROM derivatives WHERE item_id = ?').run(m.id);
      core.db.prepare('DELETE FROM recording_fts WHERE rowid = ?').run(it.num);
      core.db.prepare("UPDATE items SET state = 'destroyed' WHERE id = ?").run(m.id);
      events.push({
        action: 'item-destroyed',
        objectId: m.id,
        objectSha256: m.sha256,
        details: { batchId, originalId, kind: m.kind, size: m.size, retentionDate: s?.retentionDate ?? null, rule: s ? `${s.rule.series} ${s.rule.title}` : null, proposedBy: b.proposed_by, approvedBy: b.approved_by, deleted: objects },
      });
    }
    core.db.prepare("UPDATE destruction_items SET state = 'destroyed' WHERE batch_id = ? AND item_id = ?").run(batchId, originalId);
    return { result: null, events };
  });
  onStep?.('item-recorded', originalId);
}

/** Every item of the batch still 'destroying', then the batch itself: 'destroyed', with the signed checkpoint of that moment. */
export function runDestruction(core: CoreContext, actor: Actor, batchId: number, onStep?: StepObserver): void {
  const pending = (core.db.prepare("SELECT item_id FROM destruction_items WHERE batch_id = ? AND state = 'destroying' ORDER BY item_id").all(batchId) as { item_id: string }[]).map((r) => r.item_id);
  for (const id of pending) destroyItem(core, actor, batchId, id, onStep);
  const b = batchRow(core.db, batchId);
  if (b.state === 'approved') {
    const cp = core.checkpoint();
    core.record(actor, () => {
      const at = core.clock().toISOString();
      core.db.prepare("UPDATE destruction_batches SET state = 'destroyed', destroyed_at = ?, checkpoint = ? WHERE id = ? AND state = 'approved'").run(at, JSON.stringify(cp), batchId);
      const count = (core.db.prepare('SELECT COUNT(*) AS n FROM tombstones WHERE batch_id = ?').get(batchId) as { n: number }).n;
      return { result: null, events: [{ action: 'destruction-completed', objectId: `destruction:${batchId}`, details: { batchId, items: count, checkpoint: { entries: cp.entries, headHash: cp.headHash, signedAt: cp.signedAt } } }] };
    });
    onStep?.('batch-recorded', String(batchId));
  }
}
