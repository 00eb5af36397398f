import { createHash, createHmac, type KeyObject } from 'node:crypto';
import { writeTx, type Db } from '../db/database';
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
 * change. `MerkleTree` keeps every complete subtree of the leaves it holds (32 bytes each, one
 * flat array per level); `CustodyMerkle` serves the whole log from stored block roots.
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
    const at = l0.reserve(); // first: it may replace l0.bytes with a larger array
    leafInto(src, so, l0.bytes, at);
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
      const at = up.reserve(); // first: it may replace up.bytes with a larger array
      nodeInto(level.bytes, 32 * (idx - 1), level.bytes, 32 * idx, up.bytes, at);
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

  /** MTH(D[start:start+n]) within this tree (n ≥ 1). */
  rootOf(start: number, n: number): Buffer {
    if (start + n > this.size || n < 1) throw new RangeError(`leaves ${start}..${start + n} are not in a tree of ${this.size}`);
    return this.subtree(start, n);
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
    return auditPath(m, n, (start, len) => this.subtree(start, len));
  }
}

/** RFC 9162 §2.1.3.1 PATH(m, D[n]) over any tree that can hash a run of its leaves, bottom first. */
function auditPath(m: number, n: number, subtree: (start: number, len: number) => Buffer): Buffer[] {
  const path: Buffer[] = [];
  const walk = (mm: number, start: number, len: number): void => {
    if (len === 1) return;
    const k = largestPowerOfTwoBelow(len);
    if (mm < k) {
      walk(mm, start, k);
      path.push(subtree(start + k, len - k));
    } else {
      walk(mm - k, start + k, len - k);
      path.push(subtree(start, k));
    }
  };
  walk(m, 0, n);
  return path;
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

/** Leaves per cached block: a complete subtree of 2^10 leaves, stored once it is full. */
export const BLOCK = 1024;

interface BlockRow {
  block: number;
  node: Buffer;
  mac: Buffer;
  last_entry_hash: string;
  current: string | null;
}

/**
 * The custody log's tree over its first `size` entries. The roots of complete 1024-entry blocks
 * are kept in `custody_merkle_blocks` (derived data, each row with an HMAC under a key derived
 * from the installation's private checkpoint key, and the hash of the block's last entry, which
 * the hash chain ties to every entry before it); a row that does not check out is recomputed
 * from the entries. So a head over 1,000,000 entries combines about a thousand stored roots and
 * hashes only the entries of the last, partial block and of the blocks a proof passes through.
 */
export class CustodyMerkle {
  private readonly blockRoots: Buffer[] = [];
  private readonly leafTrees = new Map<number, MerkleTree>();

  constructor(
    private readonly db: Db,
    private readonly macKey: Buffer,
    readonly size: number,
  ) {
    const full = Math.floor(size / BLOCK);
    const rows = db
      .prepare('SELECT b.block, b.node, b.mac, b.last_entry_hash, c.hash AS current FROM custody_merkle_blocks b LEFT JOIN custody_log c ON c.seq = (b.block + 1) * ? WHERE b.block < ? ORDER BY b.block')
      .all(BLOCK, full) as BlockRow[];
    for (const r of rows) if (r.current === r.last_entry_hash && r.node.length === 32 && r.mac.equals(this.mac(r.block, r.last_entry_hash, r.node))) this.blockRoots[r.block] = r.node;
    const made: { block: number; node: Buffer; last: string }[] = [];
    const lastOf = db.prepare('SELECT hash FROM custody_log WHERE seq = ?');
    for (let b = 0; b < full; b++) {
      if (this.blockRoots[b]) continue;
      const tree = this.readLeaves(b, BLOCK);
      this.blockRoots[b] = tree.root();
      const last = lastOf.get((b + 1) * BLOCK) as { hash: string };
      made.push({ block: b, node: this.blockRoots[b], last: last.hash });
    }
    if (made.length > 0) {
      try {
        writeTx(db, () => storeBlockRoots(db, macKey, made));
      } catch {
        // A busy or read-only database: the tree is still right, only not remembered.
      }
    }
  }

  private mac(block: number, lastEntryHash: string, node: Buffer): Buffer {
    return blockMac(this.macKey, block, lastEntryHash, node);
  }

  /** The leaves of block b (up to `count` of them), as a small tree. */
  private readLeaves(b: number, count: number): MerkleTree {
    const tree = new MerkleTree();
    const rows = this.db.prepare('SELECT seq, unhex(hash) FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq').raw().iterate(b * BLOCK, b * BLOCK + count) as IterableIterator<[number, Buffer]>;
    for (const [seq, h] of rows) {
      if (seq !== b * BLOCK + tree.size + 1 || h.length !== 32) throw new Error(`custody entry ${b * BLOCK + tree.size + 1} is missing or its hash is not 32 bytes`);
      tree.appendEntryHash(h);
    }
    if (tree.size !== count) throw new RangeError(`the custody log has fewer than ${b * BLOCK + count} entries`);
    return tree;
  }

  private leafTree(b: number): MerkleTree {
    let t = this.leafTrees.get(b);
    if (!t) {
      t = this.readLeaves(b, Math.min(BLOCK, this.size - b * BLOCK));
      this.leafTrees.set(b, t);
    }
    return t;
  }

  /** MTH(D[start:start+n]). */
  private subtree(start: number, n: number): Buffer {
    const aligned = (n & (n - 1)) === 0 && start % n === 0;
    if (aligned && n === BLOCK && this.blockRoots[start / BLOCK]) return this.blockRoots[start / BLOCK];
    if (aligned && n > BLOCK) return nodeHash(this.subtree(start, n / 2), this.subtree(start + n / 2, n / 2));
    const b = Math.floor(start / BLOCK);
    if (start + n <= (b + 1) * BLOCK) return this.leafTree(b).rootOf(start - b * BLOCK, n);
    const k = largestPowerOfTwoBelow(n);
    return nodeHash(this.subtree(start, k), this.subtree(start + k, n - k));
  }

  root(): Buffer {
    return this.size === 0 ? createHash('sha256').digest() : this.subtree(0, this.size);
  }

  /** RFC 9162 §2.1.3.1 PATH(m, D[size]), bottom first. */
  inclusionPath(m: number): Buffer[] {
    if (m < 0 || m >= this.size) throw new RangeError(`leaf ${m} is not in a tree of ${this.size} leaves`);
    return auditPath(m, this.size, (start, len) => this.subtree(start, len));
  }
}

/** The HMAC of a stored block root: ties it to the block's number and its last entry's hash, under the installation's key. */
export function blockMac(macKey: Uint8Array, block: number, lastEntryHash: string, node: Uint8Array): Buffer {
  return createHmac('sha256', macKey).update(`custodian-merkle-block-v1\n${block}\n${lastEntryHash}\n`).update(node).digest();
}

/** A stored block root checks out: 32 bytes, its HMAC, and the hash of the block's last entry as the log has it now. */
export function blockRootHolds(macKey: Uint8Array, block: number, row: { node: Uint8Array; mac: Uint8Array; last_entry_hash: string }, lastEntryHashNow: string): boolean {
  return row.last_entry_hash === lastEntryHashNow && row.node.length === 32 && Buffer.from(row.mac).equals(blockMac(macKey, block, row.last_entry_hash, row.node));
}

/** The root of one complete block from its 1024 entry hashes (hex), in order. */
export function blockRootOf(entryHashesHex: readonly string[]): Buffer {
  if (entryHashesHex.length !== BLOCK) throw new RangeError(`a block has ${BLOCK} entries, not ${entryHashesHex.length}`);
  const tree = new MerkleTree();
  for (const h of entryHashesHex) tree.appendEntryHash(Buffer.from(h, 'hex'));
  return tree.root();
}

/** Stores block roots with their HMACs; call inside a write transaction. */
export function storeBlockRoots(db: Db, macKey: Uint8Array, made: readonly { block: number; node: Uint8Array; last: string }[]): void {
  const put = db.prepare('INSERT OR REPLACE INTO custody_merkle_blocks (block, node, mac, last_entry_hash) VALUES (?, ?, ?, ?)');
  for (const m of made) put.run(m.block, Buffer.from(m.node), blockMac(macKey, m.block, m.last, m.node), m.last);
}

/** The HMAC key for the stored block roots: derived from the private checkpoint key, so whoever can rewrite the database cannot forge them. */
export function merkleCacheKey(privateKey: KeyObject): Buffer {
  return createHash('sha256').update('custodian-merkle-cache-key-v1\n').update(privateKey.export({ type: 'pkcs8', format: 'der' })).digest();
}

/** The custody log's tree over its first `entries` entries. */
export function custodyTree(db: Db, privateKey: KeyObject, entries: number): CustodyMerkle {
  return new CustodyMerkle(db, merkleCacheKey(privateKey), entries);
}
