import { CustodianError } from '../../../shared/errors';
import { REAUTHENTICATED } from '../accounts/reauth';
import { clearMfa, findUserById, isAdministrator, toUser } from '../accounts/users';
import { securityValues } from '../accounts/securitySettings';
import { checkTotp, newTotpSecret, openSecret, sealSecret, totpFor, TOTP_DIGITS, TOTP_ISSUER, TOTP_PERIOD } from '../accounts/totp';
import { recordAuthFailure } from '../accounts/lockout';
import type { HandlerMap } from './registry';

/** CJIS IA-2: a TOTP second factor, optional per user, required for administrators by agency setting. */
export const mfaHandlers: HandlerMap = {
  'auth.mfa.begin': {
    access: 'signed-in', reauth: 'setting up a second factor', releasePath: false, whileLocked: false, beforeMfaEnrolment: true,
    run: async (ctx) => {
      const { core, session, actor } = ctx;
      const row = findUserById(core.db, session!.userId)!;
      if (toUser(row).mfaEnabled) throw new CustodianError('CONFLICT', 'A second factor is already set up for this account. Turn it off first to replace it.');
      const secret = newTotpSecret();
      const sealed = sealSecret(core.paths.root, row.id, secret);
      core.record(actor, () => {
        core.db.prepare('UPDATE users SET mfa_pending_secret = ?, mfa_pending_at = ? WHERE id = ?').run(sealed, core.clock().toISOString(), row.id);
        return { result: null, events: [{ action: 'mfa-enrolment-started', objectId: `user:${row.id}`, details: { username: row.username, ...REAUTHENTICATED } }] };
      });
      // The secret is shown this once; only the sealed copy is kept.
      return { otpauthUri: totpFor(row.username, secret).toString(), secret, issuer: TOTP_ISSUER, account: row.username, digits: TOTP_DIGITS, period: TOTP_PERIOD };
    },
  },

  'auth.mfa.confirm': {
    access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, beforeMfaEnrolment: true,
    run: ({ core, session, actor }, input) => {
      const row = findUserById(core.db, session!.userId)!;
      if (!row.mfa_pending_secret) throw new CustodianError('CONFLICT', 'Start setting up the authenticator app first.');
      const check = checkTotp(openSecret(core.paths.root, row.id, row.mfa_pending_secret), input.code, core.clock().getTime(), null);
      if (!check.ok) {
        core.log(actor, { action: 'mfa-enrolment-failed', outcome: 'failure', objectId: `user:${row.id}`, details: { reason: 'wrong code' } });
        throw new CustodianError('BAD_CREDENTIALS', 'That code is not right. Check the time on the phone and use the newest code.');
      }
      const enabledAt = core.clock().toISOString();
      core.record(actor, () => {
        core.db
          .prepare('UPDATE users SET mfa_secret = mfa_pending_secret, mfa_enabled_at = ?, mfa_pending_secret = NULL, mfa_pending_at = NULL, mfa_last_step = ? WHERE id = ?')
          .run(enabledAt, check.step, row.id);
        return { result: null, events: [{ action: 'mfa-enabled', objectId: `user:${row.id}`, details: { username: row.username, method: 'totp' } }] };
      });
      session!.mfa = true;
      session!.mustEnrolMfa = false;
      return { ok: true as const, enabledAt };
    },
  },

  'auth.mfa.disable': {
    access: 'signed-in', reauth: 'turning off the second factor', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, session, actor } = ctx;
      const row = findUserById(core.db, session!.userId)!;
      if (!row.mfa_secret) throw new CustodianError('CONFLICT', 'No second factor is set up for this account.');
      if (isAdministrator(row) && securityValues(core.db).requireMfaForAdmins) {
        throw new CustodianError('POLICY_REFUSED', 'Your agency requires administrators to use a second factor, so it cannot be turned off.');
      }
      const check = checkTotp(openSecret(core.paths.root, row.id, row.mfa_secret), input.code, core.clock().getTime(), row.mfa_last_step);
      if (!check.ok) {
        const { lockedNow } = recordAuthFailure(core, actor, { userId: row.id, username: row.username, kind: 'mfa', action: 'mfa-disable-failed', reason: 'wrong second-factor code' });
        if (lockedNow) throw new CustodianError('ACCOUNT_LOCKED', 'Too many failed attempts: this account is now locked and you have been signed out.');
        throw new CustodianError('BAD_CREDENTIALS', 'That code is not right.');
      }
      core.record(actor, () => {
        clearMfa(core.db, row.id);
        return { result: null, events: [{ action: 'mfa-disabled', objectId: `user:${row.id}`, details: { username: row.username, ...REAUTHENTICATED } }] };
      });
      session!.mfa = false;
      return { ok: true as const };
    },
  },
};
