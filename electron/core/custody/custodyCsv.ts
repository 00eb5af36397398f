import { createHash } from 'node:crypto';
import { CustodianError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { actionLabel, describeEntry } from '../../../shared/domain/custodyActions';
import type { CustodyEntry } from './custodyLog';
import { countLog, queryLog, type LogFilter } from './custodyQuery';

/** The most entries one CSV carries; a wider filter is refused with a request to narrow it. */
export const CSV_MAX_ENTRIES = 50_000;
const BATCH = 2_000;

const HEADER = ['seq', 'at_utc', 'username', 'role', 'workstation', 'action', 'action_label', 'description', 'outcome', 'object_id', 'object_sha256', 'details', 'prev_hash', 'hash'];

/** The label the log screen shows for an action code: the catalogue's (shared/domain/custodyActions.ts). */
export { actionLabel };

/**
 * RFC 4180 quoting. A text cell a spreadsheet would run as a formula (= + - @ at its start) gets
 * a leading apostrophe (OWASP CSV injection); hashes, times and codes never start that way.
 */
function cell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function row(e: CustodyEntry): string {
  return [e.seq, e.at, e.username, e.role, e.workstation, e.action, actionLabel(e.action), describeEntry(e).sentence, e.outcome, e.objectId, e.objectSha256, JSON.stringify(e.details), e.prevHash, e.hash].map(cell).join(',');
}

export interface LogCsv {
  csv: string;
  entries: number;
  sha256: string;
}

/** The filtered entries, newest first as the screen shows them, as CSV text with CRLF line ends. */
export function buildLogCsv(db: Db, filter: LogFilter): LogCsv {
  const total = countLog(db, filter, CSV_MAX_ENTRIES);
  if (total > CSV_MAX_ENTRIES) {
    throw new CustodianError('BAD_INPUT', `More than ${CSV_MAX_ENTRIES.toLocaleString('en-US')} entries match. Narrow the filter (a shorter date range, one user or one action) and export again.`, { max: CSV_MAX_ENTRIES });
  }
  const lines = [HEADER.join(',')];
  let before: number | undefined;
  for (;;) {
    const page = queryLog(db, filter, { beforeSeq: before, limit: BATCH });
    for (const e of page) lines.push(row(e));
    if (page.length < BATCH) break;
    before = page[page.length - 1].seq;
  }
  const csv = `${lines.join('\r\n')}\r\n`;
  return { csv, entries: lines.length - 1, sha256: createHash('sha256').update(csv).digest('hex') };
}
