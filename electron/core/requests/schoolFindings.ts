import type { SchoolNearMatchInfo } from '../../../shared/contract';
import { detectSchoolPersonnel, type NearMatch } from '../../../shared/domain/schoolPersonnel';
import type { CoreContext } from '../coreContext';
import type { CustodyEvent } from '../custody/custodyLog';
import type { Db } from '../db/database';
import { getDistricts } from './districts';
import { requestObjectId, type RequestRow } from './requestRows';
import { stmt } from './sqlCache';

/**
 * The school-personnel finding of a stored request: what was found before (sticky: the
 * definite reasons in requests.school_why, the near matches in request_school_near_matches,
 * migration 60) joined with what the district list of this moment finds, less the near
 * matches a legal reviewer cleared. Nothing here forgets a finding; only a clearance, which
 * names the match keys it covers, turns a near match off.
 */

export interface SchoolStatus {
  schoolPersonnel: boolean;
  /** Definite reasons, then the near matches not cleared: what the request page and the denial letter show. */
  why: string[];
  definite: string[];
  nearMatches: SchoolNearMatchInfo[];
}

interface ClearanceRow {
  match_keys: string;
  reason: string;
  cleared_by_name: string;
  cleared_at: string;
}

export function clearancesByKey(db: Db, requestId: number): Map<string, NonNullable<SchoolNearMatchInfo['cleared']>> {
  const rows = stmt(db, 'SELECT match_keys, reason, cleared_by_name, cleared_at FROM request_school_clearances WHERE request_id = ? ORDER BY id').all(requestId) as ClearanceRow[];
  const out = new Map<string, NonNullable<SchoolNearMatchInfo['cleared']>>();
  for (const r of rows) for (const key of JSON.parse(r.match_keys) as string[]) if (!out.has(key)) out.set(key, { by: r.cleared_by_name, at: r.cleared_at, reason: r.reason });
  return out;
}

function storedNearMatches(db: Db, requestId: number): Omit<NearMatch, 'cleared'>[] {
  const rows = stmt(db, 'SELECT detail FROM request_school_near_matches WHERE request_id = ? ORDER BY rowid').all(requestId) as { detail: string }[];
  return rows.map((r) => JSON.parse(r.detail) as Omit<NearMatch, 'cleared'>);
}

function storedDefinite(row: RequestRow): string[] {
  return JSON.parse(row.school_why) as string[];
}

/** What the district list of this moment finds in the request's own fields. */
export function detectNow(core: CoreContext, row: Pick<RequestRow, 'email' | 'organization' | 'requester_name' | 'category'>) {
  return detectSchoolPersonnel({ email: row.email, organization: row.organization, name: row.requester_name, category: row.category }, getDistricts(core));
}

export function schoolFinding(core: CoreContext, row: RequestRow): SchoolStatus {
  const now = detectNow(core, row);
  const stored = storedDefinite(row);
  const definite = [...stored, ...now.definite.filter((w) => !stored.includes(w))];
  const cleared = clearancesByKey(core.db, row.id);
  const near = new Map<string, Omit<NearMatch, 'cleared'>>();
  for (const m of [...storedNearMatches(core.db, row.id), ...now.nearMatches]) {
    if (!near.has(m.key)) near.set(m.key, { key: m.key, field: m.field, text: m.text, matched: m.matched, why: m.why });
  }
  const nearMatches = [...near.values()].map((m): SchoolNearMatchInfo => ({ ...m, cleared: cleared.get(m.key) ?? null }));
  const open = nearMatches.filter((m) => m.cleared === null);
  return {
    schoolPersonnel: row.school_personnel === 1 || definite.length > 0 || open.length > 0,
    why: [...definite, ...open.map((m) => m.why)],
    definite,
    nearMatches,
  };
}

/** The keys of the near matches no clearance covers. */
export function openNearMatchKeys(status: SchoolStatus): string[] {
  return status.nearMatches.filter((m) => m.cleared === null).map((m) => m.key);
}

interface NewFindings {
  newDefinite: string[];
  newNear: SchoolNearMatchInfo[];
  becomesDefinite: boolean;
  known: number;
}

/** What `status` found that is not stored yet; null when nothing (read-only, so no write transaction is opened for nothing). */
export function newSchoolFindings(core: CoreContext, row: RequestRow, status: SchoolStatus): NewFindings | null {
  const stored = storedDefinite(row);
  const newDefinite = status.definite.filter((w) => !stored.includes(w));
  const known = new Set(storedNearMatches(core.db, row.id).map((m) => m.key));
  const newNear = status.nearMatches.filter((m) => !known.has(m.key));
  const becomesDefinite = row.school_personnel !== 1 && status.definite.length > 0;
  return newDefinite.length === 0 && newNear.length === 0 && !becomesDefinite ? null : { newDefinite, newNear, becomesDefinite, known: known.size };
}

/**
 * Inside the caller's transaction: stores what `status` found that is not stored yet. Returns
 * the custody event to log, or null when nothing was new.
 */
export function storeSchoolFinding(core: CoreContext, row: RequestRow, status: SchoolStatus): CustodyEvent | null {
  const found = newSchoolFindings(core, row, status);
  if (found === null) return null;
  const wasSchool = row.school_personnel === 1;
  const now = core.clock().toISOString();
  if (found.newDefinite.length > 0 || found.becomesDefinite) {
    stmt(core.db, 'UPDATE requests SET school_personnel = 1, school_why = ? WHERE id = ?').run(JSON.stringify(status.definite), row.id);
    row.school_personnel = 1;
    row.school_why = JSON.stringify(status.definite);
  }
  for (const m of found.newNear) {
    const detail = { key: m.key, field: m.field, text: m.text, matched: m.matched, why: m.why };
    stmt(core.db, 'INSERT OR IGNORE INTO request_school_near_matches (request_id, match_key, detail, detected_at) VALUES (?, ?, ?, ?)').run(row.id, m.key, JSON.stringify(detail), now);
  }
  return {
    action: 'request-school-personnel-detected',
    objectId: requestObjectId(row.id),
    details: {
      why: status.why,
      newReasons: found.newDefinite,
      nearMatches: found.newNear.map((m) => ({ key: m.key, field: m.field, text: m.text, matched: m.matched })),
      previously: wasSchool || found.known > 0,
    },
  };
}
