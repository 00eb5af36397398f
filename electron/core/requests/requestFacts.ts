import { createHash } from 'node:crypto';
import type { RecordingDecisionKind, RecordingMeta, RecordingProposalInfo } from '../../../shared/contract';
import { evaluateRelease } from '../../../shared/domain/releasePolicy';
import { detectSchoolPersonnel } from '../../../shared/domain/schoolPersonnel';
import type { RecordingFacts, ReleaseEvaluation, ReleaseOutcome } from '../../../shared/domain/releaseTypes';
import type { Core } from '../core';
import { toMeta } from '../library/recordingsRepo';
import { stmt } from './sqlCache';
import { canonicalJson } from './canonicalJson';
import { getDistricts } from './districts';
import { exemptionLibrary } from './exemptionCatalogue';
import { linkedItemIds, type RequestRow } from './requestRows';

/**
 * From a request and the metadata of its recordings to the engine's proposals. Computed on
 * every read, so a metadata change shows at once; the signed decision keeps its own snapshot.
 */

export interface SchoolStatus {
  schoolPersonnel: boolean;
  why: string[];
}

/** The stored finding (sticky) joined with what the current district list says. */
export function schoolStatus(core: Core, row: RequestRow): SchoolStatus {
  const now = detectSchoolPersonnel({ email: row.email, organization: row.organization, category: row.category }, getDistricts(core));
  const stored = JSON.parse(row.school_why) as string[];
  const why = [...stored, ...now.why.filter((w) => !stored.includes(w))];
  return { schoolPersonnel: row.school_personnel === 1 || now.schoolPersonnel, why };
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

export function itemSnapshot(core: Core, itemId: string): ItemSnapshot | null {
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
 * The engine's facts from library metadata. Missing metadata is never read as "nothing to
 * protect": an unset location counts as a public place only with a warning, and minors marked
 * present without roles count as one bystander (redaction) until their roles are set.
 */
export function factsFromMeta(meta: RecordingMeta): { facts: RecordingFacts; warnings: string[] } {
  const warnings: string[] = [];
  let location = meta.locationType;
  if (location === '') {
    warnings.push('The location type is not set; the proposal assumes a public place. Set it in the library before signing.');
    location = 'public';
  }
  const minors = meta.minors.map((m) => ({ role: m.role }));
  if (meta.minorsPresent && minors.length === 0) {
    warnings.push('Minors are marked present but their roles are not recorded; the proposal treats them as one bystander. A minor taken into custody means withholding the whole recording.');
    minors.push({ role: 'bystander' });
  }
  return {
    facts: { location, minors, useOfForce: meta.useOfForce, arrest: meta.arrest, complaint: meta.complaint, cjisScreen: meta.cjisScreen },
    warnings,
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

export function evaluateRequest(core: Core, row: RequestRow, itemIds: readonly string[] = linkedItemIds(core.db, row.id)): RequestEvaluation {
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
  }));
  return { school, evaluation: { ...evaluation, schoolPersonnel: school.schoolPersonnel, why: school.why }, proposals, snapshots };
}
