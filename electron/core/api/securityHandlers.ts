import type { SecuritySettings } from '../../../shared/contract';
import { putSetting } from '../settings/settings';
import { REAUTHENTICATED } from '../accounts/reauth';
import { DEFAULT_BANNER, SETTING, securityValues } from '../accounts/securitySettings';
import { LOCKOUT_THRESHOLD, LOCKOUT_WINDOW_MS } from '../accounts/lockout';
import { MAX_SESSION_AGE_MS } from '../accounts/sessions';
import { PASSWORD_MIN_LENGTH } from '../accounts/passwords';
import { activeRecoveryCode, hashRecoveryCode, newRecoveryCode, storeRecoveryCode } from '../accounts/recoveryCodes';
import type { CoreContext } from '../coreContext';
import type { HandlerMap } from './registry';

export function securitySettings(core: CoreContext): SecuritySettings {
  const v = securityValues(core.db);
  return {
    ...v,
    defaultBanner: DEFAULT_BANNER,
    sessionMaxHours: MAX_SESSION_AGE_MS / 3_600_000,
    lockoutThreshold: LOCKOUT_THRESHOLD,
    lockoutWindowMinutes: LOCKOUT_WINDOW_MS / 60_000,
    passwordMinLength: PASSWORD_MIN_LENGTH,
    recoveryCodeIssuedAt: activeRecoveryCode(core.db)?.issuedAt ?? null,
  };
}

export const securityHandlers: HandlerMap = {
  'security.settings.get': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => securitySettings(core) },

  'security.settings.set': {
    access: ['administrator'], reauth: 'changing security settings', releasePath: false, whileLocked: false,
    run: async (ctx, input) => {
      const { core, actor } = ctx;
      core.record(actor, () => {
        const old = securityValues(core.db);
        const changes: Record<string, { old: unknown; new: unknown }> = {};
        if (input.idleMinutes !== undefined && input.idleMinutes !== old.idleMinutes) {
          putSetting(core.db, SETTING.idleMinutes, input.idleMinutes);
          changes.idleMinutes = { old: old.idleMinutes, new: input.idleMinutes };
        }
        if (input.requireMfaForAdmins !== undefined && input.requireMfaForAdmins !== old.requireMfaForAdmins) {
          putSetting(core.db, SETTING.requireMfaForAdmins, input.requireMfaForAdmins);
          changes.requireMfaForAdmins = { old: old.requireMfaForAdmins, new: input.requireMfaForAdmins };
        }
        if (input.banner !== undefined) {
          const banner = input.banner.trim() ? input.banner.replace(/\r\n/g, '\n') : DEFAULT_BANNER;
          if (banner !== old.banner) {
            putSetting(core.db, SETTING.banner, banner);
            changes.banner = { old: old.banner, new: banner };
          }
        }
        return { result: null, events: Object.keys(changes).length ? [{ action: 'settings-changed', details: { setting: 'security', changes, ...REAUTHENTICATED } }] : [] };
      });
      return securitySettings(core);
    },
  },

  // For an installation set up before recovery codes existed, or after the printed code was lost.
  'security.recoveryCode.issue': {
    access: ['administrator'], reauth: 'issuing a new recovery code', releasePath: false, whileLocked: false,
    run: async (ctx) => {
      const { core, actor } = ctx;
      const code = newRecoveryCode();
      const hash = await hashRecoveryCode(code);
      const issuedAt = core.clock().toISOString();
      core.record(actor, () => {
        const replaces = activeRecoveryCode(core.db)?.id ?? null;
        const id = storeRecoveryCode(core.db, hash, actor.username, issuedAt);
        return { result: null, events: [{ action: 'recovery-code-issued', details: { recoveryCodeId: id, replaces, ...REAUTHENTICATED } }] };
      });
      return { recoveryCode: code, issuedAt };
    },
  },
};
