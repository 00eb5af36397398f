import type { RedactionRegion } from '../../../shared/domain/redactionPlan';
import { redactionPlanSchema } from '../../../shared/domain/redactionPlan';
import { trackToRegion } from '../../../shared/domain/tracking/tracker';
import type { Track } from '../../../shared/domain/tracking/types';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { latestPlan, savePlan } from '../redaction/planStore';
import { proposalRows, type ProposalRow } from './detectionStore';

/**
 * A custodian's decision on proposals. Reject: the proposals are marked and logged, nothing
 * else changes. Accept: each track becomes a solid-fill region (keyframes from its points,
 * source {kind: 'proposal', detector, confidence, trackId}) appended to the recording's newest
 * plan as a new plan version — in the same transaction as the status change and one custody
 * entry per proposal. Until then no proposal is part of any plan, so none is ever rendered.
 */

export interface Decision {
  proposalIds: number[];
  decision: 'accept' | 'reject';
  exemptionId?: string;
  explanation?: string;
}

export interface DecisionResult {
  decided: number;
  decision: 'accept' | 'reject';
  planVersion: number | null;
  planHash: string | null;
  regions: RedactionRegion[];
}

/** The region id and trackId carry the run, so tracks of two runs never share an id in a plan. */
function regionOf(row: ProposalRow, exemption: { exemptionId: string; explanation: string }): RedactionRegion | null {
  const track = JSON.parse(row.track_json) as Track;
  return trackToRegion({ ...track, id: `run${row.run_id}-${row.track_id}` }, exemption);
}

export function decideProposals(core: CoreContext, actor: Actor, input: Decision): DecisionResult {
  const ids = [...new Set(input.proposalIds)];
  return core.record<DecisionResult>(actor, () => {
    const rows = proposalRows(core.db, ids);
    const items = new Set(rows.map((r) => (core.db.prepare('SELECT item_id FROM detection_runs WHERE id = ?').get(r.run_id) as { item_id: string }).item_id));
    if (items.size !== 1) throw new CustodianError('BAD_INPUT', 'Decide on proposals of one recording at a time.', { recordings: [...items] });
    const itemId = [...items][0]!;
    const done = rows.filter((r) => r.status !== 'proposed');
    if (done.length > 0) {
      const what = (r: ProposalRow) => (r.status === 'replaced' ? `${r.id} (merged or split into proposal ${r.replaced_by ?? '?'})` : `${r.id} (${r.status})`);
      throw new CustodianError('CONFLICT', `${done.length === 1 ? 'Proposal' : 'Proposals'} ${done.map(what).join(', ')} ${done.length === 1 ? 'was' : 'were'} already decided; nothing was changed.`, { proposalIds: done.map((r) => r.id) });
    }
    const at = core.clock().toISOString();
    const mark = core.db.prepare('UPDATE detection_proposals SET status = ?, decided_at = ?, decided_by = ?, decided_by_id = ?, plan_version = ? WHERE id = ?');
    const facts = (r: ProposalRow) => ({ runId: r.run_id, proposalId: r.id, trackId: r.track_id, cls: r.cls, detector: (JSON.parse(r.detectors) as string[]).join(', '), confidence: r.confidence, start: r.start_t, end: r.end_t });

    if (input.decision === 'reject') {
      for (const r of rows) mark.run('rejected', at, actor.username, actor.userId, null, r.id);
      return {
        result: { decided: rows.length, decision: 'reject', planVersion: null, planHash: null, regions: [] },
        events: rows.map((r) => ({ action: 'detection-proposal-rejected' as const, objectId: itemId, details: facts(r) })),
      };
    }

    if (!input.exemptionId || !input.explanation) throw new CustodianError('BAD_INPUT', 'To accept proposals, give the exemption and a one-line explanation for the regions.');
    const exemption = { exemptionId: input.exemptionId, explanation: input.explanation };
    const regions = rows.map((r) => regionOf(r, exemption));
    const added = regions.filter((x): x is RedactionRegion => x !== null);
    let planVersion: number | null = null;
    let planHash: string | null = null;
    if (added.length > 0) {
      const base = latestPlan(core.db, itemId)?.plan ?? redactionPlanSchema.parse({});
      const taken = new Set(base.regions.map((x) => x.id));
      const fresh = added.filter((x) => !taken.has(x.id));
      const saved = savePlan(core, actor, itemId, { ...base, regions: [...base.regions, ...fresh] });
      planVersion = saved.version;
      planHash = saved.planHash;
    }
    rows.forEach((r, i) => mark.run('accepted', at, actor.username, actor.userId, regions[i] ? planVersion : null, r.id));
    return {
      result: { decided: rows.length, decision: 'accept', planVersion, planHash, regions: added },
      events: rows.map((r, i) => ({ action: 'detection-proposal-accepted' as const, objectId: itemId, details: { ...facts(r), planVersion: regions[i] ? planVersion : null, planHash: regions[i] ? planHash : null } })),
    };
  });
}
