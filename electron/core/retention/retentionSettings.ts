import type { Db } from '../db/database';
import { getSetting } from '../settings/settings';

/**
 * How long after a request is closed its recordings stay held: the requester may appeal a
 * denial to the Attorney General within 30 days (KRS 61.880(5)(a)), so 30 days is the default.
 */
export const APPEAL_SETTING = 'retention.appealDays';
export const DEFAULT_APPEAL_DAYS = 30;
export const APPEAL_BASIS = 'KRS 61.880(5)(a): a requester may appeal to the Attorney General within 30 days of the agency’s answer';

export function appealDays(db: Db): number {
  const v = getSetting<number>(db, APPEAL_SETTING);
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : DEFAULT_APPEAL_DAYS;
}

export const DAY_MS = 24 * 60 * 60 * 1000;
