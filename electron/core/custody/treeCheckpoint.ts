import { createHash, sign } from 'node:crypto';
import type { CheckpointKey } from './checkpointKey';
import { rawPublicKey } from './trust';

/**
 * The custody log's Merkle tree head as a C2SP tlog-checkpoint in a C2SP signed note
 * (docs/custody-verification.md, "Merkle tree, proofs and the tree checkpoint"):
 *
 *   <origin>\n<tree size>\n<base64 root hash>\n\n— <key name> <base64(key hash ‖ signature)>\n
 *
 * signed with the installation's Ed25519 checkpoint key over the note text (the three lines
 * with their LFs). The key name is the origin; the key hash is the first 4 bytes of
 * SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key), as signed-note says for Ed25519.
 */

export function noteKeyHash(name: string, publicKeyPem: string): Buffer {
  const raw = rawPublicKey(publicKeyPem);
  if (!raw) throw new Error('the checkpoint key is not an Ed25519 key');
  return createHash('sha256').update(Buffer.concat([Buffer.from(name, 'utf8'), Buffer.from([0x0a, 0x01]), raw])).digest().subarray(0, 4);
}

export function treeNoteText(origin: string, treeSize: number, rootHash: Buffer): string {
  if (/[\s+]/.test(origin) || origin === '') throw new Error('a checkpoint origin has no spaces or plus signs');
  return `${origin}\n${treeSize}\n${rootHash.toString('base64')}\n`;
}

export function signedTreeNote(key: CheckpointKey, origin: string, treeSize: number, rootHash: Buffer): string {
  const body = treeNoteText(origin, treeSize, rootHash);
  const sig = sign(null, Buffer.from(body, 'utf8'), key.privateKey);
  const blob = Buffer.concat([noteKeyHash(origin, key.publicKeyPem), sig]).toString('base64');
  return `${body}\n\u2014 ${origin} ${blob}\n`;
}
