import type { RetentionRuleInfo } from '../../../shared/contract';
import type { Db } from '../db/database';
import { DAY_MS } from './retentionSettings';
import { ruleFor } from './rules';

/** When an original's retention ends and why: the rule of its categories, from the recorded start (or the ingest time when that is unknown). */
export interface ScheduleFacts {
  rule: RetentionRuleInfo;
  start: string;
  startedFrom: 'recorded start' | 'ingest time';
  retentionDate: string;
  why: string;
}

export interface ScheduleInput {
  recorded_start: string | null;
  ingested_at: string;
  categories: string | null;
}

export function scheduleOf(rules: readonly RetentionRuleInfo[], row: ScheduleInput): ScheduleFacts {
  let categories: string[] = [];
  try {
    const parsed: unknown = JSON.parse(row.categories ?? '[]');
    if (Array.isArray(parsed)) categories = parsed.filter((c): c is string => typeof c === 'string');
  } catch {
    categories = [];
  }
  const rule = ruleFor(rules, categories);
  const recorded = row.recorded_start && !Number.isNaN(Date.parse(row.recorded_start)) ? row.recorded_start : null;
  const start = recorded ?? row.ingested_at;
  const startedFrom = recorded ? 'recorded start' : 'ingest time';
  const retentionDate = new Date(Date.parse(start) + rule.days * DAY_MS).toISOString();
  const why = `${rule.days} days from the ${startedFrom}${recorded ? '' : ' (the recorded start is not known)'}, under ${rule.series} ${rule.title}${rule.isDefault ? '' : ` (category "${rule.category}")`}: ${rule.scheduleText}`;
  return { rule, start, startedFrom, retentionDate, why };
}

export const SCHEDULE_SELECT = `SELECT i.id, i.sha256, i.size, i.original_name, i.ingested_at, i.state, i.kind, m.recorded_start, m.categories
  FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id`;

export interface ScheduleRow extends ScheduleInput {
  id: string;
  sha256: string;
  size: number;
  original_name: string;
  state: string;
  kind: string;
}

export function scheduleRow(db: Db, id: string): ScheduleRow | undefined {
  return db.prepare(`${SCHEDULE_SELECT} WHERE i.id = ?`).get(id) as ScheduleRow | undefined;
}
