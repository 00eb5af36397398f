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
  password_changed_at: string;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  disabled: boolean;
  lockedAt: string | null;
  createdAt: string;
}

export function toUser(r: UserRow): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    roles: JSON.parse(r.roles) as Role[],
    disabled: r.disabled === 1,
    lockedAt: r.locked_at,
    createdAt: r.created_at,
  };
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
