import type { RecordingDecisionInfo, RecordingProposalInfo, Segment } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { DraftBody } from './decisionStore';
import { explanationWarnings, findGround } from './exemptionCatalogue';
import type { SchoolStatus } from './requestFacts';
import { schoolPersonnelBlocked } from './workflowGuard';
import { namedRecordings } from './redactions';

/**
 * What a legal reviewer may decide for one recording:
 * - school personnel: withhold only (policy XVI), whatever else is asked;
 * - where the law leaves no judgment (a minor taken into custody, asked for by the public:
 *   KRS 610.320(3)), withhold only;
 * - otherwise any decision, but one that differs from the engine's proposal needs a written
 *   reason;
 * - withholding needs an exemption from the catalogue and a fact-specific explanation;
 *   boilerplate is accepted with a warning (the letter repeats the warning).
 */

export interface DecisionInput {
  itemId: string;
  decision: DraftBody['decision'];
  exemptionId?: string;
  explanation?: string;
  reason?: string;
  segments: Segment[];
}

export const MIN_REASON_CHARS = 10;

function bad(message: string, reason: string, details: Record<string, unknown> = {}): CustodianError {
  return new CustodianError('BAD_INPUT', message, { reason, ...details });
}

export function validateDecision(
  core: CoreContext,
  requestId: number,
  proposal: RecordingProposalInfo,
  input: DecisionInput,
  school: SchoolStatus,
  reviewer: { userId: number; username: string },
  method: string,
): { body: DraftBody; warnings: string[] } {
  const label = `Recording ${input.itemId}`;
  if (school.schoolPersonnel && input.decision !== 'withhold') throw schoolPersonnelBlocked(requestId, method);
  // Unknown is the protective case: nothing goes out, as a copy or at a viewing, on assumed facts.
  if (input.decision !== 'withhold' && proposal.missingFacts.length > 0) {
    throw new CustodianError(
      'POLICY_REFUSED',
      `Recording ${namedRecordings(core.db, [input.itemId])} lacks ${joinFacts(proposal.missingFacts)}. Set ${proposal.missingFacts.length === 1 ? 'it' : 'them'} on the recording's page before deciding to let it out; until then it can only be withheld.`,
      { reason: 'FACTS_MISSING', itemId: input.itemId, missing: proposal.missingFacts },
    );
  }
  if (proposal.forbiddenDecisions.includes(input.decision)) {
    throw new CustodianError(
      'POLICY_REFUSED',
      `${label}: the law leaves no judgment here; it can only be withheld. ${proposal.reasons.filter((r) => r.kind === 'basis').map((r) => `${r.text} (${r.cite})`).join(' ')}`,
      { reason: 'LAW_NOT_DISCRETIONARY', itemId: input.itemId, proposal: proposal.outcome },
    );
  }
  const warnings: string[] = proposal.factWarnings.map((w) => `${label}: ${w}`);
  const differs = input.decision !== proposal.suggestedDecision;
  const reason = input.reason?.trim() ?? '';
  if (differs && reason.length < MIN_REASON_CHARS && !school.schoolPersonnel) {
    throw bad(
      `${label}: the proposal is "${proposal.suggestedDecision}" (${proposal.outcome}). To decide "${input.decision}" instead, write the reason (at least ${MIN_REASON_CHARS} characters).`,
      'REASON_REQUIRED',
      { itemId: input.itemId, suggested: proposal.suggestedDecision },
    );
  }

  let exemptionId: string | null = null;
  let exemptionCite: string | null = null;
  let explanation: string | null = null;
  if (input.decision === 'withhold') {
    exemptionId = input.exemptionId ?? (school.schoolPersonnel ? 'policy-xvi' : null);
    explanation = input.explanation?.trim() || (school.schoolPersonnel ? `The request comes from school personnel: ${school.why.join(' ')}` : null);
    if (exemptionId === null) throw bad(`${label}: name the exemption that allows withholding it.`, 'EXEMPTION_REQUIRED', { itemId: input.itemId });
    const ground = findGround(core, exemptionId);
    if (!ground) throw bad(`${label}: "${exemptionId}" is not in the exemption list.`, 'UNKNOWN_EXEMPTION', { itemId: input.itemId, exemptionId });
    exemptionCite = ground.cite;
    if (explanation === null) throw bad(`${label}: explain how ${ground.cite} applies to this recording.`, 'EXPLANATION_REQUIRED', { itemId: input.itemId });
    warnings.push(...explanationWarnings(label, ground.id, explanation));
    if (ground.id.startsWith('krs-61.168-4')) {
      warnings.push(...proposal.reasons.filter((r) => r.kind === 'warning' && r.cite === 'KRS 61.168(5)').map((r) => `${label}: ${r.text}`));
    }
  }

  if (input.segments.length > 0 && (input.decision === 'approve' || input.decision === 'withhold')) {
    throw bad(`${label}: redaction rows go with "approve-redacted" (or "view-only" with masking), not with "${input.decision}".`, 'SEGMENTS_NOT_ALLOWED', { itemId: input.itemId });
  }
  for (const s of input.segments) {
    const ground = findGround(core, s.exemptionId);
    if (!ground) throw bad(`${label} ${s.start}-${s.end}: "${s.exemptionId}" is not in the exemption list.`, 'UNKNOWN_EXEMPTION', { itemId: input.itemId, exemptionId: s.exemptionId });
    warnings.push(...explanationWarnings(`${label} ${s.start}-${s.end}`, ground.id, s.explanation));
  }
  if (input.decision === 'approve-redacted' && input.segments.length === 0) {
    warnings.push(`${label}: no redaction rows were given, so the letter's exemption log will not list what is redacted.`);
  }
  if (differs && reason.length > 0 && reason.length < 40) {
    warnings.push(`${label}: the reason for departing from the proposal is short; say why the facts call for it.`);
  }

  return {
    body: {
      decision: input.decision,
      exemptionId,
      exemptionCite,
      explanation,
      reason: reason === '' ? null : reason,
      segments: input.segments,
      proposal: proposal.outcome,
      decidedBy: reviewer.username,
      decidedById: reviewer.userId,
      decidedAt: core.clock().toISOString(),
    },
    warnings,
  };
}

function joinFacts(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function draftInfo(itemId: string, b: DraftBody): RecordingDecisionInfo {
  return {
    itemId,
    decision: b.decision,
    exemptionId: b.exemptionId,
    exemptionCite: b.exemptionCite,
    explanation: b.explanation,
    reason: b.reason,
    segments: b.segments,
    proposal: b.proposal,
    decidedBy: b.decidedBy,
    decidedAt: b.decidedAt,
  };
}
