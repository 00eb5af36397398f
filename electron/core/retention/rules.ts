import type { RetentionRuleInfo } from '../../../shared/contract';
import type { Db } from '../db/database';

/**
 * Retention rules per category. The default is KDLA series L6707 for body-worn camera
 * recordings (as quoted by the Kentucky League of Cities); an agency edits it or adds a rule for
 * a category (recording_meta.categories). A recording with several ruled categories keeps the
 * longest; one with none follows the default.
 */
export const DEFAULT_CATEGORY = 'body-worn-video';
export const DEFAULT_RULE: Omit<RetentionRuleInfo, 'updatedAt' | 'updatedBy' | 'isDefault'> = {
  category: DEFAULT_CATEGORY,
  series: 'L6707',
  title: 'Body-Worn Camera Recordings',
  scheduleText:
    'Retain for 60 days, then destroy. If any investigation, litigation, or open records request involving these records is taking place or is pending, maintain until all investigative or legal activity is completed.',
  days: 60,
};

interface RuleRow {
  category: string;
  series: string;
  title: string;
  schedule_text: string;
  days: number;
  updated_at: string;
  updated_by: string;
}

function toInfo(r: RuleRow): RetentionRuleInfo {
  return { category: r.category, series: r.series, title: r.title, scheduleText: r.schedule_text, days: r.days, updatedAt: r.updated_at, updatedBy: r.updated_by, isDefault: r.category === DEFAULT_CATEGORY };
}

const BUILT_IN: RetentionRuleInfo = { ...DEFAULT_RULE, updatedAt: '', updatedBy: 'built-in (KDLA schedule)', isDefault: true };

export function listRules(db: Db): RetentionRuleInfo[] {
  const rows = (db.prepare('SELECT * FROM retention_rules ORDER BY category').all() as RuleRow[]).map(toInfo);
  return rows.some((r) => r.isDefault) ? rows : [BUILT_IN, ...rows];
}

/** Inside the caller's transaction. */
export function putRule(db: Db, r: Omit<RetentionRuleInfo, 'isDefault'>): RetentionRuleInfo {
  db.prepare(
    `INSERT INTO retention_rules (category, series, title, schedule_text, days, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(category) DO UPDATE SET series = excluded.series, title = excluded.title, schedule_text = excluded.schedule_text, days = excluded.days, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(r.category, r.series, r.title, r.scheduleText, r.days, r.updatedAt, r.updatedBy);
  return { ...r, isDefault: r.category === DEFAULT_CATEGORY };
}

/** The rule a recording with these categories follows: the longest of its ruled categories, else the default. */
export function ruleFor(rules: readonly RetentionRuleInfo[], categories: readonly string[]): RetentionRuleInfo {
  const wanted = new Set(categories.map((c) => c.trim().toLowerCase()));
  const matching = rules.filter((r) => !r.isDefault && wanted.has(r.category.toLowerCase()));
  if (matching.length === 0) return rules.find((r) => r.isDefault) ?? BUILT_IN;
  return matching.reduce((a, b) => (b.days > a.days ? b : a));
}
