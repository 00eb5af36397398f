import type { Agency, LetterInfo, LetterKind, ViewingInfo } from '../../../../shared/contract';
import { CustodianError } from '../../../../shared/errors';
import type { HandlerContext } from '../../callContext';
import type { CoreContext } from '../../coreContext';
import type { Db } from '../../db/database';
import { activeDecision, decisionProblems, payloadOf, type DecisionPayload, type DecisionRow } from '../decisionStore';
import { needsRedactedCopy, renderedRedactedCopy } from '../redactions';
import { deadlineSettings, todayLocal } from '../deadlineClock';
import { commitDocument, discardPlaced, placeBytes } from '../documents';
import { exemptionCatalogue } from '../exemptionCatalogue';
import { linkedRecordings, mustFindRequest, reference, requestObjectId, type RequestRow } from '../requestRows';
import { delayInfo, dueDateOf, freezeDueDate } from '../requestSummary';
import { findViewing, viewingInfo } from '../viewings';
import { applyTransition, refreshSchoolPersonnel, schoolPersonnelBlocked, voidDecision, workflowActorOf } from '../workflowGuard';
import { buildLetter, type LetterContext } from './letterContent';
import { redactionLogs } from './redactionLog';
import { recordingsWithPreEventBuffer } from './preEventBuffer';
import { renderLetter } from './letterPdf';
import { stmt, readSetting } from '../sqlCache';
import { keyFingerprint } from '../../custody/trust';

/** Open states the school-personnel denial letter closes off: issuing it denies the request (policy XVI). */
const SCHOOL_DENIABLE: ReadonlySet<string> = new Set(['received', 'in-preparation', 'awaiting-review']);

/** Letters that are the agency's written answer: issuing one stops the KRS 61.880(1) clock. */
const ANSWERS: ReadonlySet<LetterKind> = new Set(['approval', 'denial', 'school-personnel-denial', 'viewing-appointment']);

export const PRE_EVENT_BUFFER_SECONDS_KEY = 'letters.preEventBufferSeconds';

interface LetterRow {
  id: number;
  request_id: number;
  kind: LetterKind;
  item_id: string;
  file_name: string;
  issued_at: string;
  issued_by: string;
  warnings: string;
  sha256: string;
  size: number;
}

const SELECT_LETTERS = 'SELECT l.*, i.sha256, i.size FROM request_letters l JOIN items i ON i.id = l.item_id';

function toInfo(r: LetterRow): LetterInfo {
  return {
    id: r.id,
    requestId: r.request_id,
    kind: r.kind,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    itemId: r.item_id,
    issuedAt: r.issued_at,
    issuedBy: r.issued_by,
    warnings: JSON.parse(r.warnings) as string[],
  };
}

export function listLetters(db: Db, requestId: number): LetterInfo[] {
  return (stmt(db, `${SELECT_LETTERS} WHERE l.request_id = ? ORDER BY l.id`).all(requestId) as LetterRow[]).map(toInfo);
}

export function findLetter(db: Db, id: number): LetterInfo | undefined {
  const r = stmt(db, `${SELECT_LETTERS} WHERE l.id = ?`).get(id) as LetterRow | undefined;
  return r ? toInfo(r) : undefined;
}

/** The signed decision a letter may rest on, checked now; a decision whose basis changed is voided. */
function validDecision(ctx: HandlerContext, row: RequestRow, outcomes: readonly DecisionPayload['outcome'][], kind: LetterKind): DecisionRow {
  const d = activeDecision(ctx.core.db, row.id);
  if (!d || !outcomes.includes(d.outcome)) {
    throw new CustodianError('POLICY_REFUSED', `The ${kind} letter needs a signed legal decision that ${outcomes.join(' or ')} the request.`, { reason: 'LEGAL_DECISION_REQUIRED', kind });
  }
  // After release the letter describes what went out under the signed decision; it is not re-checked.
  const problems = row.state === 'released' || row.state === 'closed' ? [] : decisionProblems(ctx.core, row, d);
  if (problems.length > 0) {
    voidDecision(ctx.core, ctx.actor, row.id, problems.join(' '), { detectedBy: `letters.issue ${kind}` });
    throw new CustodianError('POLICY_REFUSED', `The signed decision no longer matches the recordings and was voided; the request is back with the legal reviewer. ${problems.join(' ')}`, {
      reason: 'APPROVAL_VOID',
      problems,
    });
  }
  return d;
}

/** SHA-256 of each signed redacted copy of the decision's recordings that can still go out. */
function renderedRedactions(core: CoreContext, d: DecisionRow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of payloadOf(d).recordings) {
    const copy = needsRedactedCopy(r) ? renderedRedactedCopy(core, d, r) : null;
    if (copy) out[r.itemId] = copy.sha256;
  }
  return out;
}

export interface IssueOptions {
  viewingId?: number;
}

/**
 * Builds, stores and logs one letter. Release-path kinds (approval, viewing appointment) refuse
 * school personnel; callers wrap this in `guardReleasePath` so that refusal is logged.
 */
export async function issueLetter(ctx: HandlerContext, requestId: number, kind: LetterKind, opts: IssueOptions = {}): Promise<{ letter: LetterInfo; warnings: string[] }> {
  const { core, actor } = ctx;
  const row = mustFindRequest(core.db, requestId);
  const school = refreshSchoolPersonnel(core, row, actor);
  if ((kind === 'approval' || kind === 'viewing-appointment') && school.schoolPersonnel) throw schoolPersonnelBlocked(row.id, `letters.issue ${kind}`);
  if (kind === 'school-personnel-denial' && !school.schoolPersonnel) {
    throw new CustodianError('CONFLICT', 'This request has not been identified as coming from school personnel; use the denial letter after legal review instead.');
  }

  let decisionRow: DecisionRow | undefined;
  if (kind === 'approval') decisionRow = validDecision(ctx, row, ['approved', 'partially-approved'], kind);
  if (kind === 'denial') decisionRow = validDecision(ctx, row, ['denied'], kind);
  const decision: DecisionPayload | undefined = decisionRow ? payloadOf(decisionRow) : undefined;
  let viewing: ViewingInfo | undefined;
  if (kind === 'viewing-appointment') {
    validDecision(ctx, row, ['approved', 'partially-approved'], kind);
    const v = opts.viewingId === undefined ? latestViewing(core, row.id) : findViewing(core.db, opts.viewingId);
    if (!v || v.request_id !== row.id) throw new CustodianError('NOT_FOUND', 'Schedule the viewing first; the appointment letter is made from it.');
    viewing = viewingInfo(core.db, v);
  }
  const delay = delayInfo(row) ?? undefined;
  if (kind === 'delay-notice' && !delay) throw new CustodianError('CONFLICT', 'No delay notice has been recorded for this request. Record the delay first.');

  const settings = deadlineSettings(core);
  const rendered = decisionRow ? renderedRedactions(core, decisionRow) : {};
  const linked = linkedRecordings(core.db, row.id);
  // Only letters that release or show recordings explain the pre-event buffer, and only for a recording that has one.
  const granted = kind === 'approval' ? (decision?.recordings ?? []).filter((r) => r.decision !== 'withhold').map((r) => r.itemId) : kind === 'viewing-appointment' ? (viewing?.itemIds ?? []) : [];
  const buffered = await recordingsWithPreEventBuffer(core, linked.filter((r) => granted.includes(r.itemId)));
  const context: LetterContext = {
    kind,
    agency: readSetting<Agency>(core.db, 'agency') ?? { name: '', address: '' },
    today: todayLocal(core),
    timeZone: settings.timeZone,
    request: {
      reference: reference(row.id),
      name: row.requester_name,
      organization: row.organization,
      email: row.email,
      postalAddress: row.postal_address,
      receivedAt: row.received_at,
      description: row.description,
      dueDate: dueDateOf(core, row),
    },
    issuer: { displayName: ctx.session?.displayName ?? actor.username, isCustodian: ctx.session?.roles.includes('custodian') ?? false },
    recordings: linked.map((r) => ({ itemId: r.itemId, originalName: r.originalName, recordedStart: r.recordedStart, sha256: r.sha256, officer: r.officer, school: r.school })),
    decision,
    exemptions: exemptionCatalogue(core),
    delay,
    viewing,
    preEventBufferSeconds: readSetting<number>(core.db, PRE_EVENT_BUFFER_SECONDS_KEY) ?? 30,
    preEventBufferItemIds: buffered,
    schoolPersonnelWhy: school.why,
    renderedRedactions: rendered,
    redactionLogs: decisionRow ? redactionLogs(core, decisionRow, rendered) : {},
    agencyKeyFingerprint: keyFingerprint(core.key.publicKeyPem) ?? undefined,
  };
  const { spec, warnings } = buildLetter(context);
  const bytes = await renderLetter(spec);
  const fileName = `${reference(row.id)}-${kind}-${context.today}.pdf`;
  const placed = await placeBytes(core, bytes, fileName);
  try {
    const id = core.record(actor, () => {
      const doc = commitDocument(core, actor, placed, 'letter', { requestId: row.id, letterKind: kind });
      const now = core.clock().toISOString();
      const info = stmt(core.db, 'INSERT INTO request_letters (request_id, kind, item_id, file_name, issued_at, issued_by, warnings) VALUES (?, ?, ?, ?, ?, ?, ?)')
        .run(row.id, kind, doc.itemId, fileName, now, actor.username, JSON.stringify(warnings));
      const answered = ANSWERS.has(kind) && row.answered_at === null;
      if (answered) stmt(core.db, 'UPDATE requests SET answered_at = ? WHERE id = ?').run(now, row.id);
      // The written answer stops the clock: the due date is fixed as it stands now.
      const dueDateFixed = answered ? freezeDueDate(core, mustFindRequest(core.db, row.id)) : null;
      const letterId = Number(info.lastInsertRowid);
      const fresh = mustFindRequest(core.db, row.id);
      // The forced outcome: the letter is the denial, logged as a transition in the same transaction.
      const denial = kind === 'school-personnel-denial' && SCHOOL_DENIABLE.has(fresh.state)
        ? [applyTransition(core, fresh, 'deny-school-personnel', workflowActorOf(ctx), { letterId, why: school.why }, { schoolPersonnel: true })]
        : [];
      return {
        result: letterId,
        events: [
          ...doc.events,
          {
            action: 'letter-issued',
            objectId: requestObjectId(row.id),
            objectSha256: placed.sha256,
            details: { letterId, kind, itemId: doc.itemId, fileName, size: placed.size, warnings, answered, dueDateFixed, viewingId: viewing?.id ?? null },
          },
          ...denial,
        ],
      };
    });
    return { letter: findLetter(core.db, id)!, warnings };
  } catch (err) {
    discardPlaced(core, placed);
    throw err;
  }
}

function latestViewing(core: CoreContext, requestId: number) {
  const r = stmt(core.db, 'SELECT id FROM request_viewings WHERE request_id = ? ORDER BY id DESC LIMIT 1').get(requestId) as { id: number } | undefined;
  return r ? findViewing(core.db, r.id) : undefined;
}
