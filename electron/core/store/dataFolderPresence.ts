import path from 'node:path';
import Database from 'better-sqlite3';
import { createPrivateFile } from './privateFiles';

/**
 * Which cores have a data folder open, across processes. Start-up reconciliation deletes
 * `.part` files, fails `staged` rows and quarantines objects without a committed row — all
 * of which, in a folder another process is using right now (the app and a CLI run, say),
 * would be that process's ingest in progress. So reconciliation runs only when this core is
 * alone.
 *
 * The lock is SQLite's own file locking on `presence.sqlite` (rollback-journal mode):
 * every open core holds a SHARED lock for its lifetime; a starting core that can take an
 * EXCLUSIVE lock at once is alone and reconciles while holding it. The operating system
 * drops the locks of a killed process, so a crash never leaves a stale "someone is here".
 */

export const PRESENCE_FILE = 'presence.sqlite';

interface Holder {
  db: Database.Database;
  timer: NodeJS.Timeout;
  isOpen: () => boolean;
}

const holders = new Map<string, Set<Holder>>();
const SHARED_WAIT_MS = 10 * 60_000;

function release(root: string, h: Holder): void {
  clearInterval(h.timer);
  holders.get(root)?.delete(h);
  try {
    h.db.close();
  } catch {
    // already closed
  }
}

/** Cores in this process that were closed since: their presence goes with them. */
function sweep(root: string): void {
  for (const h of [...(holders.get(root) ?? [])]) if (!h.isOpen()) release(root, h);
}

function isBusy(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

async function holdShared(db: Database.Database): Promise<boolean> {
  const deadline = Date.now() + SHARED_WAIT_MS;
  for (;;) {
    try {
      db.prepare('BEGIN').run();
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return true;
    } catch (err) {
      if (db.inTransaction) db.prepare('ROLLBACK').run();
      // Another core is reconciling (it holds EXCLUSIVE): wait for it to finish.
      if (!isBusy(err) || Date.now() > deadline) return false;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * Marks this core present in `root` for as long as `isOpen()` stays true. If no other core
 * (in any process) is present, `whileAlone` runs first, with the folder held exclusively.
 * Returns whether it was alone.
 */
export async function enterDataFolder(root: string, isOpen: () => boolean, whileAlone: () => Promise<void>): Promise<{ alone: boolean }> {
  const key = path.resolve(root);
  sweep(key);
  // Every file in the data folder is the app account's alone (0600), this one included.
  createPrivateFile(path.join(key, PRESENCE_FILE));
  const db = new Database(path.join(key, PRESENCE_FILE), { timeout: 0 });
  let alone = false;
  try {
    try {
      db.prepare('BEGIN EXCLUSIVE').run();
      alone = true;
    } catch (err) {
      if (!isBusy(err)) throw err;
    }
    if (alone) {
      try {
        await whileAlone();
      } finally {
        db.prepare('COMMIT').run();
      }
    }
    if (!(await holdShared(db))) {
      db.close();
      return { alone };
    }
  } catch (err) {
    if (db.open) db.close();
    throw err;
  }
  const h: Holder = { db, isOpen, timer: setInterval(() => !isOpen() && release(key, h), 2000) };
  h.timer.unref();
  let set = holders.get(key);
  if (!set) holders.set(key, (set = new Set()));
  set.add(h);
  return { alone };
}
