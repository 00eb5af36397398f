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

// Sort keys map to fixed SQL identifiers only (never user text): the column of the whole row
// (items i, recording_meta m) and the same value's column and index in library_rows (m0170).
const SORT_SQL: Record<Query['sort'], string> = {
  recordedStart: 'i.sort_start',
  ingestedAt: 'i.ingested_at',
  originalName: 'i.original_name',
  school: 'm.school',
  officer: 'm.officer',
  durationSec: 'i.duration_sec',
};
const SORT_LIBRARY: Record<Query['sort'], { column: string; index: string }> = {
  recordedStart: { column: 'sort_start', index: 'library_start' },
  ingestedAt: { column: 'ingested_at', index: 'library_ingested' },
  originalName: { column: 'original_name', index: 'library_name' },
  school: { column: 'school', index: 'library_school' },
  officer: { column: 'officer', index: 'library_officer' },
  durationSec: { column: 'duration_sec', index: 'library_duration' },
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

/**
 * A page of the Library. The matches are counted and the page's item numbers chosen on
 * `library_rows` alone (m0170: one narrow row per committed recording or redacted copy, indexed
 * on every filter and sort key), then only the page's rows are read whole. The page is chosen
 * one of two ways, with the same ORDER BY (sort key, then item number: a total order), so the
 * same rows in the same order either way:
 *  - many matches: walk the sort key's index and stop at the page (about (offset + limit) ×
 *    rows ÷ matches rows read);
 *  - few matches: read them from the filter's index and sort them (about matches rows read).
 * With both kinds ("any"), each kind's index is walked to offset + limit rows and the two
 * merged, as one index cannot give both kinds in key order.
 */
/**
 * Every match of a search in one pass over the search index: their number, and a bitmap of their
 * item numbers (0..maxNum). The numbers come as one comma-separated text, read here digit by
 * digit (a few milliseconds for 100,000, against about 25 for as many rows). Anything but
 * digits and commas (never seen: item numbers are positive integers) gives no bitmap, so the
 * caller falls back to SQL alone.
 */
function searchHits(db: Db, fts: string, maxNum: number): { total: number; bits: Uint8Array | null } {
  const text = (db.prepare('SELECT group_concat(rowid) FROM recording_fts WHERE recording_fts MATCH @fts').pluck().get({ fts }) as string | null) ?? '';
  if (text === '') return { total: 0, bits: null };
  const countOnly = () => ({ total: (db.prepare('SELECT COUNT(*) AS n FROM recording_fts WHERE recording_fts MATCH @fts').get({ fts }) as { n: number }).n, bits: null });
  const bits = new Uint8Array(maxNum + 1);
  let total = 0;
  let n = 0;
  let digits = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 44;
    if (c === 44) {
      if (digits === 0) return countOnly();
      if (n <= maxNum) bits[n] = 1;
      total++;
      n = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      digits++;
    } else {
      return countOnly();
    }
  }
  return { total, bits };
}

/**
 * The page of a search with many matches: the sort key's index walked in order (the same ORDER
 * BY as the SQL walk below, so the same rows in the same order) and each number looked up in the
 * bitmap, stopping at the page: about (offset + limit) × rows ÷ matches index entries read.
 */
function matchedPage(db: Db, bits: Uint8Array, sort: { column: string; index: string }, dir: 'ASC' | 'DESC', offset: number, limit: number): number[] {
  const walk = db
    .prepare(`SELECT l.num FROM library_rows l INDEXED BY ${sort.index} WHERE l.kind = 'recording' ORDER BY l.${sort.column} ${dir}, l.num ${dir}`)
    .pluck();
  const out: number[] = [];
  let skipped = 0;
  for (const num of walk.iterate() as IterableIterator<number>) {
    if (bits[num] !== 1) continue;
    if (skipped < offset) {
      skipped++;
      continue;
    }
    out.push(num);
    if (out.length === limit) break;
  }
  return out;
}

export function queryRecordings(db: Db, q: Query): { total: number; rows: RecordingRow[] } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const kinds = q.kind === 'any' ? ['recording', 'redacted-copy'] : [q.kind];
  kinds.forEach((k, n) => (params[`kind${n}`] = k));
  const fts = q.text ? ftsQuery(q.text) : null;
  if (fts) {
    // With a school or an officer (a few thousand rows at most) the planner reads that index and
    // checks each row against the search's matches; the plus keeps it from looking up every match
    // by its number instead (about five times slower on a common word).
    where.push(`${q.school || q.officer ? '+' : ''}l.num IN (SELECT rowid FROM recording_fts WHERE recording_fts MATCH @fts)`);
    params.fts = fts;
  }
  if (q.school) { where.push('l.school = @school'); params.school = q.school; }
  if (q.officer) { where.push('l.officer = @officer'); params.officer = q.officer; }
  if (q.incident) {
    // Three characters or more: candidates from the trigram index (m0170), then the LIKE itself.
    if (q.incident.length >= 3) where.push('l.num IN (SELECT rowid FROM library_incident WHERE incident LIKE @incident)');
    where.push('l.incident LIKE @incident');
    params.incident = `%${q.incident}%`;
  }
  if (q.from) { where.push('l.sort_start >= @from'); params.from = q.from; }
  if (q.to) { where.push('l.sort_start <= @to'); params.to = q.to.length === 10 ? `${q.to}T23:59:59.999Z` : q.to; }
  if (q.minorsPresent !== undefined) where.push(q.minorsPresent ? 'l.minors_present = 1' : 'COALESCE(l.minors_present, 0) = 0');
  if (q.playable !== undefined) { where.push('l.playable = @playable'); params.playable = q.playable ? 1 : 0; }
  const filters = where.map((w) => ` AND ${w}`).join('');
  const kindIn = `l.kind IN (${kinds.map((_, n) => `@kind${n}`).join(', ')})`;
  const dir = q.dir === 'asc' ? 'ASC' : 'DESC';
  const sort = SORT_LIBRARY[q.sort];
  const rows = (db.prepare('SELECT COALESCE(MAX(num), 0) AS n FROM library_rows').get() as { n: number }).n;
  const want = q.offset + q.limit;
  // A text-only search counts in the search index itself, which holds committed recordings only:
  // one pass over its matches gives the count and, when they are many, the page (matchedPage).
  const textOnly = fts !== null && where.length === 1 && q.kind === 'recording';
  const hits = textOnly ? searchHits(db, fts, rows) : null;
  const total = hits
    ? hits.total
    : (db.prepare(`SELECT COUNT(*) AS n FROM library_rows l WHERE ${kindIn}${filters}`).get(params) as { n: number }).n;
  if (total <= q.offset) return { total, rows: [] };

  let page: string;
  if (hits?.bits && total * total >= want * rows) {
    const nums = matchedPage(db, hits.bits, sort, dir, q.offset, q.limit);
    page = `SELECT value AS num FROM json_each(@nums)`;
    params.nums = JSON.stringify(nums);
  } else if (total * total >= want * rows) {
    const walk = (n: number, limit: string) =>
      `SELECT l.num, l.${sort.column} AS k FROM library_rows l INDEXED BY ${sort.index} WHERE l.kind = @kind${n}${filters} ORDER BY l.${sort.column} ${dir}, l.num ${dir} ${limit}`;
    page =
      kinds.length === 1
        ? walk(0, 'LIMIT @limit OFFSET @offset')
        : `SELECT num FROM (${kinds.map((_, n) => `SELECT * FROM (${walk(n, 'LIMIT @want')})`).join(' UNION ALL ')}) ORDER BY k ${dir}, num ${dir} LIMIT @limit OFFSET @offset`;
  } else {
    // The unary plus keeps the planner off the sort key's index: the filter's index finds the few.
    page = `SELECT l.num FROM library_rows l WHERE ${kindIn}${filters} ORDER BY +l.${sort.column} ${dir}, l.num ${dir} LIMIT @limit OFFSET @offset`;
  }
  const order = `ORDER BY ${SORT_SQL[q.sort]} ${dir}, i.num ${dir}`;
  const found = db
    .prepare(
      `WITH page AS MATERIALIZED (SELECT num FROM (${page}))
       ${COLUMNS} FROM page CROSS JOIN items i ON i.num = page.num LEFT JOIN recording_meta m ON m.item_id = i.id ${order}`,
    )
    .all({ ...params, limit: q.limit, offset: q.offset, want }) as JoinedRow[];
  return { total, rows: found.map(toRow) };
}

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
