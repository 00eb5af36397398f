import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/database';

/**
 * Prepared statements, kept per database connection: preparing is the dominant cost of the
 * request desk's small queries (measured: about a fifth of a sign-off). SQL text is always a
 * constant in the caller; values are bound, never spliced in.
 */
const cache = new WeakMap<Db, Map<string, Statement>>();

export function stmt(db: Db, sql: string): Statement {
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let s = perDb.get(sql);
  if (!s) {
    s = db.prepare(sql);
    perDb.set(sql, s);
  }
  return s;
}

/** settings.getSetting through the statement cache. */
export function readSetting<T>(db: Db, key: string): T | undefined {
  const row = stmt(db, 'SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : undefined;
}
