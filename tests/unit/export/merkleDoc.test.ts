import { createPrivateKey, createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MerkleTree, leafHash } from '../../../electron/core/custody/merkle';
import { noteKeyHash, signedTreeNote } from '../../../electron/core/custody/treeCheckpoint';

/** The worked example of docs/custody-verification.md, "Merkle tree, inclusion proofs and the tree checkpoint". */
const E1 = 'e6887585245b592b347a62229f4a5092c2f9c4c5603f89cd9b78fecfe6924ff7';
const E2 = 'd5a410b5c20ee928894e9610799a9efbec02dd770d08cfbc8d456041076d0237';
const ORIGIN = 'custodian/0f8fad5b-d9cb-469f-a165-70867728950e';

describe('the documented Merkle example', () => {
  it('gives the documented leaves, root, proof and signed note', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const privateKey = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const key = { privateKey, publicKeyPem: createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }) as string };
    const tree = new MerkleTree();
    tree.appendLeaves([leafHash(E1), leafHash(E2)]);
    const out = {
      leaf1: leafHash(E1).toString('hex'),
      leaf2: leafHash(E2).toString('hex'),
      root: tree.root().toString('hex'),
      rootB64: tree.root().toString('base64'),
      proof1: tree.inclusionPath(0).map((b) => b.toString('base64')),
      keyHash: noteKeyHash(ORIGIN, key.publicKeyPem).toString('hex'),
      note: signedTreeNote(key, ORIGIN, 2, tree.root()),
    };
    expect(out).toEqual({
      leaf1: '4162687e9094f5e00bed6e30507651bb94490e3039471717908bdf8868530d13',
      leaf2: '19b9824ef62917d0959dfd79fe2afd04cf1f7d0f6d09092e7e95fba0775f98ad',
      root: 'a3e8a675b0a0378def745a9f44ee634bf3cfe72d204181c1c483c0f7e6bbb3ab',
      rootB64: 'o+imdbCgN43vdFqfRO5jS/PP5y0gQYHBxIPA9+a7s6s=',
      proof1: ['GbmCTvYpF9CVnf15/ir9BM8ffQ9tCQkufpX7oHdfmK0='],
      keyHash: 'dfe17a86',
      note: `${ORIGIN}\n2\no+imdbCgN43vdFqfRO5jS/PP5y0gQYHBxIPA9+a7s6s=\n\n\u2014 ${ORIGIN} 3+F6hnid+2pf/QO5Acb9BxS7U/Vb3RRaadm69XDfx9S7m5ZUeYSo63i2kjaziJ8S4QMaM5qvho9x+lFrIVKZYNCLFw4=\n`,
    });
  });
});
