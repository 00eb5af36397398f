import Database from 'better-sqlite3';
import { CustodianError } from '../../../shared/errors';
import { migrations, type Migration } from './migrations';
import { createPrivateFile, ensurePrivateFile } from '../store/privateFiles';

export type Db = Database.Database;

/**
 * Opens the evidence database with the durability settings evidence needs:
 * WAL + synchronous=FULL (with NORMAL a commit the user saw can roll back after power loss),
 * and the file and its -wal/-shm readable by the app's OS account only.
 */
export function openDatabase(file: string, list: Migration[] = migrations): Db {
  const onDisk = file !== ':memory:' && file !== '';
  // Created 0600 before SQLite opens it (SQLite would use the umask's 0644, and gives its
  // -wal/-shm the database's mode); an older, looser database is tightened.
  if (onDisk) createPrivateFile(file);
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    if (onDisk) for (const f of [`${file}-wal`, `${file}-shm`]) ensurePrivateFile(f);
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 10000');
    migrate(db, list);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}

export function latestVersion(list: Migration[] = migrations): number {
  return list.reduce((max, m) => Math.max(max, m.version), 0);
}

function migrate(db: Db, list: Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const latest = latestVersion(list);
  if (current > latest) {
    throw new CustodianError(
      'DB_TOO_NEW',
      'This evidence database was written by a newer version of Custodian. Install that version; this one will not open it, so nothing in it can be damaged.',
      { databaseVersion: current, supportedVersion: latest },
    );
  }
  const pending = list.filter((m) => m.version > current).sort((a, b) => a.version - b.version);
  if (pending.length === 0) return;
  // Foreign keys off while migrating (a no-op inside a transaction, so set here): a migration
  // may rebuild a table to change a CHECK (SQLite's documented procedure); every reference is
  // checked again before the commit.
  const fk = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  try {
    writeTx(db, () => {
      for (const m of pending) db.exec(m.sql);
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length > 0) throw new Error(`migration left ${broken.length} broken references`);
      db.pragma(`user_version = ${latest}`);
    });
  } finally {
    db.pragma(`foreign_keys = ${fk ? 'ON' : 'OFF'}`);
  }
}

/** Every write starts with BEGIN IMMEDIATE so the busy timeout applies (see evidence-integrity.md). */
export function writeTx<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
