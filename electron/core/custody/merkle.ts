import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { leafInto, nodeInto } from './merkleHash';

/**
 * A Merkle tree over the custody log, beside its hash chain (RFC 6962 / RFC 9162 §2.1 hashing):
 * leaf i (0-based, entry seq i+1) is SHA-256(0x00 ‖ the entry's 32-byte hash), an inner node
 * SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the largest power of two below
 * n. The entry hash is SHA-256 of the entry's canonical encoding (docs/custody-verification.md
 * §2), so a leaf commits to every byte of its entry. An inclusion proof names only hashes, so it
 * shows that an entry is in the agency's log without revealing any other entry.
 *
 * The log is append-only, so complete subtrees (2^k leaves starting at a multiple of 2^k) never
 * change: they are kept per database (32 bytes each, one flat array per level) and only entries
 * written since the last call are hashed.
 */

export function leafHash(entryHashHex: string): Buffer {
  const out = Buffer.alloc(32);
  leafInto(Buffer.from(entryHashHex, 'hex'), 0, out, 0);
  return out;
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
  const out = Buffer.alloc(32);
  nodeInto(left, 0, right, 0, out, 0);
  return out;
}

class Level {
  bytes = new Uint8Array(32 * 1024);
  count = 0;
  push(src: Uint8Array, so: number): void {
    this.reserve();
    this.bytes.set(src.subarray(so, so + 32), 32 * this.count++);
  }
  /** Room for one more node; returns its offset. */
  reserve(): number {
    if (32 * (this.count + 1) > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    return 32 * this.count;
  }
  get(i: number): Buffer {
    return Buffer.from(this.bytes.subarray(32 * i, 32 * i + 32));
  }
}

/** levels[k] node j: the root of the complete subtree of 2^k leaves starting at leaf j·2^k. */
export class MerkleTree {
  private readonly levels: Level[] = [new Level()];

  get size(): number {
    return this.levels[0].count;
  }

  /** Appends one leaf from a 32-byte entry hash at src[so..so+32], and the complete subtrees it finishes. */
  appendEntryHash(src: Uint8Array, so = 0): void {
    const l0 = this.levels[0];
    leafInto(src, so, l0.bytes, l0.reserve());
    l0.count++;
    this.carry();
  }

  /** Appends leaves that are already leaf hashes. */
  appendLeaves(leaves: readonly Uint8Array[]): void {
    for (const leaf of leaves) {
      this.levels[0].push(leaf, 0);
      this.carry();
    }
  }

  private carry(): void {
    let k = 0;
    let idx = this.levels[0].count - 1;
    while (idx % 2 === 1) {
      const level = this.levels[k];
      if (!this.levels[k + 1]) this.levels.push(new Level());
      const up = this.levels[k + 1];
      nodeInto(level.bytes, 32 * (idx - 1), level.bytes, 32 * idx, up.bytes, up.reserve());
      up.count++;
      k++;
      idx = (idx - 1) / 2;
    }
  }

  /** MTH(D[start:start+n]) for n ≥ 1 within the first `size` leaves. */
  private subtree(start: number, n: number): Buffer {
    if ((n & (n - 1)) === 0 && start % n === 0) return this.levels[Math.log2(n)].get(start / n);
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  /** The tree head (root hash) over the first `n` leaves; SHA-256 of nothing for 0. */
  root(n: number = this.size): Buffer {
    if (n > this.size) throw new RangeError(`the tree has ${this.size} leaves, not ${n}`);
    if (n === 0) return createHash('sha256').digest();
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

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path (null when the path cannot fit). */
export function rootFromInclusion(leaf: Buffer, m: number, n: number, path: readonly Buffer[]): Buffer | null {
  if (m >= n) return null;
  let fn = m;
  let sn = n - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
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
 * The custody log's tree over at least its first `entries` entries, from the cached tree plus the
 * entries written since. If the cached last entry no longer has its hash (a restored or rewritten
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
    const rows = db.prepare('SELECT seq, unhex(hash) AS h FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq').raw().iterate(tree.size, entries) as IterableIterator<[number, Buffer]>;
    let last: Buffer | null = null;
    for (const [seq, h] of rows) {
      if (seq !== tree.size + 1 || h.length !== 32) throw new Error(`custody entry ${tree.size + 1} is missing or its hash is not 32 bytes`);
      tree.appendEntryHash(h);
      last = h;
    }
    if (last) cached.lastHash = last.toString('hex');
  }
  if (tree.size < entries) throw new RangeError(`the custody log has ${tree.size} entries, not ${entries}`);
  return tree;
}
