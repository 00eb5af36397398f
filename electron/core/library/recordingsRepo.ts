import type { Db } from '../db/database';
import type { RecordingDetail, RecordingMeta, RecordingRow, StreamFacts } from '../../../shared/contract';
import type { recordingQuerySchema } from '../../../shared/contract';
import type { z } from 'zod';
import { indexForSearch } from './searchIndex';
import { MINORS_UNSET, minorsPresentColumn, minorsPresentOf } from './minorsPresent';
import { missingDerivatives } from '../ingest/derivativeJobs';
import { renderOfItem } from '../redaction/renderRows';

type Query = z.output<typeof recordingQuerySchema>;

interface JoinedRow {
  id: string;
  sha256: string;
  size: number;
  original_name: string;
  source_path: string;
  kind: string;
  ingested_at: string;
  ingested_by: string;
  playable: number;
  browser_playable: number;
  unplayable_reason: string | null;
  container: string | null;
  duration_sec: number | null;
  creation_time: string | null;
  streams: string;
  officer: string;
  badge: string;
  school: string;
  incident: string;
  cad: string;
  recorded_start: string | null;
  location_type: string;
  minors_present: number;
  minors: string;
  use_of_force: number;
  arrest: number;
  complaint: number;
  cjis_screen: number;
  categories: string;
  notes: string;
}

// Sort keys map to fixed SQL identifiers only (never user text).
const SORT_SQL: Record<Query['sort'], string> = {
  recordedStart: 'i.sort_start',
  ingestedAt: 'i.ingested_at',
  originalName: 'i.original_name',
  school: 'm.school',
  officer: 'm.officer',
  durationSec: 'i.duration_sec',
};

/**
 * FTS5 query from free text: each word becomes a quoted prefix term, so no user text is FTS
 * syntax. A "word" without a letter or digit (a lone '-' or '--') holds nothing the index
 * tokenizes, and as an AND term would empty the result, so it is dropped.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}_-]+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' AND ');
}

function toRow(r: JoinedRow): RecordingRow {
  return {
    id: r.id,
    sha256: r.sha256,
    size: r.size,
    originalName: r.original_name,
    kind: r.kind,
    ingestedAt: r.ingested_at,
    playable: r.playable === 1,
    durationSec: r.duration_sec,
    officer: r.officer ?? '',
    badge: r.badge ?? '',
    school: r.school ?? '',
    incident: r.incident ?? '',
    recordedStart: r.recorded_start ?? r.creation_time ?? null,
    minorsPresent: minorsPresentOf(r.minors_present),
  };
}

export function toMeta(r: JoinedRow): RecordingMeta {
  return {
    officer: r.officer ?? '',
    badge: r.badge ?? '',
    school: r.school ?? '',
    incident: r.incident ?? '',
    cad: r.cad ?? '',
    recordedStart: r.recorded_start ?? null,
    locationType: (r.location_type ?? '') as RecordingMeta['locationType'],
    minorsPresent: minorsPresentOf(r.minors_present),
    minors: JSON.parse(r.minors ?? '[]') as RecordingMeta['minors'],
    useOfForce: r.use_of_force === 1,
    arrest: r.arrest === 1,
    complaint: r.complaint === 1,
    cjisScreen: r.cjis_screen === 1,
    categories: JSON.parse(r.categories ?? '[]') as string[],
    notes: r.notes ?? '',
  };
}

const COLUMNS = `SELECT i.*, m.officer, m.badge, m.school, m.incident, m.cad, m.recorded_start, m.location_type,
  m.minors_present, m.minors, m.use_of_force, m.arrest, m.complaint, m.cjis_screen, m.categories, m.notes`;
const SELECT = `${COLUMNS} FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id`;

export function queryRecordings(db: Db, q: Query): { total: number; rows: RecordingRow[] } {
  const where: string[] = ["i.state = 'committed'"];
  const params: Record<string, unknown> = {};
  if (q.kind === 'any') where.push("i.kind IN ('recording', 'redacted-copy')");
  else {
    where.push('i.kind = @kind');
    params.kind = q.kind;
  }
  let needsMeta = false;
  const fts = q.text ? ftsQuery(q.text) : null;
  if (fts) {
    where.push('i.num IN (SELECT rowid FROM recording_fts WHERE recording_fts MATCH @fts)');
    params.fts = fts;
  }
  if (q.school) { where.push('m.school = @school'); params.school = q.school; needsMeta = true; }
  if (q.officer) { where.push('m.officer = @officer'); params.officer = q.officer; needsMeta = true; }
  if (q.incident) { where.push('m.incident LIKE @incident'); params.incident = `%${q.incident}%`; needsMeta = true; }
  if (q.from) { where.push('i.sort_start >= @from'); params.from = q.from; }
  if (q.to) { where.push('i.sort_start <= @to'); params.to = q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to; }
  // "Yes" is the stored 1 alone, so it is written as a plain comparison the (school|officer, minors_present) indexes serve.
  if (q.minorsPresent !== undefined) { where.push(q.minorsPresent ? 'm.minors_present = 1' : 'COALESCE(m.minors_present, 0) = 0'); needsMeta = true; }
  if (q.playable !== undefined) { where.push('i.playable = @playable'); params.playable = q.playable ? 1 : 0; }
  const whereSql = `WHERE ${where.join(' AND ')}`;
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  if (SORT_NEEDS_META.has(q.sort)) needsMeta = true;
  // The count joins the metadata only when a filter needs it (the join triples its cost);
  // a text-only search counts in the index itself, which holds committed recordings only.
  const textOnly = fts !== null && where.length === 3 && q.kind === 'recording';
  const total = textOnly
    ? (db.prepare('SELECT COUNT(*) AS n FROM recording_fts WHERE recording_fts MATCH @fts').get({ fts }) as { n: number }).n
    : (db.prepare(`SELECT COUNT(*) AS n FROM ${needsMeta ? 'items i LEFT JOIN recording_meta m ON m.item_id = i.id' : 'items i'} ${whereSql}`).get(params) as { n: number }).n;
  // The page is chosen on the indexes alone (item numbers and sort keys), then only its rows are
  // read whole: sorting every match with all its columns costs far more than the page.
  // Walking the sort index and stopping at the page beats sorting every search match.
  const from = q.sort === 'recordedStart' && fts ? 'FROM items i INDEXED BY items_state' : 'FROM items i';
  const join = needsMeta ? ' LEFT JOIN recording_meta m ON m.item_id = i.id' : '';
  const order = `ORDER BY ${SORT_SQL[q.sort]} ${dir}, i.num ${dir}`;
  const rows = db
    .prepare(
      `WITH page AS MATERIALIZED (SELECT i.num ${from}${join} ${whereSql} ${order} LIMIT @limit OFFSET @offset)
       ${COLUMNS} FROM page CROSS JOIN items i ON i.num = page.num LEFT JOIN recording_meta m ON m.item_id = i.id ${order}`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset }) as JoinedRow[];
  return { total, rows: rows.map(toRow) };
}

const SORT_NEEDS_META = new Set<Query['sort']>(['school', 'officer']);

export function getRecordingRow(db: Db, id: string): JoinedRow | undefined {
  return db.prepare(`${SELECT} WHERE i.id = ? AND i.state = 'committed'`).get(id) as JoinedRow | undefined;
}

function redactedFrom(db: Db, r: JoinedRow): RecordingDetail['redactedFrom'] {
  if (r.kind !== 'redacted-copy') return null;
  const render = renderOfItem(db, r.id);
  return render ? { itemId: render.parent_item_id, sha256: render.parent_sha256, planHash: render.plan_hash, checkOk: render.check_ok === 1 } : null;
}

export function recordingDetail(db: Db, r: JoinedRow): RecordingDetail {
  const derived = db.prepare('SELECT kind FROM derivatives WHERE item_id = ?').all(r.id) as { kind: string }[];
  return {
    ...toRow(r),
    kind: r.kind,
    redactedFrom: redactedFrom(db, r),
    sourcePath: r.source_path,
    ingestedBy: r.ingested_by,
    unplayableReason: r.unplayable_reason,
    browserPlayable: r.browser_playable === 1,
    hasProxy: derived.some((d) => d.kind === 'proxy'),
    hasThumbnail: derived.some((d) => d.kind === 'thumbnail'),
    viewingCopiesMissing: missingDerivatives(db, r),
    container: r.container,
    creationTime: r.creation_time,
    streams: JSON.parse(r.streams) as StreamFacts[],
    meta: toMeta(r),
  };
}

const META_COLUMNS: Record<keyof RecordingMeta, string> = {
  officer: 'officer', badge: 'badge', school: 'school', incident: 'incident', cad: 'cad', recordedStart: 'recorded_start',
  locationType: 'location_type', minorsPresent: 'minors_present', minors: 'minors', useOfForce: 'use_of_force', arrest: 'arrest',
  complaint: 'complaint', cjisScreen: 'cjis_screen', categories: 'categories', notes: 'notes',
};

function toColumnValue(key: keyof RecordingMeta, v: unknown): unknown {
  if (key === 'minorsPresent') return minorsPresentColumn(v as boolean | null);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (Array.isArray(v)) return JSON.stringify(v);
  return v;
}

/**
 * Writes metadata and refreshes the search index; returns the changed fields' old and new
 * values for the custody entry. Must run inside a write transaction.
 */
export function writeMeta(db: Db, r: JoinedRow, patch: Partial<RecordingMeta>): { old: Partial<RecordingMeta>; new: Partial<RecordingMeta> } {
  const before = toMeta(r);
  const changed: { old: Partial<RecordingMeta>; new: Partial<RecordingMeta> } = { old: {}, new: {} };
  const next: RecordingMeta = { ...before };
  for (const key of Object.keys(patch) as (keyof RecordingMeta)[]) {
    const value = patch[key];
    if (value === undefined) continue;
    if (JSON.stringify(before[key]) === JSON.stringify(value)) continue;
    (changed.old as Record<string, unknown>)[key] = before[key];
    (changed.new as Record<string, unknown>)[key] = value;
    (next as Record<string, unknown>)[key] = value;
  }
  if (Object.keys(changed.new).length === 0) return changed;
  db.prepare('INSERT OR IGNORE INTO recording_meta (item_id, minors_present) VALUES (?, ?)').run(r.id, MINORS_UNSET);
  const cols = Object.keys(changed.new) as (keyof RecordingMeta)[];
  db.prepare(`UPDATE recording_meta SET ${cols.map((c) => `${META_COLUMNS[c]} = @${c}`).join(', ')} WHERE item_id = @id`).run({
    id: r.id,
    ...Object.fromEntries(cols.map((c) => [c, toColumnValue(c, next[c])])),
  });
  indexForSearch(db, r.id, r.original_name, next);
  return changed;
}

export function facets(db: Db): { schools: string[]; officers: string[] } {
  const col = (c: 'school' | 'officer') =>
    (db.prepare(`SELECT DISTINCT ${c} AS v FROM recording_meta WHERE ${c} <> '' ORDER BY ${c} LIMIT 1000`).all() as { v: string }[]).map((r) => r.v);
  return { schools: col('school'), officers: col('officer') };
}
