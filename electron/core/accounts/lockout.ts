import type { Db } from '../db/database';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import type { CustodyActionCode } from '../../../shared/domain/custodyActions';

/** CJIS AC-7: five invalid log-on attempts within 15 minutes lock the account until an administrator releases it. */
export const LOCKOUT_THRESHOLD = 5;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
// The custody log is the audit record; attempts are kept only as long as the lockout needs them.
const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

export type AttemptKind = 'login' | 'mfa' | 'unlock' | 'reauth' | 'password-change' | 'admin-unlock' | 'break-glass';

interface AttemptRecord {
  userId: number | null;
  username: string;
  workstation: string;
  kind: AttemptKind;
  atMs: number;
}

function insertAttempt(db: Db, a: AttemptRecord, outcome: 'failure' | 'success' | 'reset'): void {
  db.prepare('INSERT INTO auth_attempts (at_ms, user_id, username, workstation, kind, outcome) VALUES (?, ?, ?, ?, ?, ?)').run(
    a.atMs,
    a.userId,
    a.username.slice(0, 64),
    a.workstation,
    a.kind,
    outcome,
  );
  db.prepare('DELETE FROM auth_attempts WHERE at_ms < ?').run(a.atMs - ATTEMPT_RETENTION_MS);
}

/**
 * Consecutive failures inside the window: a success or an administrator's release since the
 * last failure starts the count again.
 */
export function recentFailures(db: Db, userId: number, nowMs: number): number {
  const row = db
    .prepare(
      `SELECT COUNT(*) AS n FROM auth_attempts
       WHERE user_id = ? AND outcome = 'failure' AND at_ms >= ?
         AND id > COALESCE((SELECT MAX(id) FROM auth_attempts WHERE user_id = ? AND outcome IN ('success', 'reset')), 0)`,
    )
    .get(userId, nowMs - LOCKOUT_WINDOW_MS, userId) as { n: number };
  return row.n;
}

/** Inside a write transaction. A success ends the run of failures. */
export function recordSuccess(db: Db, a: AttemptRecord): void {
  insertAttempt(db, a, 'success');
}

/** Inside a write transaction: an administrator's release or a break-glass. */
export function resetFailures(db: Db, a: AttemptRecord): void {
  insertAttempt(db, a, 'reset');
}

/** Inside a write transaction: records one failure and locks the account at the threshold. */
export function recordFailure(db: Db, a: AttemptRecord, nowIso: string): { failures: number; lockedNow: boolean } {
  insertAttempt(db, a, 'failure');
  if (a.userId === null) return { failures: 0, lockedNow: false };
  const failures = recentFailures(db, a.userId, a.atMs);
  if (failures < LOCKOUT_THRESHOLD) return { failures, lockedNow: false };
  const info = db.prepare("UPDATE users SET locked_at = ?, locked_reason = 'failed-attempts' WHERE id = ? AND locked_at IS NULL").run(nowIso, a.userId);
  return { failures, lockedNow: info.changes === 1 };
}

export interface AuthFailure {
  userId: number | null;
  username: string;
  kind: AttemptKind;
  /** The custody action for the failure itself, e.g. 'login-failed', 'session-unlock-failed'. */
  action: CustodyActionCode;
  reason: string;
  details?: Record<string, unknown>;
}

/**
 * Logs one failed authentication and counts it towards the lockout, in one transaction.
 * When it is the fifth, the account locks, `account-locked` is logged and every session of
 * that user ends.
 */
export function recordAuthFailure(core: CoreContext, actor: Actor, f: AuthFailure): { lockedNow: boolean; failures: number } {
  const now = core.clock();
  const result = core.record(actor, () => {
    const r = recordFailure(core.db, { userId: f.userId, username: f.username, workstation: actor.workstation, kind: f.kind, atMs: now.getTime() }, now.toISOString());
    const objectId = f.userId === null ? null : `user:${f.userId}`;
    const events: CustodyEvent[] = [{ action: f.action, outcome: 'failure', objectId, details: { reason: f.reason, attempt: f.kind, failuresInWindow: r.failures, ...f.details } }];
    if (r.lockedNow) {
      events.push({
        action: 'account-locked',
        outcome: 'success',
        objectId,
        details: { username: f.username, reason: `${LOCKOUT_THRESHOLD} failed attempts within ${LOCKOUT_WINDOW_MS / 60000} minutes`, lastAttempt: f.kind },
      });
    }
    return { result: r, events };
  });
  if (result.lockedNow && f.userId !== null) core.sessions.endAllFor(f.userId);
  return result;
}
