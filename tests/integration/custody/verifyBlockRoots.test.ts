import { afterAll, beforeAll, expect, test } from 'vitest';
import { BLOCK, MerkleTree, custodyTree } from '../../../electron/core/custody/merkle';
import { custodyTrust, verifyChain, verifyChainParallel } from '../../../electron/core/custody/verifyChain';
import { verifyRange } from '../../../electron/core/custody/verifyRange';
import { openSetUpCore, removeDir, type Opened } from '../ingest/helpers';

// Chain verification also checks the Merkle tree's stored block roots and makes the missing or
// wrong ones from the entry hashes it has just verified (issue 14: verify with the tree).

let o: Opened;
const dirs: string[] = [];
const blocks = () => o.core.db.prepare('SELECT block, node FROM custody_merkle_blocks ORDER BY block').all() as { block: number; node: Buffer }[];

/** The root of block b from the log's entry hashes, with the plain tree. */
function plainRoot(b: number): Buffer {
  const t = new MerkleTree();
  const hs = o.core.db.prepare('SELECT unhex(hash) FROM custody_log WHERE seq > ? AND seq <= ? ORDER BY seq').pluck().all(b * BLOCK, (b + 1) * BLOCK) as Buffer[];
  for (const h of hs) t.appendEntryHash(h);
  return t.root();
}

beforeAll(async () => {
  o = await openSetUpCore();
  dirs.push(o.dataDir);
  const actor = o.core.systemActor();
  o.core.db.transaction(() => {
    while (o.core.custody.head().seq < 3 * BLOCK + 100) o.core.custody.append(actor, { action: 'view' });
    o.core.checkpoint();
  })();
});

afterAll(async () => {
  await o.core.close();
  dirs.forEach(removeDir);
});

test('a verification makes every complete block root the tree lacks, the same as the tree computes', async () => {
  o.core.db.prepare('DELETE FROM custody_merkle_blocks').run();
  const v = await verifyChainParallel(o.core.db, o.core.origin, custodyTrust(o.core));
  expect(v.ok).toBe(true);
  const n = o.core.custody.head().seq;
  const made = blocks();
  expect(made.map((b) => b.block)).toEqual([...Array(Math.floor(n / BLOCK)).keys()]);
  for (const b of made) expect(b.node.equals(plainRoot(b.block)), `block ${b.block}`).toBe(true);
  // The tree then uses them as they are: it neither rewrites them nor disagrees.
  const before = o.core.db.prepare('SELECT block, node, mac, last_entry_hash FROM custody_merkle_blocks ORDER BY block').all();
  const root = custodyTree(o.core.db, o.core.key.privateKey!, n).root();
  expect(o.core.db.prepare('SELECT block, node, mac, last_entry_hash FROM custody_merkle_blocks ORDER BY block').all()).toEqual(before);
  o.core.db.prepare('DELETE FROM custody_merkle_blocks').run();
  expect(custodyTree(o.core.db, o.core.key.privateKey!, n).root().equals(root)).toBe(true);
});

test('a stored block root changed behind the app is made again by the next verification; a verifier without the key leaves them alone', async () => {
  await verifyChainParallel(o.core.db, o.core.origin, custodyTrust(o.core));
  const wrong = Buffer.alloc(32, 7);
  o.core.db.prepare('UPDATE custody_merkle_blocks SET node = ? WHERE block = 1').run(wrong);
  const { merkleKey: _unused, ...withoutKey } = custodyTrust(o.core);
  expect(verifyChain(o.core.db, o.core.origin, withoutKey).ok).toBe(true);
  expect(blocks()[1]!.node.equals(wrong)).toBe(true);
  expect(verifyChain(o.core.db, o.core.origin, custodyTrust(o.core)).ok).toBe(true);
  expect(blocks()[1]!.node.equals(plainRoot(1))).toBe(true);
});

test('a range leaves a block that began before it to the range before it, and reports only blocks that need making', () => {
  const key = custodyTrust(o.core).merkleKey!;
  const from = BLOCK + 5;
  o.core.db.prepare('DELETE FROM custody_merkle_blocks WHERE block = 2').run();
  const r = verifyRange(o.core.db.name, from, 3 * BLOCK + 100, [], key);
  expect(r.bad).toBeNull();
  expect(r.blocks!.map((b) => b.block)).toEqual([2]);
  expect(Buffer.from(r.blocks![0]!.node).equals(plainRoot(2))).toBe(true);
  expect(verifyRange(o.core.db.name, 1, 3 * BLOCK + 100, []).blocks).toBeUndefined();
});

test('a log that fails verification stores no block roots', async () => {
  o.core.db.prepare('DELETE FROM custody_merkle_blocks').run();
  o.core.db.exec('DROP TRIGGER custody_log_no_update'); // behind the app's back
  o.core.db.prepare("UPDATE custody_log SET details = '{\"changed\":true}' WHERE seq = ?").run(2 * BLOCK + 3);
  const v = await verifyChainParallel(o.core.db, o.core.origin, custodyTrust(o.core));
  expect(v.ok).toBe(false);
  expect(v.firstBadSeq).toBe(2 * BLOCK + 3);
  expect(blocks()).toEqual([]);
});
