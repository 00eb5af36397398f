import { hash } from 'node:crypto';
import type { Db } from '../db/database';

/**
 * A Merkle tree over the custody log, beside its hash chain (RFC 6962 / RFC 9162 §2.1 hashing):
 * leaf i (0-based, entry seq i+1) is SHA-256(0x00 ‖ the entry's 32-byte hash), an inner node
 * SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the largest power of two below
 * n. The entry hash is SHA-256 of the entry's canonical encoding (docs/custody-verification.md
 * §2), so a leaf commits to every byte of its entry. An inclusion proof names only hashes, so it
 * shows that an entry is in the agency's log without revealing any other entry.
 *
 * The log is append-only, so complete subtrees (2^k leaves starting at a multiple of 2^k) never
 * change: they are cached per database and only new entries are hashed on the next call.
 */

const LEAF = Buffer.from([0]);
const NODE = Buffer.from([1]);

export function leafHash(entryHashHex: string): Buffer {
  return hash('sha256', Buffer.concat([LEAF, Buffer.from(entryHashHex, 'hex')]), 'buffer');
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return hash('sha256', Buffer.concat([NODE, left, right]), 'buffer');
}

/** levels[k][j]: the root of the complete subtree of 2^k leaves starting at leaf j·2^k. */
export class MerkleTree {
  private readonly levels: Buffer[][] = [[]];

  get size(): number {
    return this.levels[0].length;
  }

  /** Appends leaves (already leaf-hashed) and the complete subtrees they finish. */
  appendLeaves(leaves: readonly Buffer[]): void {
    for (const leaf of leaves) {
      this.levels[0].push(leaf);
      let k = 0;
      let idx = this.levels[0].length - 1;
      while (idx % 2 === 1) {
        const level = this.levels[k];
        const parent = nodeHash(level[idx - 1], level[idx]);
        if (!this.levels[k + 1]) this.levels.push([]);
        this.levels[k + 1].push(parent);
        k++;
        idx = (idx - 1) / 2;
      }
    }
  }

  /** MTH(D[start:start+n]) for n ≥ 1 within the first `size` leaves. */
  private subtree(start: number, n: number): Buffer {
    if ((n & (n - 1)) === 0 && start % n === 0) {
      const k = Math.log2(n);
      return this.levels[k][start / n];
    }
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  /** The tree head (root hash) over the first `n` leaves; SHA-256 of nothing for 0. */
  root(n: number = this.size): Buffer {
    if (n > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${n}`);
    if (n === 0) return hash('sha256', Buffer.alloc(0), 'buffer');
    return this.subtree(0, n);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path for leaf m in the tree of the first n leaves, bottom first. */
  inclusionPath(m: number, n: number = this.size): Buffer[] {
    if (n > this.size || m < 0 || m >= n) throw new RangeError(`leaf ${m} is not in a tree of ${n} leaves`);
    const path: Buffer[] = [];
    const walk = (mm: number, start: number, len: number): void => {
      if (len === 1) return;
      const k = largestPowerOfTwoBelow(len);
      if (mm < k) {
        walk(mm, start, k);
        path.push(this.subtree(start + k, len - k));
      } else {
        walk(mm - k, start + k, len - k);
        path.push(this.subtree(start, k));
      }
    };
    walk(m, 0, n);
    return path;
  }
}

/** The largest power of two strictly below n (n ≥ 2). */
export function largestPowerOfTwoBelow(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. */
export function rootFromInclusion(leaf: Buffer, m: number, n: number, path: readonly Buffer[]): Buffer | null {
  if (m >= n) return null;
  let fn = m;
  let sn = n - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

const TREES = new WeakMap<Db, { tree: MerkleTree; lastHash: string | null }>();

/**
 * The custody log's tree over its first `entries` entries, from the cached tree plus the entries
 * written since. If the cached last entry no longer has its hash (a restored or rewritten
 * database), the tree is rebuilt from the start.
 */
export function custodyTree(db: Db, entries: number): MerkleTree {
  let cached = TREES.get(db);
  if (cached && cached.tree.size > 0) {
    const row = db.prepare('SELECT hash FROM custody_log WHERE seq = ?').get(cached.tree.size) as { hash: string } | undefined;
    if (row?.hash !== cached.lastHash) cached = undefined;
  }
  if (!cached) {
    cached = { tree: new MerkleTree(), lastHash: null };
    TREES.set(db, cached);
  }
  const { tree } = cached;
  if (tree.size < entries) {
    const rows = db.prepare('SELECT hash FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq').raw().iterate(tree.size, entries) as IterableIterator<[string]>;
    const batch: Buffer[] = [];
    let last: string | null = cached.lastHash;
    for (const [h] of rows) {
      batch.push(leafHash(h));
      last = h;
      if (batch.length === 8192) tree.appendLeaves(batch.splice(0));
    }
    tree.appendLeaves(batch);
    cached.lastHash = last;
  }
  if (tree.size < entries) throw new RangeError(`the custody log has ${tree.size} entries, not ${entries}`);
  return tree;
}
