import type { SessionInfo, SessionStatus } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { assertAcceptablePassword, DUMMY_HASH, hashPassword, verifyPassword } from '../accounts/passwords';
import { findUserById, findUserByName, isAdministrator, setPasswordHash, toUser, type UserRow } from '../accounts/users';
import type { Session } from '../accounts/sessions';
import { recordAuthFailure, recordSuccess } from '../accounts/lockout';
import { withAccountLock } from '../accounts/accountMutex';
import { bannerSha256, securityValues } from '../accounts/securitySettings';
import { checkTotp, openSecret } from '../accounts/totp';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { HandlerContext, HandlerMap } from './registry';

export function sessionInfo(s: Session): SessionInfo {
  const info: SessionInfo = { token: s.token, userId: s.userId, username: s.username, displayName: s.displayName, roles: s.roles, locked: s.locked, mfa: s.mfa };
  if (s.mustEnrolMfa) info.mfaEnrolmentRequired = true;
  return info;
}

const LOCKED_MESSAGE = 'This account is locked after too many failed attempts. An administrator must unlock it.';

type Refusal = 'locked' | 'disabled' | 'password-changed' | 'session-ended';

/**
 * What stops a password that was right a moment ago from opening (or unlocking) a session,
 * read inside the write transaction: the account locked, disabled, or its password changed
 * while the password was being checked.
 */
function refusalNow(core: CoreContext, checked: UserRow): Refusal | null {
  const fresh = findUserById(core.db, checked.id);
  if (!fresh || fresh.disabled === 1) return 'disabled';
  if (fresh.locked_at !== null) return 'locked';
  if (fresh.password_hash !== checked.password_hash) return 'password-changed';
  return null;
}

function refusalError(core: CoreContext, actor: Actor, row: UserRow, why: Refusal, step: string): CustodianError {
  if (why === 'locked') return refuseLocked(core, actor, row, step);
  core.log(anonymousAs(actor, row.username), { action: 'login-failed', outcome: 'refused', objectId: `user:${row.id}`, details: { reason: why, step } });
  if (why === 'password-changed') return new CustodianError('NOT_SIGNED_IN', 'The password for this account was changed a moment ago. Sign in with the new password.');
  return new CustodianError('NOT_SIGNED_IN', 'This account can no longer sign in. Ask an administrator.');
}

/**
 * Opens the session and writes the `login` entry with the banner acknowledgement (AC-8). The
 * lock is read again inside the BEGIN IMMEDIATE transaction, and the session exists only once
 * that transaction has committed (synchronously, so nothing can run in between).
 */
function startSession(core: CoreContext, row: UserRow, p: { workstation: string; mfa: boolean; bannerSha256: string; attemptKind: 'login' | 'mfa'; step?: number }): Session {
  const user = toUser(row);
  const mustEnrolMfa = !p.mfa && isAdministrator(row) && securityValues(core.db).requireMfaForAdmins;
  const actor = core.actorFor({ userId: row.id, username: row.username, roles: user.roles }, p.workstation);
  const now = core.clock();
  const refused = core.record<Refusal | null>(actor, () => {
    const why = refusalNow(core, row);
    if (why) return { result: why, events: [] };
    recordSuccess(core.db, { userId: row.id, username: row.username, workstation: p.workstation, kind: p.attemptKind, atMs: now.getTime() });
    if (p.step !== undefined) core.db.prepare('UPDATE users SET mfa_last_step = ? WHERE id = ?').run(p.step, row.id);
    return {
      result: null,
      events: [
        {
          action: 'login',
          objectId: `user:${row.id}`,
          details: { via: p.mfa ? 'password+totp' : 'password', bannerAcknowledged: true, bannerSha256: p.bannerSha256, ...(mustEnrolMfa ? { mfaEnrolmentRequired: true } : {}) },
        },
      ],
    };
  });
  if (refused) throw refusalError(core, core.actorFor(null, p.workstation), row, refused, p.attemptKind === 'mfa' ? 'second factor' : 'password');
  return core.sessions.create(user, { workstation: p.workstation, mfa: p.mfa, mustEnrolMfa });
}

function anonymousAs(actor: Actor, username: string): Actor {
  return { ...actor, username: username.slice(0, 64) || '(blank)' };
}

function refuseLocked(core: CoreContext, actor: Actor, row: UserRow, step: string): CustodianError {
  core.log(anonymousAs(actor, row.username), { action: 'login-failed', outcome: 'refused', objectId: `user:${row.id}`, details: { reason: 'account locked', step } });
  return new CustodianError('ACCOUNT_LOCKED', LOCKED_MESSAGE);
}

const NO_LONGER = 'This account can no longer sign in. Ask an administrator.';

/** The idle-locked (or manually locked) screen, opened again with the password. */
async function unlockSession(ctx: HandlerContext, password: string): Promise<SessionInfo> {
  const { core, actor } = ctx;
  const s = ctx.session!;
  if (!s.locked) return sessionInfo(s);
  // One password check at a time for this account; everything is read again once it is our turn.
  return withAccountLock(core, s.userId, async () => {
    if (core.sessions.get(s.token) !== s) throw new CustodianError('NOT_SIGNED_IN', 'This session has ended. Sign in again.');
    if (!s.locked) return sessionInfo(s);
    const row = findUserById(core.db, s.userId);
    if (!row || row.disabled === 1 || row.locked_at !== null) {
      core.sessions.end(s.token);
      throw new CustodianError(row?.locked_at ? 'ACCOUNT_LOCKED' : 'NOT_SIGNED_IN', row?.locked_at ? `${LOCKED_MESSAGE} You have been signed out.` : NO_LONGER);
    }
    const ok = await verifyPassword(password, row.password_hash);
    if (!ok) {
      const { lockedNow } = recordAuthFailure(core, actor, { userId: row.id, username: row.username, kind: 'unlock', action: 'session-unlock-failed', reason: 'wrong password', details: { lockReason: s.lockReason } });
      if (lockedNow) throw new CustodianError('ACCOUNT_LOCKED', 'Too many wrong passwords: this account is now locked and you have been signed out. An administrator must unlock it.');
      throw new CustodianError('BAD_CREDENTIALS', 'That password is not right.');
    }
    const lockedAt = s.lockedAt;
    const reason = s.lockReason;
    const now = core.clock();
    const refused = core.record<Refusal | null>(actor, () => {
      const why = core.sessions.get(s.token) !== s ? 'session-ended' : refusalNow(core, row);
      if (why) return { result: why, events: [] };
      recordSuccess(core.db, { userId: row.id, username: row.username, workstation: ctx.workstation, kind: 'unlock', atMs: now.getTime() });
      return {
        result: null,
        events: [{ action: 'session-unlocked', objectId: `user:${row.id}`, details: { lockReason: reason, lockedAt: lockedAt === null ? null : new Date(lockedAt).toISOString() } }],
      };
    });
    if (refused) {
      core.sessions.end(s.token);
      if (refused === 'locked') throw new CustodianError('ACCOUNT_LOCKED', `${LOCKED_MESSAGE} You have been signed out.`);
      throw new CustodianError('NOT_SIGNED_IN', refused === 'session-ended' ? 'This session has ended. Sign in again.' : NO_LONGER);
    }
    core.sessions.unlock(s);
    return sessionInfo(s);
  });
}

/** The right password: a second-factor step when enrolled, else the session. */
function passwordAccepted(core: CoreContext, row: UserRow, workstation: string, bannerText: string) {
  const banner = bannerSha256(bannerText);
  if (toUser(row).mfaEnabled) {
    const why = refusalNow(core, row);
    if (why) throw refusalError(core, core.actorFor(null, workstation), row, why, 'password');
    const c = core.sessions.createChallenge({ userId: row.id, username: row.username, workstation, bannerSha256: banner });
    return {
      token: '',
      userId: 0,
      username: row.username,
      displayName: '',
      roles: [],
      mfaRequired: true as const,
      challenge: c.id,
      challengeExpiresAt: new Date(c.expiresAt).toISOString(),
    };
  }
  return sessionInfo(startSession(core, row, { workstation, mfa: false, bannerSha256: banner, attemptKind: 'login' }));
}

export const authHandlers: HandlerMap = {
  'auth.login': {
    access: 'public', reauth: false, releasePath: false, whileLocked: false,
    run: async ({ core, actor, workstation }, input) => {
      const security = securityValues(core.db);
      const attempted = anonymousAs(actor, input.username);
      if (input.acknowledgedBanner !== true) {
        core.log(attempted, { action: 'login-failed', outcome: 'refused', details: { reason: 'system-use notice not acknowledged' } });
        throw new CustodianError('BAD_INPUT', 'Read the system-use notice and confirm that you accept it before signing in.', { reason: 'banner-not-acknowledged', banner: security.banner });
      }
      const found = findUserByName(core.db, input.username);
      if (!found) {
        // The same cost, and the same queue, as a known user's wrong password.
        await withAccountLock(core, `unknown:${input.username.toLowerCase()}`, () => verifyPassword(input.password, DUMMY_HASH));
        recordAuthFailure(core, attempted, { userId: null, username: input.username, kind: 'login', action: 'login-failed', reason: 'unknown user' });
        throw new CustodianError('BAD_CREDENTIALS', 'The user name or password is not right.');
      }
      // One password check at a time per account, the account read afresh when it is our turn:
      // parallel guesses cannot all be checked against a lock that none of them has seen yet.
      return withAccountLock(core, found.id, async () => {
        const row = findUserById(core.db, found.id);
        if (!row) throw new CustodianError('BAD_CREDENTIALS', 'The user name or password is not right.');
        if (row.locked_at !== null) throw refuseLocked(core, actor, row, 'password');
        const ok = await verifyPassword(input.password, row.password_hash);
        if (!ok) {
          const { lockedNow } = recordAuthFailure(core, attempted, { userId: row.id, username: row.username, kind: 'login', action: 'login-failed', reason: 'wrong password' });
          if (lockedNow) throw new CustodianError('ACCOUNT_LOCKED', `Too many failed attempts. ${LOCKED_MESSAGE}`);
          throw new CustodianError('BAD_CREDENTIALS', 'The user name or password is not right.');
        }
        if (row.disabled === 1) {
          core.log(attempted, { action: 'login-failed', outcome: 'refused', objectId: `user:${row.id}`, details: { reason: 'account disabled' } });
          throw new CustodianError('BAD_CREDENTIALS', 'The user name or password is not right.');
        }
        return passwordAccepted(core, row, workstation, security.banner);
      });
    },
  },

  'auth.loginMfa': {
    access: 'public', reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor, workstation }, input) => {
      const c = core.sessions.getChallenge(input.challenge);
      if (!c) throw new CustodianError('NOT_SIGNED_IN', 'The sign-in took too long or had too many wrong codes. Start again with your password.');
      const row = findUserById(core.db, c.userId);
      if (!row || row.disabled === 1 || !row.mfa_secret) {
        core.sessions.endChallenge(c.id);
        throw new CustodianError('NOT_SIGNED_IN', 'This account can no longer sign in this way. Start again with your password.');
      }
      if (row.locked_at !== null) {
        core.sessions.endChallenge(c.id);
        throw refuseLocked(core, actor, row, 'second factor');
      }
      const check = checkTotp(openSecret(core.paths.root, row.id, row.mfa_secret), input.code, core.clock().getTime(), row.mfa_last_step);
      if (!check.ok) {
        core.sessions.failChallenge(c);
        const { lockedNow } = recordAuthFailure(core, anonymousAs(actor, row.username), {
          userId: row.id,
          username: row.username,
          kind: 'mfa',
          action: 'login-failed',
          reason: 'wrong second-factor code',
        });
        if (lockedNow) throw new CustodianError('ACCOUNT_LOCKED', `Too many failed attempts. ${LOCKED_MESSAGE}`);
        throw new CustodianError('BAD_CREDENTIALS', 'That code is not right. Use the newest code from your authenticator app.');
      }
      core.sessions.endChallenge(c.id);
      return sessionInfo(startSession(core, row, { workstation: c.workstation || workstation, mfa: true, bannerSha256: c.bannerSha256, attemptKind: 'mfa', step: check.step }));
    },
  },

  'auth.logout': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: true,
    run: ({ core, session, actor }) => {
      if (session) {
        core.log(actor, { action: 'logout', objectId: `user:${session.userId}` });
        core.sessions.end(session.token);
      }
      return { ok: true as const };
    },
  },

  // Public and read-only: it never counts as activity, so a screen may poll it.
  'auth.me': {
    access: 'public', reauth: false, releasePath: false, whileLocked: true, passive: true,
    run: ({ session }) => (session ? sessionInfo(session) : null),
  },

  'auth.status': {
    access: 'public', reauth: false, releasePath: false, whileLocked: true, passive: true,
    run: ({ core, session }): SessionStatus => {
      const idleMinutes = securityValues(core.db).idleMinutes;
      if (!session) {
        return { signedIn: false, username: null, locked: false, lockReason: null, idleMinutes, lastActivityAt: null, idleLocksAt: null, signInAgainAt: null, mfa: false, mfaEnrolmentRequired: false };
      }
      const d = core.sessions.deadlines(session);
      return {
        signedIn: true,
        username: session.username,
        locked: session.locked,
        lockReason: session.lockReason,
        idleMinutes,
        lastActivityAt: new Date(session.lastActivity).toISOString(),
        idleLocksAt: session.locked ? null : new Date(d.idleLocksAt).toISOString(),
        signInAgainAt: new Date(d.expiresAt).toISOString(),
        mfa: session.mfa,
        mfaEnrolmentRequired: session.mustEnrolMfa,
      };
    },
  },

  'auth.lock': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: true,
    run: ({ core, session, actor }) => {
      const s = session!;
      if (!s.locked) {
        core.sessions.lock(s, 'manual');
        core.log(actor, { action: 'session-locked', objectId: `user:${s.userId}`, details: { reason: 'manual' } });
      }
      return { ok: true as const };
    },
  },

  'auth.unlock': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: true, passive: true,
    run: (ctx, input) => unlockSession(ctx, input.password),
  },

  'auth.changePassword': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, beforeMfaEnrolment: true,
    run: async ({ core, session, actor }, input) =>
      withAccountLock(core, session!.userId, async () => {
        const row = findUserById(core.db, session!.userId);
        if (!row || row.disabled === 1 || row.locked_at !== null || core.sessions.get(session!.token) !== session) {
          core.sessions.end(session!.token);
          throw new CustodianError('NOT_SIGNED_IN', 'This account can no longer sign in, or the session has ended. Sign in again or ask an administrator.');
        }
        if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
          const { lockedNow } = recordAuthFailure(core, actor, { userId: row.id, username: row.username, kind: 'password-change', action: 'password-change', reason: 'current password wrong' });
          if (lockedNow) throw new CustodianError('ACCOUNT_LOCKED', 'Too many wrong passwords: this account is now locked and you have been signed out. An administrator must unlock it.');
          throw new CustodianError('BAD_CREDENTIALS', 'The current password is not right.');
        }
        assertAcceptablePassword(input.newPassword, row.username);
        const hash = await hashPassword(input.newPassword);
        core.record(actor, () => {
          setPasswordHash(core.db, row.id, hash, core.clock().toISOString());
          return { result: null, events: [{ action: 'password-change', objectId: `user:${row.id}`, details: { otherSessionsEnded: true } }] };
        });
        // Anyone else signed in as this user with the old password is signed out.
        core.sessions.endAllFor(row.id, session!.token);
        return { ok: true as const };
      }),
  },
};
