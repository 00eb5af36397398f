import Database from 'better-sqlite3';
import { canonicalEntry, type CustodyRow } from './custodyEncoding';
import { sha256Hex } from './sha256';
import { BLOCK, blockRootHolds, blockRootOf } from './merkle';

export interface RangeResult {
  from: number;
  to: number;
  count: number;
  firstPrevHash: string | null;
  lastHash: string | null;
  bad: { seq: number; problem: string } | null;
  /** The entry hash at each wanted seq in the range (a Map: a plain object with 100,000 numeric keys costs seconds). */
  hashAt: Map<number, string>;
  /**
   * With a Merkle key: the roots of the complete 1024-entry blocks of this range whose stored
   * root was missing or did not check out, computed from the entry hashes just verified (the
   * caller stores them). Absent without a key.
   */
  blocks?: { block: number; node: Uint8Array; last: string }[];
}

interface StoredBlock {
  node: Uint8Array;
  mac: Uint8Array;
  last_entry_hash: string;
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
 *
 * With `merkleKey`, the Merkle tree's stored block roots (merkle.ts) are checked on the way:
 * each complete block's stored root must carry its HMAC and name the hash the block's last entry
 * has now; one that does not (or is missing) is computed from the block's entry hashes, so the
 * tree is rebuilt on every core while the chain is verified, not afterwards on one.
 */
export function verifyRange(dbFile: string, from: number, to: number, wantHashAt: number[], merkleKey?: Uint8Array): RangeResult {
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
    const stored = new Map<number, StoredBlock>();
    if (merkleKey) {
      const rows = db.prepare('SELECT block, node, mac, last_entry_hash FROM custody_merkle_blocks WHERE block >= ? AND block < ?').all(Math.floor((from - 1) / BLOCK), Math.floor(to / BLOCK)) as (StoredBlock & { block: number })[];
      for (const r of rows) stored.set(r.block, r);
      out.blocks = [];
    }
    let blockHashes: string[] = [];
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
        if (out.blocks) {
          blockHashes.push(hash);
          if (seq % BLOCK === 0) {
            const block = seq / BLOCK - 1;
            const s = stored.get(block);
            // A block that began before this range is left to the range before it.
            if (blockHashes.length === BLOCK && !(s && merkleKey && blockRootHolds(merkleKey, block, s, hash))) out.blocks.push({ block, node: blockRootOf(blockHashes), last: hash });
            blockHashes = [];
          }
        }
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
