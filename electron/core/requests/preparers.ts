import type { CoreContext } from '../coreContext';
import { linkedItemIds, preparersOf, requestObjectId, type RequestRow } from './requestRows';
import { stmt } from './sqlCache';

/**
 * Separation of duties, read from the custody log rather than remembered at each edit: a
 * preparer of a request is everyone who, from its filing on, filed or changed it (requester
 * details, category, attachments), linked or unlinked its recordings, moved it towards review,
 * or changed the metadata of a recording linked to it (location, minors and the rest decide
 * the proposal). None of them may sign it. The log is append-only and hash-chained, so the
 * list cannot be edited away, and a new kind of change is covered once its action is listed here.
 */

const REQUEST_CHANGES: Readonly<Record<string, string>> = {
  'request-created': 'filed the request',
  'request-updated': 'changed the requester details',
  'request-recording-added': 'linked recordings',
  'request-recording-removed': 'removed linked recordings',
  'request-letter-attached': 'attached the request letter',
};

/** Workflow events that prepare a release (the reviewer's own events do not). */
const PREPARING_EVENTS: Readonly<Record<string, string>> = {
  'start-preparation': 'started preparing it',
  'submit-for-review': 'sent it to legal review',
};

const ITEM_CHANGES: Readonly<Record<string, string>> = {
  'metadata-changed': 'changed the details of',
  'redaction-rendered': 'rendered the redacted copy of',
};

interface LogRow {
  user_id: number;
  action: string;
  object_id: string;
  details: string;
}

/** Each preparer's user id with the plain-language list of what they changed. */
export function preparationOf(core: CoreContext, row: RequestRow): Map<number, string[]> {
  const objectId = requestObjectId(row.id);
  // `+action`: look the request up by its object (a few rows), not by the action (every request ever filed).
  const filed = (stmt(core.db, "SELECT MIN(seq) AS seq FROM custody_log WHERE object_id = ? AND +action = 'request-created'").get(objectId) as { seq: number | null }).seq ?? 0;
  const out = new Map<number, string[]>();
  const add = (userId: number, what: string) => {
    const list = out.get(userId) ?? [];
    if (!list.includes(what)) list.push(what);
    out.set(userId, list);
  };
  const onRequest = stmt(core.db, 'SELECT user_id, action, object_id, details FROM custody_log WHERE object_id = ? AND seq >= ? AND user_id IS NOT NULL').all(objectId, filed) as LogRow[];
  for (const e of onRequest) {
    if (REQUEST_CHANGES[e.action]) add(e.user_id, REQUEST_CHANGES[e.action]);
    if (e.action === 'request-transition') {
      const event = (JSON.parse(e.details) as { event?: string }).event ?? '';
      if (PREPARING_EVENTS[event]) add(e.user_id, PREPARING_EVENTS[event]);
    }
  }
  const items = linkedItemIds(core.db, row.id);
  if (items.length > 0) {
    const actions = Object.keys(ITEM_CHANGES);
    const onItems = stmt(
      core.db,
      `SELECT user_id, action, object_id, details FROM custody_log WHERE seq > ? AND user_id IS NOT NULL
         AND action IN (${actions.map(() => '?').join(', ')}) AND object_id IN (SELECT value FROM json_each(?))`,
    ).all(filed, ...actions, JSON.stringify(items)) as LogRow[];
    for (const e of onItems) add(e.user_id, `${ITEM_CHANGES[e.action]} ${e.object_id}${fieldsOf(e)}`);
  }
  // Kept for requests prepared before this rule read the log.
  for (const id of preparersOf(row)) if (!out.has(id)) out.set(id, ['prepared the release']);
  if (row.prepared_by !== null && !out.has(row.prepared_by)) out.set(row.prepared_by, ['sent it to legal review']);
  return out;
}

function fieldsOf(e: LogRow): string {
  if (e.action !== 'metadata-changed') return '';
  const changed = Object.keys((JSON.parse(e.details) as { new?: Record<string, unknown> }).new ?? {});
  return changed.length > 0 ? ` (${changed.join(', ')})` : '';
}

/** What `userId` changed on this request, or null when they prepared nothing. */
export function preparedBy(core: CoreContext, row: RequestRow, userId: number): string[] | null {
  return preparationOf(core, row).get(userId) ?? null;
}
