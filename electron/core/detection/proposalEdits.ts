import type { ProposalInfo } from '../../../shared/contract';
import type { Box, DetectionClass, Track, TrackPoint } from '../../../shared/domain/tracking/types';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import { proposalRows, toProposalInfo, type ProposalRow } from './detectionStore';

/**
 * Merging and splitting undecided proposals (migration m0160). A proposal's track never
 * changes: an edit marks the old proposals 'replaced' and adds new ones that name where they
 * came from, in one transaction with its custody entry. Only undecided proposals of one run can
 * be edited; an accepted one is already a region of a plan, a rejected one was seen and refused.
 */

const union = (a: Box, b: Box): Box => {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
};

/** As the tracker computes it: mean detected score, weighted by the share of points detected. */
function confidenceOf(points: readonly TrackPoint[], fallback: number): number {
  const detected = points.filter((p) => p.kind === 'detected').map((p) => p.score);
  if (detected.length === 0) return Math.min(fallback, 0.5);
  const mean = detected.reduce((s, v) => s + v, 0) / detected.length;
  return Math.min(1, Math.max(0, mean * Math.sqrt(detected.length / points.length)));
}

/** A face and a head of one person merge as a head (its box is the larger); a screen only merges with a screen. */
function mergedClass(a: DetectionClass, b: DetectionClass): DetectionClass | null {
  if (a === b) return a;
  if (a === 'screen' || b === 'screen') return null;
  return 'head';
}

/**
 * One track from two (one person followed as two tracks). Points at the same frame become one
 * box covering both; between the end of one and the start of the other the region's keyframes
 * interpolate, so the gap is covered too.
 */
export function mergeTracks(a: Track, b: Track, id: string): Track {
  const cls = mergedClass(a.cls, b.cls);
  if (!cls) throw new CustodianError('BAD_INPUT', 'A screen can only be merged with another screen, not with a face or a head.');
  const byFrame = new Map<number, TrackPoint>();
  for (const p of [...a.points, ...b.points]) {
    const had = byFrame.get(p.frame);
    byFrame.set(
      p.frame,
      had ? { frame: p.frame, t: p.t, box: union(had.box, p.box), score: Math.max(had.score, p.score), kind: had.kind === 'detected' || p.kind === 'detected' ? 'detected' : had.kind } : p,
    );
  }
  const points = [...byFrame.values()].sort((x, y) => x.frame - y.frame);
  return { id, cls, points, confidence: confidenceOf(points, Math.min(a.confidence, b.confidence)), detectors: [...new Set([...a.detectors, ...b.detectors])].sort() };
}

function boxAt(p: TrackPoint, q: TrackPoint, t: number): Box {
  const k = q.t === p.t ? 0 : (t - p.t) / (q.t - p.t);
  const mix = (u: number, v: number) => u + (v - u) * k;
  return { x: mix(p.box.x, q.box.x), y: mix(p.box.y, q.box.y), w: mix(p.box.w, q.box.w), h: mix(p.box.h, q.box.h) };
}

/**
 * Two tracks from one, at time `at` strictly inside it (the tracker jumped from one person to
 * another). Both halves hold the box at `at` (interpolated, marked predicted), so accepting both
 * leaves no moment uncovered.
 */
export function splitTrack(track: Track, at: number, fps: number, ids: [string, string]): [Track, Track] {
  const pts = track.points;
  const first = pts[0];
  const last = pts[pts.length - 1];
  if (!first || !last || !(at > first.t && at < last.t)) {
    throw new CustodianError('BAD_INPUT', `Split a track at a moment inside it: this one runs from ${first?.t.toFixed(2) ?? '?'} s to ${last?.t.toFixed(2) ?? '?'} s.`, { at });
  }
  const before = pts.filter((p) => p.t < at);
  const after = pts.filter((p) => p.t > at);
  const exact = pts.find((p) => p.t === at);
  const prev = before[before.length - 1]!;
  const next = after[0]!;
  const middle: TrackPoint = exact ?? { frame: Math.round(at * fps), t: at, box: boxAt(prev, next, at), score: 0, kind: 'predicted' };
  const head = [...before, middle];
  const tail = [middle, ...after];
  const half = (id: string, points: TrackPoint[]): Track => ({ id, cls: track.cls, points, confidence: confidenceOf(points, track.confidence), detectors: [...track.detectors] });
  return [half(ids[0], head), half(ids[1], tail)];
}

function runOfOne(rows: readonly ProposalRow[]): number {
  const runs = new Set(rows.map((r) => r.run_id));
  if (runs.size !== 1) throw new CustodianError('BAD_INPUT', 'Only proposals of the same detection run can be merged.', { runs: [...runs] });
  return rows[0]!.run_id;
}

function mustBeUndecided(rows: readonly ProposalRow[], verb: string): void {
  const done = rows.filter((r) => r.status !== 'proposed');
  if (done.length > 0) {
    const what = done.map((r) => `${r.id} (${r.status === 'replaced' ? 'already merged or split' : r.status})`).join(', ');
    throw new CustodianError('CONFLICT', `Only undecided proposals can be ${verb}; proposal ${what}. Nothing was changed.`, { proposalIds: done.map((r) => r.id) });
  }
}

function itemOf(core: CoreContext, runId: number): { itemId: string; fps: number } {
  const r = core.db.prepare('SELECT item_id, fps FROM detection_runs WHERE id = ?').get(runId) as { item_id: string; fps: number };
  return { itemId: r.item_id, fps: r.fps };
}

function insertDerived(core: CoreContext, runId: number, track: Track, from: readonly number[]): number {
  const first = track.points[0]!;
  const last = track.points[track.points.length - 1]!;
  return Number(
    core.db
      .prepare('INSERT INTO detection_proposals (run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json, derived_from) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, track.id, track.cls, JSON.stringify(track.detectors), track.confidence, first.t, last.t, JSON.stringify(track), JSON.stringify(from)).lastInsertRowid,
  );
}

function markReplaced(core: CoreContext, actor: Actor, rows: readonly ProposalRow[], by: number): void {
  const at = core.clock().toISOString();
  const mark = core.db.prepare("UPDATE detection_proposals SET status = 'replaced', replaced_by = ?, decided_at = ?, decided_by = ?, decided_by_id = ? WHERE id = ?");
  for (const r of rows) mark.run(by, at, actor.username, actor.userId, r.id);
}

const infoOf = (core: CoreContext, id: number): ProposalInfo => toProposalInfo(proposalRows(core.db, [id])[0]!);

export function mergeProposals(core: CoreContext, actor: Actor, proposalIds: readonly number[]): { proposal: ProposalInfo; replaced: number[] } {
  const ids = [...new Set(proposalIds)];
  if (ids.length !== 2) throw new CustodianError('BAD_INPUT', 'Choose two different proposals to merge.');
  return core.record(actor, () => {
    const rows = proposalRows(core.db, ids).sort((a, b) => a.start_t - b.start_t || a.id - b.id);
    const runId = runOfOne(rows);
    mustBeUndecided(rows, 'merged');
    const [a, b] = rows.map((r) => JSON.parse(r.track_json) as Track) as [Track, Track];
    const merged = mergeTracks(a, b, `merge-${rows[0]!.id}-${rows[1]!.id}`);
    const newId = insertDerived(core, runId, merged, rows.map((r) => r.id));
    markReplaced(core, actor, rows, newId);
    const proposal = infoOf(core, newId);
    return {
      result: { proposal, replaced: rows.map((r) => r.id) },
      events: [
        {
          action: 'detection-proposals-merged',
          objectId: itemOf(core, runId).itemId,
          details: { runId, proposalId: newId, from: rows.map((r) => r.id), trackId: merged.id, cls: merged.cls, start: proposal.start, end: proposal.end, confidence: merged.confidence },
        },
      ],
    };
  });
}

export function splitProposal(core: CoreContext, actor: Actor, proposalId: number, at: number): { proposals: [ProposalInfo, ProposalInfo]; replaced: number[] } {
  return core.record(actor, () => {
    const row = proposalRows(core.db, [proposalId])[0]!;
    mustBeUndecided([row], 'split');
    const { itemId, fps } = itemOf(core, row.run_id);
    const [h, t] = splitTrack(JSON.parse(row.track_json) as Track, at, fps, [`split-${row.id}-1`, `split-${row.id}-2`]);
    const first = insertDerived(core, row.run_id, h, [row.id]);
    const second = insertDerived(core, row.run_id, t, [row.id]);
    markReplaced(core, actor, [row], first);
    const proposals: [ProposalInfo, ProposalInfo] = [infoOf(core, first), infoOf(core, second)];
    return {
      result: { proposals, replaced: [row.id] },
      events: [
        {
          action: 'detection-proposal-split',
          objectId: itemId,
          details: { runId: row.run_id, proposalId: row.id, at, into: [first, second], trackId: row.track_id, cls: row.cls },
        },
      ],
    };
  });
}
