import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database';
import { hashPassword, verifyPassword } from './passwords';

// Crockford base32: no I, L, O or U, so a printed code is read back without confusion.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 5;
const GROUP_LENGTH = 5;

/** 25 symbols = 125 random bits, printed as five groups of five. */
export function newRecoveryCode(): string {
  const bytes = randomBytes(GROUPS * GROUP_LENGTH);
  const symbols = [...bytes].map((b) => ALPHABET[b & 31]);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) groups.push(symbols.slice(g * GROUP_LENGTH, (g + 1) * GROUP_LENGTH).join(''));
  return groups.join('-');
}

/** Case, spaces and dashes do not matter; O→0 and I/L→1 as Crockford reads them. */
export function normaliseRecoveryCode(code: string): string {
  return code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
}

export function hashRecoveryCode(code: string): Promise<string> {
  return hashPassword(normaliseRecoveryCode(code));
}

interface RecoveryRow {
  id: number;
  code_hash: string;
  issued_at: string;
}

export function activeRecoveryCode(db: Db): { id: number; issuedAt: string; hash: string } | null {
  const r = db.prepare('SELECT id, code_hash, issued_at FROM recovery_codes WHERE used_at IS NULL AND revoked_at IS NULL ORDER BY id DESC LIMIT 1').get() as RecoveryRow | undefined;
  return r ? { id: r.id, issuedAt: r.issued_at, hash: r.code_hash } : null;
}

/** Inside a write transaction: the new code replaces any earlier unused one. */
export function storeRecoveryCode(db: Db, hash: string, issuedBy: string, now: string): number {
  db.prepare('UPDATE recovery_codes SET revoked_at = ? WHERE used_at IS NULL AND revoked_at IS NULL').run(now);
  return Number(db.prepare('INSERT INTO recovery_codes (code_hash, issued_at, issued_by) VALUES (?, ?, ?)').run(hash, now, issuedBy).lastInsertRowid);
}

/** Inside a write transaction. */
export function markRecoveryCodeUsed(db: Db, id: number, usedBy: string, now: string): boolean {
  return db.prepare('UPDATE recovery_codes SET used_at = ?, used_by = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL').run(now, usedBy, id).changes === 1;
}

export async function recoveryCodeMatches(db: Db, code: string): Promise<{ id: number } | null> {
  const active = activeRecoveryCode(db);
  if (!active) return null;
  return (await verifyPassword(normaliseRecoveryCode(code), active.hash)) ? { id: active.id } : null;
}
