import type { AttachmentInfo, RequestDetail } from '../../../shared/contract';
import { allowedEvents } from '../../../shared/domain/requestWorkflow';
import type { Session } from '../accounts/sessions';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { draftInfo } from './decisionRules';
import { activeDecision, decisionInfo, draftRows, voidedDecisions } from './decisionStore';
import { deadlineContext, todayLocal } from './deadlineClock';
import { listLetters } from './letters/letterService';
import { evaluateRequest } from './requestFacts';
import { namedRecordings, pendingRedactions } from './redactions';
import { redactedCopies } from './redactedCopies';
import { linkedRecordings, type RequestRow } from './requestRows';
import { preparedBy } from './preparers';
import { delayInfo, requestSummary, statutoryDueDateOf } from './requestSummary';
import { listViewings } from './viewings';
import { workflowContext } from './workflowGuard';
import { stmt } from './sqlCache';

export function attachments(db: Db, requestId: number): AttachmentInfo[] {
  const rows = stmt(db, 
      `SELECT a.item_id, a.attached_at, a.attached_by, i.sha256, i.size, i.original_name
       FROM request_attachments a JOIN items i ON i.id = a.item_id WHERE a.request_id = ? ORDER BY a.attached_at, a.item_id`,
    )
    .all(requestId) as { item_id: string; attached_at: string; attached_by: string; sha256: string; size: number; original_name: string }[];
  return rows.map((r) => ({ itemId: r.item_id, sha256: r.sha256, size: r.size, originalName: r.original_name, attachedAt: r.attached_at, attachedBy: r.attached_by }));
}

const RESIDENCY_WARNING =
  'The requester has not stated that they are a Kentucky resident or which qualifying category applies (KRS 61.872(2)). Ask for the statement, or note why it is not needed (e.g. a directly involved person or an agency).';

/** Everything the request screen shows, computed now (proposals, deadline, allowed buttons). */
export function requestDetail(core: CoreContext, row: RequestRow, session: Session | null): RequestDetail {
  const options = deadlineContext(core, [row.received_at]);
  const summary = requestSummary(core, row, todayLocal(core), options);
  const { school, proposals } = evaluateRequest(core, row);
  const active = activeDecision(core.db, row.id);
  const decision = active ? decisionInfo(core, row, active) : null;
  const warnings: string[] = [];
  const stillOpen = !['denied', 'released', 'closed'].includes(row.state);
  if (school.schoolPersonnel && stillOpen) warnings.push('Treated as school personnel: nothing can be approved, viewed or released (department policy XVI). The custodian of records issues the school-personnel denial letter, which denies the request.');
  // A statement asked for only while it can still change the answer: not once answered, never for a forced school-personnel denial.
  if (row.residency === 'not-stated' && stillOpen && !school.schoolPersonnel && !['agency', 'court', 'school-personnel'].includes(row.category)) warnings.push(RESIDENCY_WARNING);
  if (row.category === 'attorney' && row.attorney_affidavit !== 1) warnings.push('The attorney has not signed the affidavit of limited release (KRS 61.169); the request is reviewed like a public request.');
  for (const p of proposals) warnings.push(...p.factWarnings.map((w) => `Recording ${p.itemId}: ${w}`));
  if (decision && !decision.valid) warnings.push(`The signed decision no longer holds: ${decision.problems.join(' ')}`);
  const pending = active && decision?.valid && (row.state === 'approved' || row.state === 'partially-approved') ? pendingRedactions(core, active) : [];
  if (pending.length > 0) {
    warnings.push(
      `Approved only with redaction, and the signed decision names no redacted copy that can go out: ${namedRecordings(core.db, pending.map((r) => r.itemId))}. The request cannot be released, and ${pending.length === 1 ? 'that recording is' : 'those recordings are'} not shown at a viewing; void the approval and have the legal reviewer sign the rendered ${pending.length === 1 ? 'copy' : 'copies'}.`,
    );
  }
  const actor = { userId: session ? String(session.userId) : '', roles: session ? [...session.roles] : [] };
  return {
    ...summary,
    requester: {
      name: row.requester_name,
      organization: row.organization,
      email: row.email,
      phone: row.phone,
      postalAddress: row.postal_address,
      category: row.category,
      channel: row.channel,
      residency: row.residency,
      residencyStatement: row.residency_statement,
      attorneyAffidavit: row.attorney_affidavit === 1,
    },
    description: row.description,
    schoolPersonnel: school.schoolPersonnel,
    schoolPersonnelWhy: school.why,
    schoolNearMatches: school.nearMatches,
    statutoryDueDate: statutoryDueDateOf(core, row, options),
    delay: delayInfo(row),
    answeredAt: row.answered_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    preparedBy: row.prepared_by_name,
    recordings: linkedRecordings(core.db, row.id),
    proposals,
    draftDecisions: draftRows(core.db, row.id).map((d) => draftInfo(d.itemId, d.body)),
    decision,
    voidedDecisions: voidedDecisions(core.db, row.id).map((d) => decisionInfo(core, row, d)),
    attachments: attachments(core.db, row.id),
    letters: listLetters(core.db, row.id),
    viewings: listViewings(core.db, row.id),
    redactedCopies: redactedCopies(core, row.state, row.id, active),
    releasedAt: row.released_at,
    releasedBy: row.released_by,
    // Anyone who shaped the release is refused at sign-off, so the buttons are not offered to them.
    allowedEvents: allowedEvents(row.state, actor, workflowContext(core, row, active)).filter(
      (e) => !(session && preparedBy(core, row, session.userId) && (e === 'approve' || e === 'approve-partially' || e === 'deny')),
    ),
    warnings,
  };
}
