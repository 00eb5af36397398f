import { isMethod } from '../../../../shared/contract';
import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { call } from '../../api';

/**
 * The studio's calls into the core's redaction feature (redaction.*), in one place.
 * Written against the method names the core publishes; until the contract file is in this
 * build, `coreHas` says so and the studio keeps its draft in this window only.
 */

export interface LeakFailure {
  /** Seconds from the start; null for the file as a whole (a tag, a stream). */
  t: number | null;
  what: string;
}

export interface LeakReport {
  ok: boolean;
  framesChecked: number;
  failures: LeakFailure[];
}

export interface SavedPlan {
  planHash: string;
  version: number;
}

export interface StoredPlan extends SavedPlan {
  plan: RedactionPlan;
}

export interface RenderStarted {
  jobId: string;
}

export interface RenderRecord {
  itemId: string;
  sha256: string;
  planHash: string;
  createdAt: string;
  check: LeakReport | null;
}

type StudioMethod = 'redaction.savePlan' | 'redaction.getPlan' | 'redaction.render' | 'redaction.check' | 'redaction.renders';

/** Whether the core in this build answers the redaction method. */
export function coreHas(method: StudioMethod): boolean {
  return isMethod(method);
}

const untyped = call as unknown as (method: string, input: unknown) => Promise<unknown>;

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {};
}

function toReport(v: unknown): LeakReport | null {
  const r = asRecord(v);
  if (typeof r.ok !== 'boolean') return null;
  const failures = Array.isArray(r.failures) ? r.failures.map((f) => asRecord(f)) : [];
  return {
    ok: r.ok,
    framesChecked: typeof r.framesChecked === 'number' ? r.framesChecked : 0,
    failures: failures.map((f) => ({ t: typeof f.t === 'number' ? f.t : null, what: String(f.what ?? '') })),
  };
}

export async function savePlan(itemId: string, plan: RedactionPlan): Promise<SavedPlan> {
  const r = asRecord(await untyped('redaction.savePlan', { itemId, plan }));
  return { planHash: String(r.planHash ?? ''), version: Number(r.version ?? 0) };
}

export async function getPlan(itemId: string): Promise<StoredPlan | null> {
  const r = await untyped('redaction.getPlan', { itemId });
  if (r === null || r === undefined) return null;
  const rec = asRecord(r);
  const plan = asRecord(rec.plan);
  if (!Array.isArray(plan.regions)) return null;
  return { planHash: String(rec.planHash ?? ''), version: Number(rec.version ?? 0), plan: plan as unknown as RedactionPlan };
}

export async function startRender(itemId: string, planHash: string): Promise<RenderStarted> {
  const r = asRecord(await untyped('redaction.render', { itemId, planHash }));
  const job = asRecord(r.job);
  return { jobId: String(r.jobId ?? job.id ?? r.id ?? '') };
}

export async function checkRender(itemId: string): Promise<LeakReport | null> {
  const r = asRecord(await untyped('redaction.check', { itemId }));
  return toReport(r.check ?? r);
}

export async function listRenders(itemId: string): Promise<RenderRecord[]> {
  const r = await untyped('redaction.renders', { itemId });
  const rows = Array.isArray(r) ? r : Array.isArray(asRecord(r).renders) ? (asRecord(r).renders as unknown[]) : [];
  return rows.map((row) => {
    const x = asRecord(row);
    return {
      itemId: String(x.itemId ?? ''),
      sha256: String(x.sha256 ?? ''),
      planHash: String(x.planHash ?? ''),
      createdAt: String(x.createdAt ?? x.at ?? ''),
      check: toReport(x.check ?? x.report),
    };
  });
}
