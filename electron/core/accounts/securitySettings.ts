import { createHash } from 'node:crypto';
import type { Db } from '../db/database';
import { getSetting } from '../settings/settings';
import { MAX_SESSION_AGE_MS, type SessionPolicy } from './sessions';

/** CJIS AC-8 system-use notice; the agency replaces it with its own text (`security.banner`). */
export const DEFAULT_BANNER = [
  'You are about to use a law-enforcement information system of this agency. It holds criminal justice information and recordings of juveniles that state and federal law protect.',
  'Use it only for official business you are authorized to do. Everything you do here is monitored, recorded and audited, and the record may be disclosed to supervisors, auditors and law enforcement.',
  'Unauthorized use or disclosure may lead to discipline, criminal prosecution and civil penalties. By signing in you confirm that you have read this notice and consent to these conditions.',
].join('\n\n');

export const IDLE_MINUTES_DEFAULT = 30;
// CJIS AC-11 allows at most 30 minutes; an agency may choose shorter.
export const IDLE_MINUTES_MAX = 30;
export const IDLE_MINUTES_MIN = 1;

export const SETTING = {
  idleMinutes: 'security.idleMinutes',
  requireMfaForAdmins: 'security.requireMfaForAdmins',
  banner: 'security.banner',
} as const;

export interface SecurityValues {
  idleMinutes: number;
  requireMfaForAdmins: boolean;
  banner: string;
}

export function idleMinutes(db: Db): number {
  const idle = getSetting<number>(db, SETTING.idleMinutes);
  return typeof idle === 'number' && idle >= IDLE_MINUTES_MIN && idle <= IDLE_MINUTES_MAX ? idle : IDLE_MINUTES_DEFAULT;
}

export function securityValues(db: Db): SecurityValues {
  const banner = getSetting<string>(db, SETTING.banner);
  return {
    idleMinutes: idleMinutes(db),
    requireMfaForAdmins: getSetting<boolean>(db, SETTING.requireMfaForAdmins) === true,
    banner: typeof banner === 'string' && banner.trim() ? banner : DEFAULT_BANNER,
  };
}

/** Read on every session look-up, so a changed setting applies at once. */
export function sessionPolicy(db: Db): SessionPolicy {
  return { idleMs: idleMinutes(db) * 60_000, maxAgeMs: MAX_SESSION_AGE_MS };
}

/** Recorded with each log-on, so the audit shows which wording of the notice was accepted. */
export function bannerSha256(banner: string): string {
  return createHash('sha256').update(banner, 'utf8').digest('hex');
}
