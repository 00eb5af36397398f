import { createPublicKey, sign, verify } from 'node:crypto';
import type { Db } from '../db/database';
import type { CheckpointKey } from './checkpointKey';

export interface Checkpoint {
  id: number;
  entries: number;
  headHash: string;
  signedAt: string;
  publicKey: string;
  signature: string;
}

/** The signed text; documented in docs/custody-verification.md. */
export function checkpointText(origin: string, entries: number, headHash: string): string {
  return `custodian-checkpoint-v1\n${origin}\n${entries}\n${headHash}\n`;
}

export function signCheckpoint(
  db: Db,
  key: CheckpointKey,
  origin: string,
  head: { seq: number; hash: string },
  now: Date = new Date(),
): Checkpoint {
  const signature = sign(null, Buffer.from(checkpointText(origin, head.seq, head.hash)), key.privateKey).toString('base64');
  const signedAt = now.toISOString();
  const info = db
    .prepare('INSERT INTO checkpoints (entries, head_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)')
    .run(head.seq, head.hash, signedAt, key.publicKeyPem, signature);
  return { id: Number(info.lastInsertRowid), entries: head.seq, headHash: head.hash, signedAt, publicKey: key.publicKeyPem, signature };
}

export function latestCheckpoint(db: Db): Checkpoint | null {
  const r = db.prepare('SELECT * FROM checkpoints ORDER BY id DESC LIMIT 1').get() as
    | { id: number; entries: number; head_hash: string; signed_at: string; public_key: string; signature: string }
    | undefined;
  if (!r) return null;
  return { id: r.id, entries: r.entries, headHash: r.head_hash, signedAt: r.signed_at, publicKey: r.public_key, signature: r.signature };
}

export function checkpointSignatureValid(cp: Checkpoint, origin: string, expectedPublicKeyPem: string): boolean {
  if (cp.publicKey.trim() !== expectedPublicKeyPem.trim()) return false;
  try {
    return verify(null, Buffer.from(checkpointText(origin, cp.entries, cp.headHash)), createPublicKey(cp.publicKey), Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}
