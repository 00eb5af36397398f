import type { DueItemInfo, ItemRetentionInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { familyOf, originalOf } from './family';
import { holdsOnFamily } from './holds';
import { DAY_MS } from './retentionSettings';
import { listRules } from './rules';
import { SCHEDULE_SELECT, scheduleOf, scheduleRow, type ScheduleRow } from './schedule';
import { tombstoneOf } from './tombstones';

/** The open batch (proposed or approved, not yet destroyed) that holds this original, if any. */
export function openBatchOf(db: Db, itemId: string): number | null {
  const r = db
    .prepare("SELECT di.batch_id FROM destruction_items di JOIN destruction_batches b ON b.id = di.batch_id WHERE di.item_id = ? AND di.state <> 'destroyed' AND b.state <> 'destroyed' LIMIT 1")
    .get(itemId) as { batch_id: number } | undefined;
  return r?.batch_id ?? null;
}

function dueInfo(core: CoreContext, row: ScheduleRow, rules: ReturnType<typeof listRules>, now: number): DueItemInfo {
  const s = scheduleOf(rules, row);
  const holds = holdsOnFamily(core, row.id);
  return {
    itemId: row.id,
    originalName: row.original_name,
    sha256: row.sha256,
    start: s.start,
    startedFrom: s.startedFrom,
    retentionDate: s.retentionDate,
    due: Date.parse(s.retentionDate) <= now,
    ruleCategory: s.rule.category,
    ruleSeries: s.rule.series,
    held: holds.length > 0,
    holds,
    batchId: openBatchOf(core.db, row.id),
    copies: familyOf(core.db, row.id).slice(1).filter((m) => m.state === 'committed').map((m) => m.id),
  };
}

/**
 * The daily review: every original recording whose retention date has passed or falls within
 * `withinDays`, oldest first, with its holds. Listing is all it does; nothing is destroyed here.
 */
export function dueList(core: CoreContext, withinDays: number): DueItemInfo[] {
  const rules = listRules(core.db);
  const now = core.clock().getTime();
  const horizon = now + withinDays * DAY_MS;
  const rows = core.db.prepare(`${SCHEDULE_SELECT} WHERE i.state = 'committed' AND i.kind = 'recording' ORDER BY i.sort_start, i.num`).all() as ScheduleRow[];
  return rows
    .filter((r) => Date.parse(scheduleOf(rules, r).retentionDate) <= horizon)
    .map((r) => dueInfo(core, r, rules, now))
    .sort((a, b) => a.retentionDate.localeCompare(b.retentionDate) || a.itemId.localeCompare(b.itemId));
}

/** One item's retention as its page shows it (a redacted copy answers for its original). */
export function itemRetention(core: CoreContext, itemId: string): ItemRetentionInfo {
  const originalId = originalOf(core.db, itemId);
  const row = scheduleRow(core.db, originalId);
  if (!row || (row.kind !== 'recording' && row.kind !== 'redacted-copy')) throw new CustodianError('NOT_FOUND', 'That recording is not in the library.', { id: itemId });
  const s = scheduleOf(listRules(core.db), row);
  return {
    itemId,
    originalId,
    rule: s.rule,
    startedFrom: s.startedFrom,
    start: s.start,
    retentionDate: s.retentionDate,
    due: Date.parse(s.retentionDate) <= core.clock().getTime(),
    why: s.why,
    holds: row.state === 'destroyed' ? [] : holdsOnFamily(core, originalId),
    batchId: openBatchOf(core.db, originalId),
    destroyed: tombstoneOf(core.db, itemId),
  };
}
