import path from 'node:path';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { it } from 'vitest';
import { openDatabase, writeTx } from '../../../electron/core/db/database';
import { MerkleTree, custodyTree, leafHash } from '../../../electron/core/custody/merkle';
import { tempDir } from '../requests/desk';
it('dbg', () => {
  const db = openDatabase(path.join(tempDir('zz-'), 'c.sqlite'));
  const { privateKey } = generateKeyPairSync('ed25519');
  const hashOf = (seq: number) => createHash('sha256').update(`entry ${seq}`).digest('hex');
  const put = db.prepare(`INSERT INTO custody_log (seq, at, user_id, username, role, workstation, action, outcome, object_id, object_sha256, details, prev_hash, hash) VALUES (?, 'x', NULL, 't', 's', 'w', 'n', 's', NULL, NULL, '{}', '', ?)`);
  writeTx(db, () => { for (let s = 1; s <= 3077; s++) put.run(s, hashOf(s)); });
  const plain = new MerkleTree();
  plain.appendLeaves(Array.from({ length: 3077 }, (_, i) => leafHash(hashOf(i + 1))));
  for (const n of [3072, 3073, 3077, 2053, 2049]) console.log(n, custodyTree(db, privateKey, n).root().equals(plain.root(n)));
  const t = new MerkleTree(); t.appendLeaves(Array.from({ length: 5 }, (_, i) => leafHash(hashOf(3073 + i))));
  console.log('rootOf', t.rootOf(0, 5).equals(t.root(5)));
});
