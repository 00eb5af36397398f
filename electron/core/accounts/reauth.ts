import { CustodianError } from '../../../shared/errors';
import type { HandlerContext } from '../callContext';
import { verifyPassword } from './passwords';
import { findUserById } from './users';
import { recordAuthFailure } from './lockout';
import { withAccountLock } from './accountMutex';

/**
 * Re-authentication before a sensitive action: legal sign-off, export, destruction, user and
 * security changes (release-rules.md "asks for the password again before sign-off, export
 * and destruction"; CJIS IA-11).
 *
 * The convention, for every handler that needs it:
 * 1. Its input schema has `confirmPassword: confirmPasswordField` (from shared/contract/system).
 *    It is optional in the schema, so an older face still parses, but the handler enforces it.
 * 2. The handler's first line is `await requireRecentPassword(ctx, input.confirmPassword, 'legal sign-off')`,
 *    before it reads anything it will write and before `core.record(...)`: scrypt is async and
 *    better-sqlite3 transactions are synchronous, so the check cannot run inside one.
 * 3. Missing → REAUTH_REQUIRED (details.reason 'missing'): the face asks for the password and
 *    sends the same input again with `confirmPassword`. Wrong → REAUTH_REQUIRED (details.reason
 *    'wrong'), logged as `reauth-failed` and counted towards the five-failure lockout; the
 *    fifth ends the user's sessions and answers ACCOUNT_LOCKED.
 * 4. The action's own custody entry is the record of success; `REAUTHENTICATED` can be spread
 *    into its details to say so.
 *
 * The password is checked every time: there is no grace period in which a walk-up user at an
 * unlocked screen could sign off without it.
 */
export async function requireRecentPassword(ctx: HandlerContext, password: string | undefined, purpose = 'this action'): Promise<void> {
  const { core, session, actor } = ctx;
  if (!session) throw new CustodianError('NOT_SIGNED_IN', 'Please sign in first.');
  if (!password) {
    throw new CustodianError('REAUTH_REQUIRED', `Enter your password again to confirm ${purpose}.`, { reason: 'missing', purpose });
  }
  // One password check at a time for this account (accountMutex.ts): a burst of parallel
  // confirmations cannot all be checked before the fifth failure locks the account.
  await withAccountLock(core, session.userId, async () => {
    const row = findUserById(core.db, session.userId);
    if (!row || row.disabled === 1 || row.locked_at !== null || core.sessions.get(session.token) !== session) {
      core.sessions.end(session.token);
      throw new CustodianError(row?.locked_at ? 'ACCOUNT_LOCKED' : 'NOT_SIGNED_IN', row?.locked_at ? 'This account is locked and you have been signed out. An administrator must unlock it.' : 'This session has ended. Sign in again.');
    }
    if (await verifyPassword(password, row.password_hash)) return;
    const { lockedNow } = recordAuthFailure(core, actor, {
      userId: session.userId,
      username: session.username,
      kind: 'reauth',
      action: 'reauth-failed',
      reason: 'wrong password',
      details: { purpose },
    });
    if (lockedNow) {
      throw new CustodianError('ACCOUNT_LOCKED', 'Too many wrong passwords: this account is now locked and you have been signed out. An administrator must unlock it.');
    }
    throw new CustodianError('REAUTH_REQUIRED', `That password is not right. Enter your own password to confirm ${purpose}.`, { reason: 'wrong', purpose });
  });
}

/** Spread into the details of an action confirmed with `requireRecentPassword`. */
export const REAUTHENTICATED = { reauthenticated: true } as const;
