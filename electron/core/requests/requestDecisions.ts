import type { ParsedInput, RecordingDecisionInfo } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { decisionOf, type RequestEvent } from '../../../shared/domain/requestWorkflow';
import { REAUTHENTICATED } from '../accounts/reauth';
import type { HandlerContext } from '../callContext';
import type { CustodyEvent } from '../custody/custodyLog';
import { draftInfo, validateDecision, type DecisionInput } from './decisionRules';
import { draftRows, insertSignedDecision, outcomeOf, putDraft, type DecisionPayload, type DecisionRow, type DraftBody } from './decisionStore';
import { evaluateRequest } from './requestFacts';
import { linkedItemIds, mustFindRequest, reference, requestObjectId, type RequestRow } from './requestRows';
import { preparedBy } from './preparers';
import { namedRecordings } from './redactions';
import { copyToSign, needsRedactedCopy, type SignedRedactedCopy } from './signedCopy';
import type { CoreContext } from '../coreContext';
import { applyTransition, refreshSchoolPersonnel, schoolPersonnelBlocked, workflowActorOf } from './workflowGuard';

/** The legal reviewer's per-recording drafts and the signed sign-off. */

function separationOfDuties(core: CoreContext, row: RequestRow, userId: number): CustodianError | null {
  const changed = preparedBy(core, row, userId);
  if (!changed) return null;
  return new CustodianError('POLICY_REFUSED', `You prepared this release (you ${changed.join('; ')}), so another legal reviewer must decide it.`, {
    reason: 'SEPARATION_OF_DUTIES',
    changed,
  });
}

function reviewerOf(ctx: HandlerContext): { userId: number; username: string } {
  if (!ctx.session) throw new CustodianError('NOT_SIGNED_IN', 'Please sign in first.');
  return { userId: ctx.session.userId, username: ctx.session.username };
}

export function setDecision(ctx: HandlerContext, input: ParsedInput<'requests.setDecision'>): { decision: RecordingDecisionInfo; warnings: string[] } {
  const { core, actor } = ctx;
  const reviewer = reviewerOf(ctx);
  const row = mustFindRequest(core.db, input.id);
  const school = refreshSchoolPersonnel(core, row, actor);
  const evaluation = evaluateRequest(core, row);
  const proposal = evaluation.proposals.find((p) => p.itemId === input.itemId);
  // School personnel first, whatever the state: the refusal is the same on every path.
  if (school.schoolPersonnel && input.decision !== 'withhold') throw schoolPersonnelBlocked(row.id, 'requests.setDecision');
  if (row.state !== 'awaiting-review') throw new CustodianError('CONFLICT', `Decisions are recorded while the request awaits legal review; it is ${row.state}.`, { state: row.state });
  const sod = separationOfDuties(core, row, reviewer.userId);
  if (sod) throw sod;
  if (!proposal) throw new CustodianError('NOT_FOUND', `Recording ${input.itemId} is not linked to ${reference(row.id)}.`, { itemId: input.itemId });
  const { body, warnings } = validateDecision(core, row.id, proposal, input, school, reviewer, 'requests.setDecision');
  core.record(actor, () => {
    putDraft(core.db, row.id, input.itemId, body);
    return {
      result: null,
      events: [
        {
          action: 'decision-drafted',
          objectId: requestObjectId(row.id),
          details: { itemId: input.itemId, decision: body.decision, exemptionId: body.exemptionId, proposal: body.proposal, differsFromProposal: body.decision !== proposal.suggestedDecision, reason: body.reason, warnings },
        },
      ],
    };
  });
  return { decision: draftInfo(input.itemId, body), warnings };
}

/** The redacted copy a custody entry names: the copy's item id and SHA-256, its render and plan. */
function copyDetails(c: SignedRedactedCopy | undefined): Record<string, unknown> {
  return c ? { redactedCopy: { itemId: c.itemId, sha256: c.sha256, renderId: c.renderId, planHash: c.planHash, checkSha256: c.checkSha256 } } : {};
}

/**
 * The rendered copy to sign for each decided recording that needs one (requests/signedCopy.ts),
 * by recording id; refuses the sign-off, naming the recordings, when any has none. The legal
 * reviewer signs the exact bytes that go out, so the copy is rendered and checked first.
 */
function signedCopies(core: CoreContext, decided: readonly { itemId: string; body: DraftBody }[], snapshots: ReadonlyMap<string, { sha256: string }>): Map<string, SignedRedactedCopy> {
  const copies = new Map<string, SignedRedactedCopy>();
  const missing: string[] = [];
  for (const { itemId, body } of decided) {
    if (!needsRedactedCopy(body)) continue;
    const copy = copyToSign(core, itemId, snapshots.get(itemId)!.sha256);
    if (copy) copies.set(itemId, copy);
    else missing.push(itemId);
  }
  if (missing.length > 0) {
    const one = missing.length === 1;
    throw new CustodianError(
      'CONFLICT',
      `${one ? 'Recording' : 'Recordings'} ${namedRecordings(core.db, missing)} ${one ? 'is' : 'are'} approved with redaction. The legal reviewer signs the exact copy that goes out: render the redacted ${one ? 'copy' : 'copies'} in the studio and let ${one ? 'it' : 'them'} pass ${one ? 'its' : 'their'} leak check, then sign.`,
      { reason: 'REDACTION_NOT_RENDERED', itemIds: missing },
    );
  }
  return copies;
}

const EVENT_FOR: Record<DecisionPayload['outcome'], RequestEvent> = { approved: 'approve', 'partially-approved': 'approve-partially', denied: 'deny' };

/**
 * Signs the decision for every linked recording. Order of checks: password, school personnel
 * (any approval refused), state, separation of duties, completeness; then one transaction
 * applies the workflow event, stores the signed decision and writes the custody entries.
 */
export async function signOff(ctx: HandlerContext, input: ParsedInput<'requests.signOff'>): Promise<{ decision: DecisionRow; warnings: string[] }> {
  const { core, actor } = ctx;
  const reviewer = reviewerOf(ctx);
  // The password was asked for by the dispatcher (the method declares it), after the release
  // gate refused any approval for school personnel (methodPolicy.ts).
  const row = mustFindRequest(core.db, input.id);
  const school = refreshSchoolPersonnel(core, row, actor);
  const evaluation = evaluateRequest(core, row);
  const byItem = new Map(evaluation.proposals.map((p) => [p.itemId, p]));
  if (row.state !== 'awaiting-review') throw new CustodianError('CONFLICT', `Only a request awaiting legal review can be signed; it is ${row.state}.`, { state: row.state });
  const sod = separationOfDuties(core, row, reviewer.userId);
  if (sod) throw sod;

  const linked = linkedItemIds(core.db, row.id);
  if (linked.length === 0 && !school.schoolPersonnel) throw new CustodianError('CONFLICT', 'No recordings are linked to this request; there is nothing to decide.');
  const inline = new Map(input.decisions.map((d) => [d.itemId, d]));
  for (const id of inline.keys()) if (!byItem.has(id)) throw new CustodianError('NOT_FOUND', `Recording ${id} is not linked to ${reference(row.id)}.`, { itemId: id });
  const drafts = new Map(draftRows(core.db, row.id).map((d) => [d.itemId, d.body]));
  const warnings: string[] = [];
  const decided: { itemId: string; body: DraftBody }[] = [];
  const missing: string[] = [];
  for (const itemId of linked) {
    const proposal = byItem.get(itemId);
    if (!proposal) throw new CustodianError('CONFLICT', `Recording ${itemId} is no longer in the library; remove it from the request first.`, { itemId });
    const given = inline.get(itemId);
    const draft = drafts.get(itemId);
    let source: DecisionInput | null = given ?? (draft ? { itemId, decision: draft.decision, exemptionId: draft.exemptionId ?? undefined, explanation: draft.explanation ?? undefined, reason: draft.reason ?? undefined, segments: draft.segments } : null);
    if (!source && school.schoolPersonnel) source = { itemId, decision: 'withhold', segments: [] };
    if (!source) {
      missing.push(itemId);
      continue;
    }
    // Drafts are checked again against today's metadata: the proposal may have changed since.
    const v = validateDecision(core, row.id, proposal, source, school, reviewer, 'requests.signOff');
    warnings.push(...v.warnings);
    decided.push({ itemId, body: draft && !given ? { ...v.body, decidedBy: draft.decidedBy, decidedById: draft.decidedById, decidedAt: draft.decidedAt } : v.body });
  }
  if (missing.length > 0) throw new CustodianError('BAD_INPUT', `Decide every linked recording before signing. Not decided: ${missing.join(', ')}.`, { reason: 'DECISIONS_MISSING', itemIds: missing });

  const outcome = outcomeOf(decided.map((d) => d.body), school.schoolPersonnel);
  const snapshots = new Map(evaluation.snapshots.map((s) => [s.itemId, s]));
  signedCopies(core, decided, snapshots);
  const decision = core.record(actor, () => {
    // Again inside the transaction: a render that finished meanwhile is what must be signed.
    const copies = signedCopies(core, decided, snapshots);
    const fresh = mustFindRequest(core.db, row.id);
    const events: CustodyEvent[] = [applyTransition(core, fresh, EVENT_FOR[outcome], workflowActorOf(ctx), { outcome })];
    for (const d of decided) if (inline.has(d.itemId)) putDraft(core.db, row.id, d.itemId, d.body);
    const payload: DecisionPayload = {
      format: 'custodian-decision-v1',
      requestId: row.id,
      reference: reference(row.id),
      outcome,
      reviewer,
      signedAt: core.clock().toISOString(),
      schoolPersonnel: school.schoolPersonnel,
      recordings: decided.map(({ itemId, body }) => {
        const { decidedById: _omit, ...rest } = body;
        const snap = snapshots.get(itemId)!;
        const copy = copies.get(itemId);
        return { ...rest, itemId, sha256: snap.sha256, metaSha256: snap.metaSha256, ...(copy ? { redactedCopy: copy } : {}) };
      }),
    };
    if (decisionOf(EVENT_FOR[outcome]) !== outcome) throw new Error('decision outcome and workflow event disagree');
    const stored = insertSignedDecision(core, payload);
    events.push({
      action: 'legal-sign-off',
      objectId: requestObjectId(row.id),
      details: {
        decisionId: stored.id,
        outcome,
        signatureSha256: stored.signature_sha256,
        recordings: payload.recordings.map((r) => ({ itemId: r.itemId, sha256: r.sha256, decision: r.decision, exemptionId: r.exemptionId, ...copyDetails(r.redactedCopy) })),
        warnings,
        ...REAUTHENTICATED,
      },
    });
    for (const r of payload.recordings) {
      events.push({ action: 'legal-decision', objectId: r.itemId, objectSha256: r.sha256, details: { requestId: row.id, decisionId: stored.id, decision: r.decision, exemptionId: r.exemptionId, ...copyDetails(r.redactedCopy) } });
    }
    return { result: stored, events };
  });
  return { decision, warnings };
}
