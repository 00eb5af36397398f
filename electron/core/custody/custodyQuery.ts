import { actionMatches } from '../../../shared/domain/custodyActions';
import type { Db } from '../db/database';
import type { CustodyRow } from './custodyEncoding';
import { toEntry, type CustodyEntry } from './custodyLog';

/**
 * Filtered reads of the custody log, newest first, that stay fast on a million entries: each
 * filter narrows through an index (action, username, at) and the rows come back in seq (rowid)
 * order. A date range is first turned into the seq span it covers (a covering scan of the `at`
 * index), so the page itself is a rowid range scan whatever else is filtered.
 */
export interface LogFilter {
  /** An action as the log shows it ("Legal sign-off", any case; shared/domain/custodyActions.ts) or its code (`legal-sign-off`). */
  action?: string;
  /** The username, whole, any case. */
  username?: string;
  /** UTC instants, inclusive. */
  from?: string;
  to?: string;
}

/** Every distinct action code in the log, by skipping through the action index (one seek per code). */
export function loggedActions(db: Db): string[] {
  const rows = db
    .prepare(
      `WITH RECURSIVE a(x) AS (
         SELECT MIN(action) FROM custody_log
         UNION ALL SELECT (SELECT MIN(action) FROM custody_log WHERE action > a.x) FROM a WHERE a.x IS NOT NULL)
       SELECT x FROM a WHERE x IS NOT NULL`,
    )
    .all() as { x: string }[];
  return rows.map((r) => r.x);
}

/** The action codes a typed filter stands for: the label the log shows (the catalogue's) or the code, matched whole, any case. */
export function resolveActions(db: Db, text: string): string[] {
  return loggedActions(db).filter((code) => actionMatches(code, text));
}

interface Where {
  sql: string[];
  args: unknown[];
  /** Known to match nothing (an unknown action, an empty date span). */
  empty: boolean;
}

function buildWhere(db: Db, f: LogFilter): Where {
  const w: Where = { sql: [], args: [], empty: false };
  if (f.action?.trim()) {
    const codes = resolveActions(db, f.action);
    if (!codes.length) return { ...w, empty: true };
    w.sql.push(`action IN (${codes.map(() => '?').join(', ')})`);
    w.args.push(...codes);
  }
  if (f.username?.trim()) {
    w.sql.push('username = ? COLLATE NOCASE');
    w.args.push(f.username.trim());
  }
  if (f.from || f.to) {
    const from = f.from ?? '0000-01-01T00:00:00.000Z';
    const to = f.to ?? '9999-12-31T23:59:59.999Z';
    if (from > to) return { ...w, empty: true };
    const span = db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM custody_log WHERE at >= ? AND at <= ?').get(from, to) as { lo: number | null; hi: number | null };
    if (span.lo === null || span.hi === null) return { ...w, empty: true };
    // `+at`: checked row by row inside the seq span, not driven through the at index again.
    w.sql.push('seq BETWEEN ? AND ?', '+at >= ?', '+at <= ?');
    w.args.push(span.lo, span.hi, from, to);
  }
  return w;
}

/** The page's statement and its arguments (null: nothing can match); exported so a test can read its query plan. */
export function logPageQuery(db: Db, f: LogFilter, page: { beforeSeq?: number; limit: number }): { sql: string; args: unknown[] } | null {
  const w = buildWhere(db, f);
  if (w.empty) return null;
  const where = ['seq < ?', ...w.sql].join(' AND ');
  return { sql: `SELECT * FROM custody_log WHERE ${where} ORDER BY seq DESC LIMIT ?`, args: [page.beforeSeq ?? Number.MAX_SAFE_INTEGER, ...w.args, page.limit] };
}

export function queryLog(db: Db, f: LogFilter, page: { beforeSeq?: number; limit: number }): CustodyEntry[] {
  const q = logPageQuery(db, f, page);
  if (!q) return [];
  return (db.prepare(q.sql).all(...q.args) as CustodyRow[]).map(toEntry);
}

/** How many entries a filter matches, up to `cap` + 1 (enough to tell "too many"). */
export function countLog(db: Db, f: LogFilter, cap: number): number {
  const w = buildWhere(db, f);
  if (w.empty) return 0;
  const where = w.sql.length ? `WHERE ${w.sql.join(' AND ')}` : '';
  const row = db.prepare(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM custody_log ${where} LIMIT ?)`).get(...w.args, cap + 1) as { n: number };
  return row.n;
}
