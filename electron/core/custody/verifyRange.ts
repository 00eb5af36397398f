import Database from 'better-sqlite3';
import { canonicalEntry, type CustodyRow } from './custodyEncoding';
import { sha256Hex } from './sha256';

export interface RangeResult {
  from: number;
  to: number;
  count: number;
  firstPrevHash: string | null;
  lastHash: string | null;
  bad: { seq: number; problem: string } | null;
  /** The entry hash at each wanted seq in the range (a Map: a plain object with 100,000 numeric keys costs seconds). */
  hashAt: Map<number, string>;
}

/**
 * Verifies entries from..to (inclusive) on their own connection: numbering, links inside the
 * range and every entry hash. The caller joins ranges by comparing each range's first
 * prev_hash with the previous range's last hash. Raw arrays in pages are about three times
 * faster than row objects, and letting SQLite build the canonical array (json_array, same
 * positions as custodyEncoding.ts) halves the strings handed to JavaScript. If SQLite's
 * encoding of an entry ever differs from JSON.stringify's (an exotic character, say), the
 * entry is re-encoded in JavaScript before it is called changed, so that shortcut can never
 * make a good entry look bad nor a bad one look good.
 */
export function verifyRange(dbFile: string, from: number, to: number, wantHashAt: number[]): RangeResult {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const page = db
      .prepare(
        `SELECT seq, json_array('custody-v1', seq, at, user_id, username, role, workstation, action, outcome, object_id, object_sha256, details, prev_hash), prev_hash, hash
         FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 20000`,
      )
      .raw(true);
    const one = db.prepare('SELECT * FROM custody_log WHERE seq = ?');
    const sha = sha256Hex;
    const want = new Set(wantHashAt);
    const out: RangeResult = { from, to, count: 0, firstPrevHash: null, lastHash: null, bad: null, hashAt: new Map() };
    let expected = from;
    let prev: string | null = null;
    let after = from - 1;
    for (;;) {
      const rows = page.all(after, to) as unknown[][];
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = r[0] as number;
        const hash = r[3] as string;
        if (seq !== expected) {
          out.bad = { seq: expected, problem: `Entry ${expected} is missing from the custody log.` };
          return out;
        }
        if (prev === null) out.firstPrevHash = r[2] as string;
        else if (r[2] !== prev) {
          out.bad = { seq, problem: `Entry ${seq} does not link to the entry before it.` };
          return out;
        }
        if (sha(r[1] as string) !== hash && sha(canonicalEntry(one.get(seq) as CustodyRow)) !== hash) {
          out.bad = { seq, problem: `Entry ${seq} was changed after it was written.` };
          return out;
        }
        if (want.has(seq)) out.hashAt.set(seq, hash);
        out.count++;
        prev = hash;
        expected++;
      }
      after = rows[rows.length - 1][0] as number;
    }
    if (expected <= to) out.bad = { seq: expected, problem: `Entry ${expected} is missing from the custody log.` };
    out.lastHash = prev;
    return out;
  } finally {
    db.close();
  }
}
