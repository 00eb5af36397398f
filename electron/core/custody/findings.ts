import type { Db } from '../db/database';
import type { FindingInfo } from '../../../shared/contract';

interface FindingRow {
  id: number;
  kind: string;
  summary: string;
  details: string;
  found_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

/** An integrity failure stays on the dashboard until an administrator acknowledges it. */
export function addFinding(db: Db, kind: string, summary: string, details: Record<string, unknown>, now: Date): void {
  const open = db.prepare('SELECT id FROM findings WHERE kind = ? AND summary = ? AND acknowledged_at IS NULL').get(kind, summary);
  if (open) return;
  db.prepare('INSERT INTO findings (kind, summary, details, found_at) VALUES (?, ?, ?, ?)').run(kind, summary, JSON.stringify(details), now.toISOString());
}

export function listFindings(db: Db, includeAcknowledged: boolean): FindingInfo[] {
  const rows = db.prepare(`SELECT * FROM findings ${includeAcknowledged ? '' : 'WHERE acknowledged_at IS NULL'} ORDER BY id DESC`).all() as FindingRow[];
  return rows.map((r) => ({ id: r.id, kind: r.kind, summary: r.summary, details: JSON.parse(r.details) as Record<string, unknown>, foundAt: r.found_at, acknowledgedAt: r.acknowledged_at, acknowledgedBy: r.acknowledged_by }));
}

export function acknowledgeFinding(db: Db, id: number, by: string, now: Date): boolean {
  return db.prepare('UPDATE findings SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ? AND acknowledged_at IS NULL').run(now.toISOString(), by, id).changes === 1;
}
