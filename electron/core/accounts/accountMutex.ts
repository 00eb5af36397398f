import type { CoreContext } from '../coreContext';

/**
 * One password check at a time per account (CJIS AC-7). scrypt is asynchronous, so without
 * this a burst of parallel sign-ins reads "not locked" before any of them has failed and every
 * guess is checked, however many the lockout allows. Each check waits for the one before it,
 * then reads the account afresh; once the fifth failure has locked it, the waiting ones see
 * the lock and are refused without their password being checked.
 *
 * Keyed per open core (one database) and per user id (or, for a name no account has, by that
 * name, so an unknown name queues the same way); a queue that empties is forgotten.
 * Another process on the same data folder (the CLI) is not covered by this: the session and
 * the unlock are also re-checked inside their write transaction.
 */
const queues = new WeakMap<CoreContext['db'], Map<number | string, Promise<void>>>();

export async function withAccountLock<T>(core: Pick<CoreContext, 'db'>, key: number | string, fn: () => Promise<T> | T): Promise<T> {
  let perCore = queues.get(core.db);
  if (!perCore) {
    perCore = new Map();
    queues.set(core.db, perCore);
  }
  const before = perCore.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = before.then(() => mine);
  perCore.set(key, tail);
  await before;
  try {
    return await fn();
  } finally {
    release();
    if (perCore.get(key) === tail) perCore.delete(key);
  }
}
