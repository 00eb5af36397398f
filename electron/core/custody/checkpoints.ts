import { sign } from 'node:crypto';
import type { Db } from '../db/database';
import type { CheckpointKey } from './checkpointKey';
import { checkpointSeal, sealKeyOf, writeSeals } from './checkpointSeal';
import { keyFingerprint } from './trust';

export interface Checkpoint {
  id: number;
  entries: number;
  headHash: string;
  signedAt: string;
  publicKey: string;
  signature: string;
}

interface CheckpointRow {
  id: number;
  entries: number;
  head_hash: string;
  signed_at: string;
  public_key: string;
  signature: string;
}

function fromRow(r: CheckpointRow): Checkpoint {
  return { id: r.id, entries: r.entries, headHash: r.head_hash, signedAt: r.signed_at, publicKey: r.public_key, signature: r.signature };
}

/** The signed text (UTF-8, LF after every line including the last); documented in docs/custody-verification.md. */
export function checkpointText(origin: string, entries: number, headHash: string): string {
  return `custodian-checkpoint-v1\n${origin}\n${entries}\n${headHash}\n`;
}

export function checkpointSignature(key: CheckpointKey, origin: string, entries: number, headHash: string): string {
  return sign(null, Buffer.from(checkpointText(origin, entries, headHash), 'utf8'), key.privateKey).toString('base64');
}

/** Signs the head and stores the checkpoint with its seal (checkpointSeal.ts); call inside the write transaction that made the head. */
export function signCheckpoint(
  db: Db,
  key: CheckpointKey,
  origin: string,
  head: { seq: number; hash: string },
  now: Date = new Date(),
): Checkpoint {
  const signature = checkpointSignature(key, origin, head.seq, head.hash);
  const signedAt = now.toISOString();
  const info = db
    .prepare('INSERT INTO checkpoints (entries, head_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)')
    .run(head.seq, head.hash, signedAt, key.publicKeyPem, signature);
  const cp = { id: Number(info.lastInsertRowid), entries: head.seq, headHash: head.hash, signedAt, publicKey: key.publicKeyPem, signature };
  const fingerprint = keyFingerprint(key.publicKeyPem);
  if (fingerprint) writeSeals(db, [{ id: cp.id, seal: checkpointSeal(sealKeyOf(key.privateKey), origin, cp, fingerprint) }]);
  return cp;
}

export function latestCheckpoint(db: Db): Checkpoint | null {
  const r = db.prepare('SELECT * FROM checkpoints ORDER BY id DESC LIMIT 1').get() as CheckpointRow | undefined;
  return r ? fromRow(r) : null;
}

/** Every checkpoint, oldest first. */
export function allCheckpoints(db: Db): Checkpoint[] {
  // Named as Checkpoint's fields in SQL: 100,000 rows need no second object each.
  return db.prepare('SELECT id, entries, head_hash AS headHash, signed_at AS signedAt, public_key AS publicKey, signature FROM checkpoints ORDER BY id').all() as Checkpoint[];
}

/** The checkpoints written after checkpoint `id`, oldest first (at most `limit`). */
export function checkpointsAfter(db: Db, id: number, limit = -1): Checkpoint[] {
  return (db.prepare('SELECT * FROM checkpoints WHERE id > ? ORDER BY id LIMIT ?').all(id, limit) as CheckpointRow[]).map(fromRow);
}

export function checkpointById(db: Db, id: number): Checkpoint | null {
  const r = db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as CheckpointRow | undefined;
  return r ? fromRow(r) : null;
}
