import type { Db } from '../db/database';
import type { Role } from '../../../shared/roles';

export interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  roles: string;
  created_at: string;
  disabled: number;
  locked_at: string | null;
  locked_reason: string | null;
  password_changed_at: string;
  mfa_secret: string | null;
  mfa_enabled_at: string | null;
  mfa_pending_secret: string | null;
  mfa_pending_at: string | null;
  mfa_last_step: number | null;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  lockedAt: string | null;
  lockedReason: string | null;
  mfaEnabled: boolean;
  createdAt: string;
  passwordChangedAt: string;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as Role[],
    disabled: r.disabled === 1,
    lockedAt: r.locked_at,
    lockedReason: r.locked_reason,
    mfaEnabled: r.mfa_enabled_at !== null && r.mfa_secret !== null,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
  };
}

export function isAdministrator(r: UserRow): boolean {
  return (JSON.parse(r.roles) as Role[]).includes('administrator');
}

export function findUserByName(db: Db, username: string): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
}

export function findUserById(db: Db, id: number): UserRow | undefined {
  return db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export function listUsers(db: Db): User[] {
  return (db.prepare('SELECT * FROM users ORDER BY username').all() as UserRow[]).map(toUser);
}

export function insertUser(db: Db, u: { username: string; displayName: string; passwordHash: string; roles: Role[]; now: string }): number {
  const info = db
    .prepare(
      `INSERT INTO users (username, display_name, password_hash, roles, created_at, password_changed_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    )
    .run(u.username, u.displayName, u.passwordHash, JSON.stringify(u.roles), u.now, u.now);
  return Number(info.lastInsertRowid);
}

export function countUsers(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
}

export function setPasswordHash(db: Db, userId: number, hash: string, now: string): void {
  db.prepare('UPDATE users SET password_hash = ?, password_changed_at = ? WHERE id = ?').run(hash, now, userId);
}

export function clearMfa(db: Db, userId: number): void {
  db.prepare('UPDATE users SET mfa_secret = NULL, mfa_enabled_at = NULL, mfa_pending_secret = NULL, mfa_pending_at = NULL, mfa_last_step = NULL WHERE id = ?').run(userId);
}
