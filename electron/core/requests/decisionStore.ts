import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import type { RecordingDecisionInfo, Segment, SignedDecisionInfo } from '../../../shared/contract';
import type { DecisionOutcome } from '../../../shared/domain/requestWorkflow';
import type { ReleaseOutcome } from '../../../shared/domain/releaseTypes';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { canonicalJson } from './canonicalJson';
import { itemSnapshot } from './requestFacts';
import { linkedItemIds, type RequestRow } from './requestRows';
import { preparedBy } from './preparers';
import { stmt } from './sqlCache';
import { newerRender, signedCopyProblem, type SignedRedactedCopy } from './signedCopy';

/**
 * Signed legal decisions. The payload names exactly what was decided: each recording's id, its
 * SHA-256 and the SHA-256 of its metadata at signing, with the decision, exemption and
 * explanation. The signature is SHA-256 (and Ed25519 with the installation key) over
 * canonicalJson({ decision: payload, reviewerUserId }). A decision is valid only while the
 * request's recordings, their bytes and their metadata are still what was signed.
 */

export interface DraftBody {
  decision: RecordingDecisionInfo['decision'];
  exemptionId: string | null;
  exemptionCite: string | null;
  explanation: string | null;
  reason: string | null;
  segments: Segment[];
  proposal: ReleaseOutcome;
  decidedBy: string;
  decidedById: number;
  decidedAt: string;
}

export interface DecisionPayloadRecording extends Omit<DraftBody, 'decidedById'> {
  itemId: string;
  sha256: string;
  metaSha256: string;
  /**
   * For a recording that needs a redacted copy (approve-redacted, view-only with segments): the
   * rendered copy the reviewer signed (requests/signedCopy.ts). Absent in decisions signed
   * before copies were signed (the key is then left out, so their signatures still verify).
   */
  redactedCopy?: SignedRedactedCopy;
}

export interface DecisionPayload {
  format: 'custodian-decision-v1';
  requestId: number;
  reference: string;
  outcome: DecisionOutcome;
  reviewer: { userId: number; username: string };
  signedAt: string;
  schoolPersonnel: boolean;
  recordings: DecisionPayloadRecording[];
  /**
   * Decisions signed before the redaction studio carry `renderedOutputs: []`, kept verbatim so
   * their signatures verify; it is never written now. Rendered copies live in the renders table
   * (redaction/renderRows.ts).
   */
  renderedOutputs?: [];
}

export interface DecisionRow {
  id: number;
  request_id: number;
  outcome: DecisionOutcome;
  decided_by: number;
  decided_by_name: string;
  signed_at: string;
  payload: string;
  signature_sha256: string;
  ed25519_signature: string;
  public_key: string;
  voided_at: string | null;
  void_reason: string | null;
}

export function draftRows(db: Db, requestId: number): { itemId: string; body: DraftBody }[] {
  return (stmt(db, 'SELECT item_id, body FROM request_draft_decisions WHERE request_id = ? ORDER BY item_id').all(requestId) as { item_id: string; body: string }[]).map((r) => ({
    itemId: r.item_id,
    body: JSON.parse(r.body) as DraftBody,
  }));
}

export function putDraft(db: Db, requestId: number, itemId: string, body: DraftBody): void {
  stmt(db, 'INSERT INTO request_draft_decisions (request_id, item_id, body) VALUES (?, ?, ?) ON CONFLICT(request_id, item_id) DO UPDATE SET body = excluded.body').run(
    requestId,
    itemId,
    JSON.stringify(body),
  );
}

export function deleteDraft(db: Db, requestId: number, itemId: string): void {
  stmt(db, 'DELETE FROM request_draft_decisions WHERE request_id = ? AND item_id = ?').run(requestId, itemId);
}

export function activeDecision(db: Db, requestId: number): DecisionRow | undefined {
  return stmt(db, 'SELECT * FROM request_decisions WHERE request_id = ? AND voided_at IS NULL ORDER BY id DESC LIMIT 1').get(requestId) as DecisionRow | undefined;
}

export function voidedDecisions(db: Db, requestId: number): DecisionRow[] {
  return stmt(db, 'SELECT * FROM request_decisions WHERE request_id = ? AND voided_at IS NOT NULL ORDER BY id DESC').all(requestId) as DecisionRow[];
}

export function decisionById(db: Db, id: number): DecisionRow | undefined {
  return stmt(db, 'SELECT * FROM request_decisions WHERE id = ?').get(id) as DecisionRow | undefined;
}

export function payloadOf(d: DecisionRow): DecisionPayload {
  return JSON.parse(d.payload) as DecisionPayload;
}

function signedText(payload: DecisionPayload, reviewerUserId: number): string {
  return canonicalJson({ decision: payload, reviewerUserId });
}

export function outcomeOf(decisions: readonly { decision: DraftBody['decision'] }[], schoolPersonnel: boolean): DecisionOutcome {
  const withheld = decisions.filter((d) => d.decision === 'withhold').length;
  if (schoolPersonnel || withheld === decisions.length) return 'denied';
  return withheld === 0 ? 'approved' : 'partially-approved';
}

/** Inserts the signed decision (inside the caller's transaction) and returns its row. */
export function insertSignedDecision(core: CoreContext, payload: DecisionPayload): DecisionRow {
  const text = signedText(payload, payload.reviewer.userId);
  const signatureSha256 = createHash('sha256').update(text).digest('hex');
  const ed25519 = sign(null, Buffer.from(text), core.key.privateKey).toString('base64');
  const info = stmt(core.db, 
      `INSERT INTO request_decisions (request_id, outcome, decided_by, decided_by_name, signed_at, payload, signature_sha256, ed25519_signature, public_key)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(payload.requestId, payload.outcome, payload.reviewer.userId, payload.reviewer.username, payload.signedAt, canonicalJson(payload), signatureSha256, ed25519, core.key.publicKeyPem);
  const id = Number(info.lastInsertRowid);
  const link = stmt(core.db, 'INSERT INTO request_decision_items (decision_id, item_id) VALUES (?, ?)');
  for (const r of payload.recordings) link.run(id, r.itemId);
  return decisionById(core.db, id)!;
}

const publicKeys = new Map<string, KeyObject>();

function publicKey(pem: string): KeyObject {
  let key = publicKeys.get(pem);
  if (!key) {
    key = createPublicKey(pem);
    publicKeys.set(pem, key);
  }
  return key;
}

/** Why this decision no longer authorises anything for `row` (empty when it does). */
export function decisionProblems(core: CoreContext, row: RequestRow, d: DecisionRow): string[] {
  const problems: string[] = [];
  let payload: DecisionPayload;
  try {
    payload = payloadOf(d);
  } catch {
    return ['The stored decision cannot be read.'];
  }
  const text = signedText(payload, d.decided_by);
  if (createHash('sha256').update(text).digest('hex') !== d.signature_sha256) problems.push('The decision does not match its SHA-256 signature.');
  let edOk = false;
  try {
    edOk = d.public_key.trim() === core.key.publicKeyPem.trim() && verify(null, Buffer.from(text), publicKey(d.public_key), Buffer.from(d.ed25519_signature, 'base64'));
  } catch {
    edOk = false;
  }
  if (!edOk) problems.push('The Ed25519 signature on the decision does not verify with this installation’s key.');
  if (payload.requestId !== row.id || payload.outcome !== d.outcome || payload.reviewer.userId !== d.decided_by) problems.push('The decision belongs to another request or was altered.');
  if (preparedBy(core, row, d.decided_by)) problems.push('The decision was signed by someone who prepared the release.');

  const signed = new Map(payload.recordings.map((r) => [r.itemId, r]));
  const linked = linkedItemIds(core.db, row.id);
  for (const id of linked) if (!signed.has(id)) problems.push(`Recording ${id} was added after the decision was signed.`);
  for (const [id, r] of signed) {
    if (!linked.includes(id)) {
      problems.push(`Recording ${id} was removed after the decision was signed.`);
      continue;
    }
    const now = itemSnapshot(core, id);
    if (!now) problems.push(`Recording ${id} is no longer in the library.`);
    else if (now.sha256 !== r.sha256) problems.push(`Recording ${id} no longer has the SHA-256 that was approved.`);
    else if (now.metaSha256 !== r.metaSha256) problems.push(`The details of recording ${id} changed after the decision was signed.`);
    if (r.redactedCopy) {
      // A new render after signing voids the approval: the reviewer signed the copy before it.
      if (newerRender(core.db, id, r.redactedCopy)) problems.push(`A new redacted copy of recording ${id} was rendered after the decision was signed; the legal reviewer must review and sign again.`);
      const copyProblem = signedCopyProblem(core, id, r.redactedCopy);
      if (copyProblem) problems.push(copyProblem);
    }
  }
  return problems;
}

export function decisionInfo(core: CoreContext, row: RequestRow, d: DecisionRow): SignedDecisionInfo {
  const payload = payloadOf(d);
  const problems = d.voided_at === null ? decisionProblems(core, row, d) : [`Voided: ${d.void_reason ?? ''}`];
  return {
    id: d.id,
    outcome: d.outcome,
    decidedByUserId: d.decided_by,
    decidedBy: d.decided_by_name,
    signedAt: d.signed_at,
    recordings: payload.recordings.map((r) => ({ ...r })),
    renderedOutputs: renderedOutputsOf(payload.recordings),
    signatureSha256: d.signature_sha256,
    ed25519Signature: d.ed25519_signature,
    publicKey: d.public_key,
    voidedAt: d.voided_at,
    voidReason: d.void_reason,
    valid: problems.length === 0,
    problems,
  };
}

/** The redacted copies the decision signed (from the payload; none in decisions signed before copies were signed). */
function renderedOutputsOf(recordings: readonly DecisionPayloadRecording[]): SignedDecisionInfo['renderedOutputs'] {
  return recordings.flatMap((r) => (r.redactedCopy ? [{ itemId: r.redactedCopy.itemId, sha256: r.redactedCopy.sha256, kind: 'redacted-copy' }] : []));
}
