import os from 'node:os';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { addFinding } from '../custody/findings';
import { assertAcceptablePassword, hashPassword } from './passwords';
import { findUserByName, isAdministrator, setPasswordHash, clearMfa } from './users';
import { resetFailures } from './lockout';
import { withAccountLock } from './accountMutex';
import { hashRecoveryCode, markRecoveryCodeUsed, newRecoveryCode, recoveryCodeMatches, storeRecoveryCode } from './recoveryCodes';

export interface BreakGlassInput {
  username: string;
  recoveryCode: string;
  newPassword: string;
  resetMfa: boolean;
}

export interface BreakGlassResult {
  username: string;
  wasLocked: boolean;
  mfaReset: boolean;
  newRecoveryCode: string;
}

/**
 * Emergency access for a one-person office whose only administrator is locked out or has
 * forgotten the password. Deliberately not a contract method: no window, web page or IPC
 * message can reach it. It needs two things an attacker at the sign-in screen does not have:
 *  - the operating-system account that owns the data folder (the CLI opens the database and
 *    the checkpoint key directly), and
 *  - the one-time recovery code printed at setup (stored only as an scrypt hash).
 * It unlocks the administrator, sets a new password (the lock may mean someone was guessing),
 * optionally removes the second factor, uses up the code and issues a new one. It is logged
 * as `break-glass`, raised as an open finding that stays on every administrator's dashboard
 * until acknowledged, and sealed with a signed checkpoint. A wrong code is logged too.
 */
export async function breakGlass(core: CoreContext, input: BreakGlassInput): Promise<BreakGlassResult> {
  const named = findUserByName(core.db, input.username);
  // Not interleaved with a sign-in or password check of the same account (accountMutex.ts).
  return named ? withAccountLock(core, named.id, () => breakGlassNow(core, input)) : breakGlassNow(core, input);
}

async function breakGlassNow(core: CoreContext, input: BreakGlassInput): Promise<BreakGlassResult> {
  const osUser = safeOsUser();
  const actor: Actor = { userId: null, username: `(break-glass by OS user ${osUser})`, role: 'break-glass', workstation: core.workstation };
  const row = findUserByName(core.db, input.username);
  const refuse = (reason: string, message: string): CustodianError => {
    core.log(actor, { action: 'break-glass', outcome: 'refused', objectId: row ? `user:${row.id}` : null, details: { username: input.username.slice(0, 64), reason, osUser } });
    return new CustodianError('BAD_CREDENTIALS', message);
  };
  if (!row || !isAdministrator(row) || row.disabled === 1) {
    throw refuse('not an active administrator', 'Break-glass works only for an active administrator account. Other accounts are unlocked by an administrator in Custodian.');
  }
  assertAcceptablePassword(input.newPassword, row.username);
  const match = await recoveryCodeMatches(core.db, input.recoveryCode);
  if (!match) throw refuse('wrong or used recovery code', 'That recovery code is not right, or it has been used already. Nothing was changed; the attempt was recorded.');

  const passwordHash = await hashPassword(input.newPassword);
  const nextCode = newRecoveryCode();
  const nextHash = await hashRecoveryCode(nextCode);
  const now = core.clock();
  const iso = now.toISOString();
  const wasLocked = row.locked_at !== null;
  core.record(actor, () => {
    if (!markRecoveryCodeUsed(core.db, match.id, actor.username, iso)) throw new CustodianError('CONFLICT', 'That recovery code was used a moment ago by someone else.');
    core.db.prepare('UPDATE users SET locked_at = NULL, locked_reason = NULL WHERE id = ?').run(row.id);
    resetFailures(core.db, { userId: row.id, username: row.username, workstation: core.workstation, kind: 'break-glass', atMs: now.getTime() });
    setPasswordHash(core.db, row.id, passwordHash, iso);
    if (input.resetMfa) clearMfa(core.db, row.id);
    const newId = storeRecoveryCode(core.db, nextHash, actor.username, iso);
    addFinding(
      core.db,
      'break-glass',
      `Break-glass used at ${iso} on ${core.workstation} by OS user ${osUser} for administrator ${row.username}.`,
      { username: row.username, osUser, workstation: core.workstation, wasLocked, mfaReset: input.resetMfa },
      now,
    );
    return {
      result: null,
      events: [
        {
          action: 'break-glass',
          outcome: 'success',
          objectId: `user:${row.id}`,
          details: { username: row.username, osUser, wasLocked, lockedAt: row.locked_at, passwordReset: true, mfaReset: input.resetMfa, recoveryCodeUsed: match.id },
        },
        ...(wasLocked ? [{ action: 'account-unlocked' as const, objectId: `user:${row.id}`, details: { username: row.username, via: 'break-glass' } }] : []),
        { action: 'password-reset' as const, objectId: `user:${row.id}`, details: { username: row.username, via: 'break-glass' } },
        ...(input.resetMfa ? [{ action: 'mfa-reset' as const, objectId: `user:${row.id}`, details: { username: row.username, via: 'break-glass' } }] : []),
        { action: 'recovery-code-issued' as const, details: { recoveryCodeId: newId, replaces: match.id, via: 'break-glass' } },
      ],
    };
  });
  core.sessions.endAllFor(row.id);
  core.checkpoint();
  return { username: row.username, wasLocked, mfaReset: input.resetMfa, newRecoveryCode: nextCode };
}

function safeOsUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}
