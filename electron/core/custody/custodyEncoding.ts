import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface CustodyRow {
  seq: number;
  at: string;
  user_id: number | null;
  username: string;
  role: string;
  workstation: string;
  action: string;
  outcome: string;
  object_id: string | null;
  object_sha256: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The canonical encoding is a JSON array with fixed positions, so a third party can
 * recompute it in any language (docs/custody-verification.md):
 * ["custody-v1", seq, at, userId, username, role, workstation, action, outcome,
 *  objectId, objectSha256, details, prevHash]
 * where details is the stored JSON text, included as a string.
 */
export function canonicalEntry(row: Omit<CustodyRow, 'hash'>): string {
  return JSON.stringify([
    'custody-v1',
    row.seq,
    row.at,
    row.user_id,
    row.username,
    row.role,
    row.workstation,
    row.action,
    row.outcome,
    row.object_id,
    row.object_sha256,
    row.details,
    row.prev_hash,
  ]);
}

export function entryHash(row: Omit<CustodyRow, 'hash'>): string {
  return createHash('sha256').update(canonicalEntry(row), 'utf8').digest('hex');
}
