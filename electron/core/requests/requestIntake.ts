import type { ParsedInput } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { emailFieldProblem } from '../../../shared/domain/schoolPersonnel';
import type { HandlerContext } from '../callContext';
import type { CoreContext } from '../coreContext';
import type { Actor, CustodyEvent } from '../custody/custodyLog';
import { activeDecision, deleteDraft } from './decisionStore';
import { statutoryDueDate } from './deadlineClock';
import { commitDocument, discardPlaced, placeFile, type PlacedDocument } from './documents';
import { addPreparer, insertRequest, linkedItemIds, mustFindRecording, mustFindRequest, reference, requestObjectId, type RequestRow } from './requestRows';
import { applyTransition, refreshSchoolPersonnel, voidDecision, workflowActorOf } from './workflowGuard';
import { stmt } from './sqlCache';
import { detectNow, storeSchoolFinding, schoolFinding } from './schoolFindings';

/** Intake, corrections, attachments and the linked recordings of a request. */

const FUTURE_SLACK_MS = 5 * 60 * 1000;

function userId(actor: Actor): number | null {
  return actor.userId;
}

/** Inside a transaction: links and unlinks recordings, with one custody event each (and one on the recording). */
function changeLinks(core: CoreContext, actor: Actor, row: RequestRow, add: readonly string[], remove: readonly string[]): CustodyEvent[] {
  const events: CustodyEvent[] = [];
  const linked = new Set(linkedItemIds(core.db, row.id));
  const now = core.clock().toISOString();
  for (const id of add) {
    if (linked.has(id)) continue;
    const item = mustFindRecording(core.db, id);
    stmt(core.db, 'INSERT INTO request_recordings (request_id, item_id, added_at, added_by) VALUES (?, ?, ?, ?)').run(row.id, id, now, actor.username);
    linked.add(id);
    events.push({ action: 'request-recording-added', objectId: requestObjectId(row.id), objectSha256: item.sha256, details: { itemId: id, fileName: item.fileName } });
    events.push({ action: 'linked-to-request', objectId: id, objectSha256: item.sha256, details: { requestId: row.id, reference: reference(row.id) } });
  }
  for (const id of remove) {
    if (!linked.has(id)) continue;
    const item = stmt(core.db, 'SELECT sha256, original_name AS fileName FROM items WHERE id = ?').get(id) as { sha256: string; fileName: string } | undefined;
    stmt(core.db, 'DELETE FROM request_recordings WHERE request_id = ? AND item_id = ?').run(row.id, id);
    deleteDraft(core.db, row.id, id);
    linked.delete(id);
    events.push({ action: 'request-recording-removed', objectId: requestObjectId(row.id), objectSha256: item?.sha256 ?? null, details: { itemId: id, ...(item ? { fileName: item.fileName } : {}) } });
    events.push({ action: 'unlinked-from-request', objectId: id, objectSha256: item?.sha256 ?? null, details: { requestId: row.id, reference: reference(row.id) } });
  }
  if (events.length > 0) addPreparer(core.db, row, userId(actor));
  return events;
}

function attachDocument(core: CoreContext, actor: Actor, row: RequestRow, placed: PlacedDocument): CustodyEvent[] {
  const doc = commitDocument(core, actor, placed, 'request-letter', { requestId: row.id });
  const already = stmt(core.db, 'SELECT 1 FROM request_attachments WHERE request_id = ? AND item_id = ?').get(row.id, doc.itemId);
  if (!already) {
    stmt(core.db, 'INSERT INTO request_attachments (request_id, item_id, attached_at, attached_by) VALUES (?, ?, ?, ?)').run(row.id, doc.itemId, core.clock().toISOString(), actor.username);
  }
  return [
    ...doc.events,
    { action: 'request-letter-attached', objectId: requestObjectId(row.id), objectSha256: placed.sha256, details: { itemId: doc.itemId, originalName: placed.originalName, size: placed.size } },
  ];
}

/** An e-mail field that does not read as addresses is refused, saying why (empty is allowed: a walk-in). */
function checkEmailField(email: string | undefined): void {
  if (email === undefined) return;
  const problem = emailFieldProblem(email);
  if (problem !== null) throw new CustodianError('BAD_INPUT', problem, { field: 'email', reason: 'EMAIL_UNREADABLE' });
}

export async function createRequest(ctx: HandlerContext, input: ParsedInput<'requests.create'>): Promise<number> {
  const { core, actor } = ctx;
  checkEmailField(input.email);
  if (Date.parse(input.receivedAt) > core.clock().getTime() + FUTURE_SLACK_MS) {
    throw new CustodianError('BAD_INPUT', 'The date and time received is in the future. Check the date and the time zone.', { receivedAt: input.receivedAt });
  }
  for (const id of input.recordingIds) mustFindRecording(core.db, id);
  const school = detectNow(core, { email: input.email, organization: input.organization, requester_name: input.name, category: input.category });
  const dueDate = statutoryDueDate(core, input.receivedAt);
  const placed = input.letterPath ? await placeFile(core, input.letterPath) : null;
  try {
    return core.record(actor, () => {
      const id = insertRequest(core.db, {
        state: 'received',
        name: input.name,
        organization: input.organization,
        email: input.email,
        phone: input.phone,
        postalAddress: input.postalAddress,
        category: input.category,
        channel: input.channel,
        receivedAt: new Date(input.receivedAt).toISOString(),
        description: input.description,
        residency: input.residency,
        residencyStatement: input.residencyStatement,
        attorneyAffidavit: input.attorneyAffidavit,
        // Definite reasons in the row; near matches in their own table (migration 60), below.
        schoolPersonnel: school.definite.length > 0,
        schoolWhy: school.definite,
        createdAt: core.clock().toISOString(),
        createdBy: actor.username,
        createdById: actor.userId,
      });
      const row = mustFindRequest(core.db, id);
      storeSchoolFinding(core, row, schoolFinding(core, row));
      const events: CustodyEvent[] = [
        {
          action: 'request-created',
          objectId: requestObjectId(id),
          details: {
            reference: reference(id),
            // Contact details beyond these stay in the request row, out of the permanent log.
            requester: { name: input.name, organization: input.organization, email: input.email },
            category: input.category,
            channel: input.channel,
            receivedAt: row.received_at,
            residency: input.residency,
            attorneyAffidavit: input.attorneyAffidavit,
            schoolPersonnel: school.schoolPersonnel,
            why: school.why,
            nearMatches: school.nearMatches.map((m) => ({ key: m.key, field: m.field, text: m.text, matched: m.matched })),
            dueDate,
          },
        },
      ];
      events.push(...changeLinks(core, actor, row, input.recordingIds, []));
      if (placed) events.push(...attachDocument(core, actor, row, placed));
      return { result: id, events };
    });
  } catch (err) {
    if (placed) discardPlaced(core, placed);
    throw err;
  }
}

const EDITABLE: Record<string, keyof RequestRow> = {
  name: 'requester_name',
  organization: 'organization',
  email: 'email',
  phone: 'phone',
  postalAddress: 'postal_address',
  category: 'category',
  channel: 'channel',
  description: 'description',
  residency: 'residency',
  residencyStatement: 'residency_statement',
  attorneyAffidavit: 'attorney_affidavit',
};

export function updateRequest(ctx: HandlerContext, input: ParsedInput<'requests.update'>): void {
  const { core, actor } = ctx;
  checkEmailField(input.email);
  core.record(actor, () => {
    const row = mustFindRequest(core.db, input.id);
    if (row.state === 'released' || row.state === 'closed') throw new CustodianError('CONFLICT', 'A released or closed request cannot be changed.');
    const old: Record<string, unknown> = {};
    const next: Record<string, unknown> = {};
    for (const [field, column] of Object.entries(EDITABLE)) {
      const raw = (input as Record<string, unknown>)[field];
      if (raw === undefined) continue;
      const value = typeof raw === 'boolean' ? (raw ? 1 : 0) : raw;
      if (row[column] === value) continue;
      old[field] = row[column];
      next[field] = raw;
      stmt(core.db, `UPDATE requests SET ${column} = ? WHERE id = ?`).run(value, row.id);
    }
    if (Object.keys(next).length === 0) return { result: null, events: [] };
    const events: CustodyEvent[] = [{ action: 'request-updated', objectId: requestObjectId(row.id), details: { old, new: next } }];
    // Who asks is part of what was approved (category, affidavit): a signed approval does not carry over.
    if (row.state === 'approved' || row.state === 'partially-approved') {
      voidDecision(core, actor, row.id, `The request details changed after the decision was signed (${Object.keys(next).join(', ')}).`);
    }
    return { result: null, events };
  });
  // A finding made by the new details sticks, and voids an approval it undermines.
  refreshSchoolPersonnel(core, mustFindRequest(core.db, input.id), actor);
}

export async function attachRequestLetter(ctx: HandlerContext, id: number, filePath: string): Promise<string> {
  const { core, actor } = ctx;
  mustFindRequest(core.db, id);
  const placed = await placeFile(core, filePath);
  try {
    core.record(actor, () => ({ result: null, events: attachDocument(core, actor, mustFindRequest(core.db, id), placed) }));
  } catch (err) {
    discardPlaced(core, placed);
    throw err;
  }
  return placed.sha256;
}

const LINKABLE = new Set(['received', 'in-preparation', 'awaiting-review', 'approved', 'partially-approved']);

export function linkRecordings(ctx: HandlerContext, input: ParsedInput<'requests.link'>): void {
  const { core, actor } = ctx;
  core.record(actor, () => {
    const row = mustFindRequest(core.db, input.id);
    if (!LINKABLE.has(row.state)) throw new CustodianError('CONFLICT', `Recordings cannot be added or removed once the request is ${row.state}.`, { state: row.state });
    const events = changeLinks(core, actor, row, input.add, input.remove);
    if (events.length > 0 && activeDecision(core.db, row.id) && (row.state === 'approved' || row.state === 'partially-approved')) {
      // Nested: the void and its return to review commit with the change that caused them.
      voidDecision(core, actor, row.id, 'Recordings were added or removed after the decision was signed.', { added: input.add, removed: input.remove });
    }
    return { result: null, events };
  });
}

export function transitionRequest(ctx: HandlerContext, input: ParsedInput<'requests.transition'>): void {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, input.id);
  const school = refreshSchoolPersonnel(core, row, actor);
  const note = input.note?.trim() ?? '';
  if ((input.event === 'return-for-changes' || input.event === 'void-approval') && note.length < 3) {
    throw new CustodianError('BAD_INPUT', 'Write a note saying why.', { reason: 'NOTE_REQUIRED' });
  }
  if (input.event === 'submit-for-review' && !school.schoolPersonnel && linkedItemIds(core.db, row.id).length === 0) {
    throw new CustodianError('CONFLICT', 'Link the recordings this request covers before sending it to legal review.');
  }
  core.record(actor, () => {
    const fresh = mustFindRequest(core.db, input.id);
    const wf = workflowActorOf(ctx);
    const events: CustodyEvent[] = [];
    if (input.event === 'void-approval') {
      const d = activeDecision(core.db, fresh.id);
      events.push(applyTransition(core, fresh, 'void-approval', wf, { note }, { legalDecision: undefined }));
      if (d) {
        stmt(core.db, 'UPDATE request_decisions SET voided_at = ?, void_reason = ? WHERE id = ?').run(core.clock().toISOString(), note, d.id);
        events.push({ action: 'approval-voided', objectId: requestObjectId(fresh.id), details: { decisionId: d.id, signatureSha256: d.signature_sha256, reason: note, automatic: false } });
      }
      return { result: null, events };
    }
    events.push(applyTransition(core, fresh, input.event, wf, note ? { note } : {}));
    if (input.event === 'submit-for-review') {
      stmt(core.db, 'UPDATE requests SET prepared_by = ?, prepared_by_name = ? WHERE id = ?').run(actor.userId, actor.username, fresh.id);
      addPreparer(core.db, fresh, actor.userId);
    }
    if (input.event === 'close' && fresh.answered_at === null) stmt(core.db, 'UPDATE requests SET answered_at = ? WHERE id = ?').run(core.clock().toISOString(), fresh.id);
    return { result: null, events };
  });
}
