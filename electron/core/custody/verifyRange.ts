import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

export interface RangeResult {
  from: number;
  to: number;
  count: number;
  firstPrevHash: string | null;
  lastHash: string | null;
  bad: { seq: number; problem: string } | null;
  hashAt: Record<number, string>;
}

/**
 * Verifies entries from..to (inclusive) on their own connection: numbering, links inside the
 * range and every entry hash. The caller joins ranges by comparing each range's first
 * prev_hash with the previous range's last hash. Raw arrays in pages are about three times
 * faster than row objects; positions follow the canonical encoding in custodyEncoding.ts.
 */
export function verifyRange(dbFile: string, from: number, to: number, wantHashAt: number[]): RangeResult {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const page = db
      .prepare(
        `SELECT seq, at, user_id, username, role, workstation, action, outcome, object_id, object_sha256, details, prev_hash, hash
         FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT 20000`,
      )
      .raw(true);
    const want = new Set(wantHashAt);
    const out: RangeResult = { from, to, count: 0, firstPrevHash: null, lastHash: null, bad: null, hashAt: {} };
    let expected = from;
    let prev: string | null = null;
    let after = from - 1;
    for (;;) {
      const rows = page.all(after, to) as unknown[][];
      if (rows.length === 0) break;
      for (const r of rows) {
        const seq = r[0] as number;
        const hash = r[12] as string;
        if (seq !== expected) {
          out.bad = { seq: expected, problem: `Entry ${expected} is missing from the custody log.` };
          return out;
        }
        if (prev === null) out.firstPrevHash = r[11] as string;
        else if (r[11] !== prev) {
          out.bad = { seq, problem: `Entry ${seq} does not link to the entry before it.` };
          return out;
        }
        const canonical = JSON.stringify(['custody-v1', seq, r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11]]);
        if (createHash('sha256').update(canonical, 'utf8').digest('hex') !== hash) {
          out.bad = { seq, problem: `Entry ${seq} was changed after it was written.` };
          return out;
        }
        if (want.has(seq)) out.hashAt[seq] = hash;
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
