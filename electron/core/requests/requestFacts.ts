import { createHash } from 'node:crypto';
import type { RecordingDecisionKind, RecordingMeta, RecordingProposalInfo } from '../../../shared/contract';
import { evaluateRelease } from '../../../shared/domain/releasePolicy';
import type { RecordingFacts, ReleaseEvaluation, ReleaseOutcome } from '../../../shared/domain/releaseTypes';
import type { CoreContext } from '../coreContext';
import { toMeta } from '../library/recordingsRepo';
import { stmt } from './sqlCache';
import { canonicalJson } from './canonicalJson';
import { getDistricts } from './districts';
import { exemptionLibrary } from './exemptionCatalogue';
import { linkedItemIds, type RequestRow } from './requestRows';
import { schoolFinding, type SchoolStatus } from './schoolFindings';

/**
 * From a request and the metadata of its recordings to the engine's proposals. Computed on
 * every read, so a metadata change shows at once; the signed decision keeps its own snapshot.
 */

export type { SchoolStatus } from './schoolFindings';

/**
 * The stored finding (sticky) joined with what the current district list says, less the near
 * matches a legal reviewer cleared (schoolFindings.ts). Every release step reads it afresh.
 */
export function schoolStatus(core: CoreContext, row: RequestRow): SchoolStatus {
  return schoolFinding(core, row);
}

export function metaSha256(meta: RecordingMeta): string {
  return createHash('sha256').update(canonicalJson(meta)).digest('hex');
}

export interface ItemSnapshot {
  itemId: string;
  sha256: string;
  meta: RecordingMeta;
  metaSha256: string;
}

type MetaRow = Parameters<typeof toMeta>[0];

export function itemSnapshot(core: CoreContext, itemId: string): ItemSnapshot | null {
  const r = stmt(
    core.db,
    `SELECT i.id, i.sha256, m.officer, m.badge, m.school, m.incident, m.cad, m.recorded_start, m.location_type, m.minors_present, m.minors,
       m.use_of_force, m.arrest, m.complaint, m.cjis_screen, m.categories, m.notes
     FROM items i LEFT JOIN recording_meta m ON m.item_id = i.id WHERE i.id = ? AND i.state = 'committed' AND i.kind = 'recording'`,
  ).get(itemId) as MetaRow | undefined;
  if (!r) return null;
  const meta = toMeta(r);
  return { itemId, sha256: r.sha256, meta, metaSha256: metaSha256(meta) };
}

/**
 * The engine's facts from library metadata. Unknown is the protective case (SRO footage is
 * mostly shot in schools, full of children): an unset location is read as a school, and
 * "minors present" unset, or set without their roles, as minors of unknown role, proposed as
 * a minor whose identity the law protects most (KRS 610.320(3): withheld whole) until the
 * roles are recorded. `missing` names each fact not set; sign-off that would let a copy or a
 * viewing out is refused while any is missing (requestDecisions.ts).
 */
export function factsFromMeta(meta: RecordingMeta): { facts: RecordingFacts; warnings: string[]; missing: string[] } {
  const warnings: string[] = [];
  const missing: string[] = [];
  let location = meta.locationType;
  if (location === '') {
    missing.push('the location type');
    warnings.push('The location type is not set; the proposal treats the recording as made in a school with children present. Set it in the library before signing.');
    location = 'school';
  }
  const minors = meta.minors.map((m) => ({ role: m.role }));
  if (meta.minorsPresent === null) {
    missing.push('whether minors are present');
    warnings.push('Whether minors are present is not set; the proposal assumes minors of unknown role and treats them as protected as a minor in custody would be (withheld whole). Set it in the library before signing.');
    minors.push({ role: 'custody' });
  } else if (meta.minorsPresent && minors.length === 0) {
    missing.push("the minors' roles");
    warnings.push("Minors are marked present but their roles are not recorded; the proposal treats them as protected as a minor in custody would be (withheld whole). Record each minor's role before signing.");
    minors.push({ role: 'custody' });
  }
  // Any fact missing: the proposal is the one for a school with minors of unknown role.
  if (missing.length > 0 && !minors.some((m) => m.role === 'custody')) minors.push({ role: 'custody' });
  return {
    facts: { location, minors, useOfForce: meta.useOfForce, arrest: meta.arrest, complaint: meta.complaint, cjisScreen: meta.cjisScreen },
    warnings,
    missing,
  };
}

const NON_WITHHOLD: RecordingDecisionKind[] = ['approve', 'approve-redacted', 'view-only'];

export function suggestedDecision(outcome: ReleaseOutcome, facts: RecordingFacts): RecordingDecisionKind {
  switch (outcome) {
    case 'blocked':
    case 'withhold':
      return 'withhold';
    case 'redact-release':
      return 'approve-redacted';
    case 'view-only':
      return 'view-only';
    case 'attorney-copy':
    case 'official-copy':
      return facts.cjisScreen ? 'approve-redacted' : 'approve';
    case 'release':
      return 'approve';
  }
}

/**
 * Where the law leaves no judgment: a blocked request (policy XVI) and a recording of a minor
 * taken into custody asked for by the public (KRS 610.320(3)) can only be withheld.
 */
export function forbiddenDecisions(outcome: ReleaseOutcome, reasons: readonly { cite: string; kind: string }[]): RecordingDecisionKind[] {
  if (outcome === 'blocked') return [...NON_WITHHOLD];
  if (outcome === 'withhold' && reasons.some((r) => r.kind === 'basis' && r.cite.startsWith('KRS 610.320(3)'))) return [...NON_WITHHOLD];
  return [];
}

export interface RequestEvaluation {
  school: SchoolStatus;
  evaluation: ReleaseEvaluation;
  proposals: RecordingProposalInfo[];
  snapshots: ItemSnapshot[];
}

export function evaluateRequest(core: CoreContext, row: RequestRow, itemIds: readonly string[] = linkedItemIds(core.db, row.id)): RequestEvaluation {
  const school = schoolStatus(core, row);
  const snapshots = itemIds.map((id) => itemSnapshot(core, id)).filter((s): s is ItemSnapshot => s !== null);
  const facts = snapshots.map((s) => factsFromMeta(s.meta));
  const evaluation = evaluateRelease(
    {
      request: {
        name: row.requester_name,
        email: row.email,
        organization: row.organization,
        // A stored finding blocks even if the district list that made it was edited since.
        category: school.schoolPersonnel ? 'school-personnel' : row.category,
        affidavit: row.attorney_affidavit === 1,
      },
      recordings: facts.map((f) => f.facts),
      districts: getDistricts(core),
      clearedNearMatches: school.nearMatches.filter((m) => m.cleared !== null).map((m) => m.key),
    },
    exemptionLibrary(core),
  );
  const proposals = evaluation.proposals.map((p, i): RecordingProposalInfo => ({
    itemId: snapshots[i].itemId,
    outcome: p.outcome,
    suggestedDecision: suggestedDecision(p.outcome, facts[i].facts),
    forbiddenDecisions: forbiddenDecisions(p.outcome, p.reasons),
    reasons: p.reasons,
    facts: facts[i].facts,
    factWarnings: facts[i].warnings,
    missingFacts: facts[i].missing,
  }));
  return { school, evaluation: { ...evaluation, schoolPersonnel: school.schoolPersonnel, why: school.why }, proposals, snapshots };
}
