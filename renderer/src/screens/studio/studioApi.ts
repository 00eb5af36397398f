import type { LeakReport, RenderInfo } from '../../../../shared/contract';
import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { call } from '../../api';

/** The studio's calls into the core's redaction feature (shared/contract/redaction.ts), in one place. */

export type { LeakReport };

export interface SavedPlan {
  planHash: string;
  version: number;
}

export interface StoredPlan extends SavedPlan {
  plan: RedactionPlan;
}

export interface RenderRecord {
  itemId: string;
  sha256: string;
  planHash: string;
  createdAt: string;
  current: boolean;
  check: LeakReport | null;
}

type StudioMethod = 'redaction.savePlan' | 'redaction.getPlan' | 'redaction.render' | 'redaction.check' | 'redaction.renders';

/** Whether the core answers the redaction method (kept so the studio degrades to a window-only draft in a build without it). */
export function coreHas(method: StudioMethod): boolean {
  void method;
  return true;
}

export async function savePlan(itemId: string, plan: RedactionPlan): Promise<SavedPlan> {
  const r = await call('redaction.savePlan', { itemId, plan });
  return { planHash: r.planHash, version: r.version };
}

export async function getPlan(itemId: string): Promise<StoredPlan | null> {
  const r = await call('redaction.getPlan', { itemId });
  return r.plan ? { planHash: r.plan.planHash, version: r.plan.version, plan: r.plan.plan } : null;
}

export async function startRender(itemId: string, planHash: string): Promise<{ jobId: string }> {
  const r = await call('redaction.render', { itemId, planHash });
  return { jobId: r.jobId };
}

export async function checkRender(itemId: string): Promise<{ jobId: string }> {
  const r = await call('redaction.check', { itemId });
  return { jobId: r.jobId };
}

function toRecord(r: RenderInfo): RenderRecord {
  return { itemId: r.itemId, sha256: r.sha256, planHash: r.planHash, createdAt: r.createdAt, current: r.current, check: r.check };
}

/** Newest first. */
export async function listRenders(itemId: string): Promise<RenderRecord[]> {
  const r = await call('redaction.renders', { itemId });
  return r.renders.map(toRecord).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
