import { CustodianError } from '../../../shared/errors';
import type { CoreContext as Core } from '../coreContext';
import type { AnyHandler } from '../api/registry';
import type { Session } from './sessions';

/** The parts of a method's declaration (api/registry.ts) the session gate enforces. */
export type SessionDeclaration = Pick<AnyHandler, 'access' | 'whileLocked' | 'beforeMfaEnrolment' | 'passive'>;

/** Writes what the session store did on its own (idle locks, 12-hour ends) to the custody log. */
export function logSessionEvents(core: Core): void {
  for (const ev of core.sessions.drainEvents()) {
    const actor = core.actorFor(ev.session, ev.session.workstation);
    const objectId = `user:${ev.session.userId}`;
    if (ev.kind === 'idle-locked') {
      core.log(actor, {
        action: 'session-locked',
        objectId,
        details: { reason: 'idle', idleMinutes: ev.idleMs / 60000, lastActivityAt: new Date(ev.session.lastActivity).toISOString(), lockedAt: new Date(ev.session.lockedAt ?? ev.at).toISOString() },
      });
    } else {
      core.log(actor, {
        action: 'session-expired',
        objectId,
        details: { reason: `signed in more than ${ev.maxAgeMs / 3_600_000} hours ago`, signedInAt: new Date(ev.session.createdAt).toISOString() },
      });
    }
  }
}

/**
 * Resolves the caller's session and decides whether it may make this call: signed in, not
 * past 12 hours (IA-11), not locked (AC-11), enrolled in a second factor if the agency
 * requires one, and holding a role the method needs. Refusals of role are logged. A call
 * that gets through counts as activity unless it only looks.
 */
export function admitCall(core: Core, method: string, declared: SessionDeclaration, token: string | undefined, workstation: string): Session | null {
  const { access } = declared;
  const session = core.sessions.get(token) ?? null;
  logSessionEvents(core);
  if (access === 'public') return session;
  if (!session) {
    if (core.sessions.endedForAge(token)) {
      throw new CustodianError('NOT_SIGNED_IN', 'You signed in more than 12 hours ago. Sign in again to continue.', { reason: 'max-age' });
    }
    throw new CustodianError('NOT_SIGNED_IN', 'Please sign in first.');
  }
  if (session.locked && !declared.whileLocked) {
    throw new CustodianError('SESSION_LOCKED', 'The workstation is locked. Enter your password to continue.', { reason: session.lockReason });
  }
  // An administrator who must enrol a second factor may do only that (and what a locked session may).
  if (session.mustEnrolMfa && !declared.whileLocked && !declared.beforeMfaEnrolment) {
    throw new CustodianError('FORBIDDEN', 'Your agency requires administrators to use a second sign-in factor. Set up an authenticator app to continue.', {
      reason: 'mfa-enrolment-required',
      method,
    });
  }
  if (access !== 'signed-in' && !access.some((r) => session.roles.includes(r))) {
    core.log(core.actorFor(session, workstation), { action: 'access-denied', outcome: 'refused', details: { method, needs: [...access] } });
    throw new CustodianError('FORBIDDEN', `Your account does not have the role needed for this (${access.join(' or ')}).`, { method });
  }
  if (!declared.passive) core.sessions.touch(session);
  return session;
}

/**
 * Start-up task: once a minute, idle-lock sessions and end old ones even when nobody calls,
 * so the custody log shows the lock close to when it happened. The check in `admitCall` is
 * what enforces it; this only makes the record prompt.
 */
export function startSessionSweep(core: Core): void {
  if (core.options.backgroundTasks === false) return;
  const timer = setInterval(() => {
    try {
      core.sessions.sweep();
      logSessionEvents(core);
    } catch {
      // The next call through admitCall retries the log; a timer must not crash the process.
    }
  }, 60_000);
  timer.unref();
  core.onClose(() => clearInterval(timer));
}
