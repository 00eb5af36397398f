import { createHash } from 'node:crypto';
import { planProblems, redactionPlanSchema, type RedactionPlan } from '../../../shared/domain/redactionPlan';
import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Actor } from '../custody/custodyLog';
import type { Db } from '../db/database';
import { getRecordingRow, toMeta } from '../library/recordingsRepo';
import { canonicalJson } from '../requests/canonicalJson';

/**
 * Redaction plans: immutable, versioned per recording, each with the SHA-256 of its canonical
 * JSON (defaults applied). Saving the same plan again returns the version that holds it.
 */

export interface SavedPlan {
  itemId: string;
  version: number;
  planHash: string;
  plan: RedactionPlan;
  createdAt: string;
  createdBy: string;
}

interface PlanRow {
  item_id: string;
  version: number;
  plan_json: string;
  plan_hash: string;
  created_at: string;
  created_by: string;
}

const toSaved = (r: PlanRow): SavedPlan => ({ itemId: r.item_id, version: r.version, planHash: r.plan_hash, plan: redactionPlanSchema.parse(JSON.parse(r.plan_json)), createdAt: r.created_at, createdBy: r.created_by });

export function canonicalPlan(plan: RedactionPlan): { json: string; hash: string } {
  const json = canonicalJson(plan);
  return { json, hash: createHash('sha256').update(json).digest('hex') };
}

/** The recording a plan is for: committed, and an original (a redacted copy is never redacted again). */
export function mustFindRecording(db: Db, itemId: string) {
  const row = getRecordingRow(db, itemId);
  if (!row) throw new CustodianError('NOT_FOUND', `Recording ${itemId} is not in the library.`, { itemId });
  if (row.kind !== 'recording') throw new CustodianError('BAD_INPUT', `${itemId} is a redacted copy; plans are made on the original recording.`, { itemId, kind: row.kind });
  return row;
}

/** What planProblems needs, as the library records it. */
export function recordingPlanFacts(db: Db, itemId: string): { schoolLocation: boolean; durationSec: number | null; audioStreams: number } {
  const row = mustFindRecording(db, itemId);
  const meta = toMeta(row);
  const streams = JSON.parse(row.streams) as { type: string }[];
  return { schoolLocation: meta.locationType === 'school', durationSec: row.duration_sec, audioStreams: streams.filter((s) => s.type === 'audio').length };
}

export function latestPlan(db: Db, itemId: string): SavedPlan | null {
  const r = db.prepare('SELECT * FROM redaction_plans WHERE item_id = ? ORDER BY version DESC LIMIT 1').get(itemId) as PlanRow | undefined;
  return r ? toSaved(r) : null;
}

export function planVersion(db: Db, itemId: string, version: number): SavedPlan | null {
  const r = db.prepare('SELECT * FROM redaction_plans WHERE item_id = ? AND version = ?').get(itemId, version) as PlanRow | undefined;
  return r ? toSaved(r) : null;
}

export function planByHash(db: Db, itemId: string, planHash: string): SavedPlan | null {
  const r = db.prepare('SELECT * FROM redaction_plans WHERE item_id = ? AND plan_hash = ? ORDER BY version DESC LIMIT 1').get(itemId, planHash) as PlanRow | undefined;
  return r ? toSaved(r) : null;
}

export function planCount(db: Db, itemId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM redaction_plans WHERE item_id = ?').get(itemId) as { n: number }).n;
}

/** Saves `plan` as the recording's next version (one custody entry), or returns the newest version if it is the same plan. */
export function savePlan(core: CoreContext, actor: Actor, itemId: string, plan: RedactionPlan): SavedPlan & { saved: boolean } {
  mustFindRecording(core.db, itemId);
  const { json, hash } = canonicalPlan(plan);
  return core.record<SavedPlan & { saved: boolean }>(actor, () => {
    const newest = latestPlan(core.db, itemId);
    if (newest && newest.planHash === hash) return { result: { ...newest, saved: false }, events: [] };
    const version = (newest?.version ?? 0) + 1;
    const at = core.clock().toISOString();
    core.db.prepare('INSERT INTO redaction_plans (item_id, version, plan_json, plan_hash, created_by, created_by_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(itemId, version, json, hash, actor.username, actor.userId, at);
    const saved: SavedPlan = { itemId, version, planHash: hash, plan: redactionPlanSchema.parse(JSON.parse(json)), createdAt: at, createdBy: actor.username };
    return {
      result: { ...saved, saved: true },
      events: [
        {
          action: 'redaction-plan-saved',
          objectId: itemId,
          details: { version, planHash: hash, regions: plan.regions.length, audioRanges: plan.audio.length, droppedAudioStreams: plan.dropAudioStreams.map((d) => d.stream) },
        },
      ],
    };
  });
}

export function problemsFor(db: Db, itemId: string, plan: RedactionPlan): string[] {
  return planProblems(plan, recordingPlanFacts(db, itemId));
}
