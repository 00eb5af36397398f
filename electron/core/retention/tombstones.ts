import type { TombstoneInfo } from '../../../shared/contract';
import type { Db } from '../db/database';

interface TombstoneRow {
  item_id: string;
  sha256: string;
  size: number;
  kind: string;
  parent_item_id: string | null;
  recorded_start: string | null;
  ingested_at: string;
  retention_date: string | null;
  rule_category: string;
  rule_series: string;
  batch_id: number;
  proposed_by: string;
  approved_by: string;
  destroyed_at: string;
}

function toInfo(r: TombstoneRow): TombstoneInfo {
  return {
    itemId: r.item_id,
    sha256: r.sha256,
    size: r.size,
    kind: r.kind,
    parentItemId: r.parent_item_id,
    recordedStart: r.recorded_start,
    ingestedAt: r.ingested_at,
    retentionDate: r.retention_date,
    ruleCategory: r.rule_category,
    ruleSeries: r.rule_series,
    batchId: r.batch_id,
    proposedBy: r.proposed_by,
    approvedBy: r.approved_by,
    destroyedAt: r.destroyed_at,
  };
}

export function listTombstones(db: Db, batchId?: number): TombstoneInfo[] {
  const rows = batchId === undefined
    ? (db.prepare('SELECT * FROM tombstones ORDER BY destroyed_at DESC, item_id').all() as TombstoneRow[])
    : (db.prepare('SELECT * FROM tombstones WHERE batch_id = ? ORDER BY item_id').all(batchId) as TombstoneRow[]);
  return rows.map(toInfo);
}

/** One item's tombstone, with what its page shows besides: the file name, the approval time, who destroyed it and the certificate. */
export function tombstoneOf(db: Db, itemId: string): TombstoneInfo | null {
  const r = db
    .prepare(
      `SELECT t.*, i.original_name, b.approved_at, b.certificate_item_id,
         (SELECT c.username FROM custody_log c WHERE c.object_id = t.item_id AND c.action = 'item-destroyed' ORDER BY c.seq DESC LIMIT 1) AS destroyed_by
       FROM tombstones t JOIN items i ON i.id = t.item_id LEFT JOIN destruction_batches b ON b.id = t.batch_id WHERE t.item_id = ?`,
    )
    .get(itemId) as (TombstoneRow & { original_name: string; approved_at: string | null; certificate_item_id: string | null; destroyed_by: string | null }) | undefined;
  if (!r) return null;
  return { ...toInfo(r), originalName: r.original_name, approvedAt: r.approved_at, destroyedBy: r.destroyed_by, certificateItemId: r.certificate_item_id };
}

/** What fixity and custody verification name: each destroyed item and whether the log holds its destruction. */
export function destroyedRefs(db: Db, ids?: readonly string[]): { id: string; sha256: string; destroyedAt: string; batchId: number; logged: boolean }[] {
  const wanted = ids ? new Set(ids) : null;
  const logged = db.prepare("SELECT 1 FROM custody_log WHERE object_id = ? AND action = 'item-destroyed' LIMIT 1");
  return listTombstones(db)
    .filter((t) => !wanted || wanted.has(t.itemId))
    .map((t) => ({ id: t.itemId, sha256: t.sha256, destroyedAt: t.destroyedAt, batchId: t.batchId, logged: logged.get(t.itemId) !== undefined }));
}
