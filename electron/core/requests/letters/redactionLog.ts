import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import type { CoreContext } from '../../coreContext';
import type { Db } from '../../db/database';
import { planByHash } from '../../redaction/planStore';
import { payloadOf, type DecisionRow } from '../decisionStore';
import { stmt } from '../sqlCache';
import type { RedactionLogRow } from './letterContent';

/**
 * The exemption log of each redacted copy the letter lists: the visible regions and the audio
 * ranges (and dropped streams) of the plan the signed copy was rendered from.
 */
export function redactionLogs(core: CoreContext, d: DecisionRow, rendered: Readonly<Record<string, string>>): Record<string, RedactionLogRow[]> {
  const out: Record<string, RedactionLogRow[]> = {};
  for (const r of payloadOf(d).recordings) {
    if (!r.redactedCopy || !rendered[r.itemId]) continue;
    const saved = planByHash(core.db, r.itemId, r.redactedCopy.planHash);
    if (saved) out[r.itemId] = planLogRows(saved.plan, durationOf(core.db, r.itemId));
  }
  return out;
}

function durationOf(db: Db, itemId: string): number | null {
  return (stmt(db, 'SELECT duration_sec FROM items WHERE id = ?').get(itemId) as { duration_sec: number | null } | undefined)?.duration_sec ?? null;
}

export function planLogRows(plan: RedactionPlan, durationSec: number | null): RedactionLogRow[] {
  const rows: RedactionLogRow[] = [];
  plan.regions.forEach((g, i) => {
    if (g.hidden) return;
    const effect = g.effect === 'fill' ? 'covered with a solid fill' : g.effect === 'pixelate' ? 'pixelated' : 'blurred';
    // A region that began as a machine proposal says so, with the detector and its confidence: a person accepted it.
    const origin = g.source.kind === 'proposal' ? `, proposed by the detector ${g.source.detector} (confidence ${g.source.confidence.toFixed(2)}) and accepted by a person` : '';
    const what = `picture area ${g.label ? `"${g.label}"` : i + 1} (${g.shape === 'ellipse' ? 'ellipse' : 'rectangle'}) ${effect}${origin}`;
    rows.push({ start: g.keyframes[0]!.t, end: g.keyframes[g.keyframes.length - 1]!.t, what, exemptionId: g.exemptionId, explanation: g.explanation });
  });
  for (const a of plan.audio) {
    rows.push({ start: a.start, end: a.end, what: `audio stream ${a.stream + 1} ${a.mode === 'bleep' ? 'replaced by a tone' : 'muted'}`, exemptionId: a.exemptionId, explanation: a.explanation });
  }
  for (const x of plan.dropAudioStreams) {
    rows.push({ start: 0, end: durationSec ?? 0, what: `audio stream ${x.stream + 1} left out of the copy`, exemptionId: x.exemptionId, explanation: x.explanation });
  }
  return rows.sort((p, q) => p.start - q.start || p.end - q.end);
}

