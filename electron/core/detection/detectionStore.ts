import type { DetectionRunInfo, ProposalInfo, ProposalStatus } from '../../../shared/contract';
import type { Track } from '../../../shared/domain/tracking/types';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { Db } from '../db/database';

/** Detection runs and their proposals (migration m0130). A run is written whole, at the end. */

export interface NewRun {
  itemId: string;
  sha256: string;
  every: number;
  fps: number;
  framesSampled: number;
  frameWidth: number;
  frameHeight: number;
  detectors: string[];
  options: Record<string, unknown>;
  elapsedMs: number;
}

interface RunRow {
  id: number;
  item_id: string;
  item_sha256: string;
  every_n: number;
  fps: number;
  frames_sampled: number;
  frame_width: number;
  frame_height: number;
  detectors: string;
  elapsed_ms: number;
  created_at: string;
  created_by: string;
}

export interface ProposalRow {
  id: number;
  run_id: number;
  track_id: string;
  cls: string;
  detectors: string;
  confidence: number;
  start_t: number;
  end_t: number;
  track_json: string;
  status: ProposalStatus;
  decided_at: string | null;
  decided_by: string | null;
  plan_version: number | null;
  derived_from: string | null;
  replaced_by: number | null;
}

/** The run and all its proposals in one transaction, with one custody entry on the recording. */
export function saveRun(core: CoreContext, actor: Actor, run: NewRun, tracks: readonly Track[]): number {
  return core.record(actor, () => {
    const at = core.clock().toISOString();
    const runId = Number(
      core.db
        .prepare(
          `INSERT INTO detection_runs (item_id, item_sha256, every_n, fps, frames_sampled, frame_width, frame_height, detectors, options, elapsed_ms, created_at, created_by, created_by_id)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(run.itemId, run.sha256, run.every, run.fps, run.framesSampled, run.frameWidth, run.frameHeight, JSON.stringify(run.detectors), JSON.stringify(run.options), run.elapsedMs, at, actor.username, actor.userId).lastInsertRowid,
    );
    const insert = core.db.prepare(
      'INSERT INTO detection_proposals (run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    for (const t of tracks) {
      if (t.points.length === 0) continue;
      insert.run(runId, t.id, t.cls, JSON.stringify(t.detectors), t.confidence, t.points[0]!.t, t.points[t.points.length - 1]!.t, JSON.stringify(t));
    }
    const byClass: Record<string, number> = {};
    for (const t of tracks) byClass[t.cls] = (byClass[t.cls] ?? 0) + 1;
    return {
      result: runId,
      events: [
        {
          action: 'detection-run',
          objectId: run.itemId,
          objectSha256: run.sha256,
          details: { runId, every: run.every, framesSampled: run.framesSampled, proposals: tracks.length, byClass, detectors: run.detectors, options: run.options, sha256: run.sha256, elapsedMs: run.elapsedMs },
        },
      ],
    };
  });
}

function countsOf(db: Db, runId: number): Record<ProposalStatus, number> {
  const counts: Record<ProposalStatus, number> = { proposed: 0, accepted: 0, rejected: 0, replaced: 0 };
  for (const r of db.prepare('SELECT status, COUNT(*) AS n FROM detection_proposals WHERE run_id = ? GROUP BY status').all(runId) as { status: ProposalStatus; n: number }[]) counts[r.status] = r.n;
  return counts;
}

function toRunInfo(db: Db, r: RunRow): DetectionRunInfo {
  return {
    runId: r.id,
    recordingId: r.item_id,
    sha256: r.item_sha256,
    every: r.every_n,
    fps: r.fps,
    framesSampled: r.frames_sampled,
    frameWidth: r.frame_width,
    frameHeight: r.frame_height,
    detectors: JSON.parse(r.detectors) as string[],
    elapsedMs: r.elapsed_ms,
    createdAt: r.created_at,
    createdBy: r.created_by,
    counts: countsOf(db, r.id),
  };
}

/** Newest first. */
export function runsOf(db: Db, itemId: string): DetectionRunInfo[] {
  return (db.prepare('SELECT * FROM detection_runs WHERE item_id = ? ORDER BY id DESC').all(itemId) as RunRow[]).map((r) => toRunInfo(db, r));
}

export function mustFindRun(db: Db, runId: number): DetectionRunInfo {
  const r = db.prepare('SELECT * FROM detection_runs WHERE id = ?').get(runId) as RunRow | undefined;
  if (!r) throw new CustodianError('NOT_FOUND', `Detection run ${runId} does not exist.`, { runId });
  return toRunInfo(db, r);
}

export function toProposalInfo(r: ProposalRow): ProposalInfo {
  const track = JSON.parse(r.track_json) as Track;
  return {
    proposalId: r.id,
    runId: r.run_id,
    trackId: r.track_id,
    cls: track.cls,
    detectors: JSON.parse(r.detectors) as string[],
    confidence: r.confidence,
    start: r.start_t,
    end: r.end_t,
    points: track.points,
    status: r.status,
    decidedAt: r.decided_at,
    decidedBy: r.decided_by,
    planVersion: r.plan_version,
    derivedFrom: r.derived_from ? (JSON.parse(r.derived_from) as number[]) : null,
    replacedBy: r.replaced_by,
  };
}

/** In time order of their start. */
export function proposalsOf(db: Db, runId: number): ProposalInfo[] {
  return (db.prepare('SELECT * FROM detection_proposals WHERE run_id = ? ORDER BY start_t, id').all(runId) as ProposalRow[]).map(toProposalInfo);
}

export function proposalRows(db: Db, ids: readonly number[]): ProposalRow[] {
  const get = db.prepare('SELECT * FROM detection_proposals WHERE id = ?');
  return ids.map((id) => {
    const r = get.get(id) as ProposalRow | undefined;
    if (!r) throw new CustodianError('NOT_FOUND', `Detection proposal ${id} does not exist.`, { proposalId: id });
    return r;
  });
}
