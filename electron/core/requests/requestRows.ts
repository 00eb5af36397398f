import type { RequesterCategory } from '../../../shared/domain/releaseTypes';
import type { RequestState } from '../../../shared/domain/requestWorkflow';
import type { LinkedRecording, RequestChannel, ResidencyBasis } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { Db } from '../db/database';
import { stmt } from './sqlCache';

/** SQL for the request tables. Writers run inside `core.record`. */

export interface RequestRow {
  id: number;
  state: RequestState;
  requester_name: string;
  organization: string;
  email: string;
  phone: string;
  postal_address: string;
  category: RequesterCategory;
  channel: RequestChannel;
  received_at: string;
  description: string;
  residency: ResidencyBasis;
  residency_statement: string;
  attorney_affidavit: number;
  school_personnel: number;
  school_why: string;
  delay_until: string | null;
  delay_original_due: string | null;
  delay_explanation: string | null;
  delay_notice_date: string | null;
  answered_at: string | null;
  /** The due date fixed when the request was answered (migration 50); null while open. */
  due_date_frozen: string | null;
  preparers: string;
  prepared_by: number | null;
  prepared_by_name: string | null;
  released_at: string | null;
  released_by: string | null;
  created_at: string;
  created_by: string;
  created_by_id: number | null;
}

export function reference(id: number): string {
  return `PRR-${String(id).padStart(5, '0')}`;
}

export function requestObjectId(id: number): string {
  return `request:${id}`;
}

export function findRequest(db: Db, id: number): RequestRow | undefined {
  return stmt(db, 'SELECT * FROM requests WHERE id = ?').get(id) as RequestRow | undefined;
}

export function mustFindRequest(db: Db, id: number): RequestRow {
  const row = findRequest(db, id);
  if (!row) throw new CustodianError('NOT_FOUND', `There is no request ${reference(id)}.`, { id });
  return row;
}

export function listRequestRows(db: Db): RequestRow[] {
  return stmt(db, 'SELECT * FROM requests ORDER BY id DESC').all() as RequestRow[];
}

export function preparersOf(row: RequestRow): number[] {
  return JSON.parse(row.preparers) as number[];
}

/** Records that this user shaped the release (separation of duties at sign-off). */
export function addPreparer(db: Db, row: RequestRow, userId: number | null): void {
  if (userId === null) return;
  const list = preparersOf(row);
  if (list.includes(userId)) return;
  list.push(userId);
  stmt(db, 'UPDATE requests SET preparers = ? WHERE id = ?').run(JSON.stringify(list), row.id);
  row.preparers = JSON.stringify(list);
}

export function setState(db: Db, id: number, state: RequestState): void {
  stmt(db, 'UPDATE requests SET state = ? WHERE id = ?').run(state, id);
}

export function linkedItemIds(db: Db, requestId: number): string[] {
  return (stmt(db, 'SELECT item_id FROM request_recordings WHERE request_id = ? ORDER BY item_id').all(requestId) as { item_id: string }[]).map((r) => r.item_id);
}

export function linkedRecordings(db: Db, requestId: number): LinkedRecording[] {
  const rows = stmt(db, 
      `SELECT rr.item_id, rr.added_at, rr.added_by, i.sha256, i.original_name, i.creation_time, m.recorded_start, m.school, m.officer
       FROM request_recordings rr JOIN items i ON i.id = rr.item_id LEFT JOIN recording_meta m ON m.item_id = i.id
       WHERE rr.request_id = ? ORDER BY COALESCE(m.recorded_start, i.creation_time, i.ingested_at), rr.item_id`,
    )
    .all(requestId) as {
    item_id: string;
    added_at: string;
    added_by: string;
    sha256: string;
    original_name: string;
    creation_time: string | null;
    recorded_start: string | null;
    school: string | null;
    officer: string | null;
  }[];
  return rows.map((r) => ({
    itemId: r.item_id,
    sha256: r.sha256,
    originalName: r.original_name,
    recordedStart: r.recorded_start ?? r.creation_time,
    school: r.school ?? '',
    officer: r.officer ?? '',
    addedAt: r.added_at,
    addedBy: r.added_by,
  }));
}

/** A committed library recording (not a letter or attachment), or NOT_FOUND naming it. */
export function mustFindRecording(db: Db, itemId: string): { id: string; sha256: string; fileName: string } {
  const r = stmt(db, "SELECT id, sha256, original_name AS fileName FROM items WHERE id = ? AND state = 'committed' AND kind = 'recording'").get(itemId) as { id: string; sha256: string; fileName: string } | undefined;
  if (!r) throw new CustodianError('NOT_FOUND', `Recording ${itemId} is not in the library.`, { itemId });
  return r;
}

export interface RequestInsert {
  state: RequestState;
  name: string;
  organization: string;
  email: string;
  phone: string;
  postalAddress: string;
  category: RequesterCategory;
  channel: RequestChannel;
  receivedAt: string;
  description: string;
  residency: ResidencyBasis;
  residencyStatement: string;
  attorneyAffidavit: boolean;
  schoolPersonnel: boolean;
  schoolWhy: string[];
  createdAt: string;
  createdBy: string;
  createdById: number | null;
}

export function insertRequest(db: Db, r: RequestInsert): number {
  const info = stmt(db, 
      `INSERT INTO requests (state, requester_name, organization, email, phone, postal_address, category, channel, received_at,
         description, residency, residency_statement, attorney_affidavit, school_personnel, school_why, created_at, created_by, created_by_id)
       VALUES (@state, @name, @organization, @email, @phone, @postalAddress, @category, @channel, @receivedAt,
         @description, @residency, @residencyStatement, @attorneyAffidavit, @schoolPersonnel, @schoolWhy, @createdAt, @createdBy, @createdById)`,
    )
    .run({ ...r, attorneyAffidavit: r.attorneyAffidavit ? 1 : 0, schoolPersonnel: r.schoolPersonnel ? 1 : 0, schoolWhy: JSON.stringify(r.schoolWhy) });
  return Number(info.lastInsertRowid);
}
