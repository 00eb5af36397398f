import { z } from 'zod';
import { redactionPlanSchema, type RedactionPlan } from '../domain/redactionPlan';
import type { JobInfo } from './library';
import { lazyMethods } from './lazyMethods';

/**
 * The redaction studio's core methods (docs/redaction-plan.md). A plan is saved as an immutable
 * version with its hash; a render is a background job that makes a new evidence item (kind
 * 'redacted-copy') and leak-checks it; `redaction.check` runs the check again.
 */

const itemId = z.string().min(1).max(64);
const sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'A plan hash is 64 hexadecimal digits.');

export const redactionMethods = lazyMethods({
  'redaction.savePlan': () => z.object({ itemId, plan: redactionPlanSchema }),
  /** The newest version, or `version`. */
  'redaction.getPlan': () => z.object({ itemId, version: z.number().int().min(1).optional() }),
  /** Renders `plan` (saved first as a new version if it is new) or the saved plan with `planHash`. */
  'redaction.render': () => z.object({ itemId, plan: redactionPlanSchema.optional(), planHash: sha256.optional() }).refine((x) => (x.plan === undefined) !== (x.planHash === undefined), { message: 'Give either the plan or the hash of a saved plan.' }),
  /** `itemId` is the redacted copy. */
  'redaction.check': () => z.object({ itemId }),
  /** `itemId` is the original recording. */
  'redaction.renders': () => z.object({ itemId }),
});

export interface LeakFailure {
  /** Seconds from the start of presentation; 0 for the file as a whole (`scope` 'file'). */
  t: number;
  what: string;
  scope: 'picture' | 'audio' | 'file';
}

export interface LeakReport {
  ok: boolean;
  /** Frames in which a solid region was measured, over both decodes. */
  framesChecked: number;
  failures: LeakFailure[];
  details?: {
    decodes: { ignoreEditlist: boolean; frames: number }[];
    audio: { stream: number; start: number; end: number; peakDb: number }[];
    durationSec: number | null;
    sourceDurationSec: number | null;
  };
}

export interface SavedPlanInfo {
  itemId: string;
  version: number;
  planHash: string;
  plan: RedactionPlan;
  createdAt: string;
  createdBy: string;
}

export interface RenderInfo {
  renderId: number;
  /** The redacted copy (a library item of kind 'redacted-copy'). */
  itemId: string;
  sha256: string;
  parentItemId: string;
  parentSha256: string;
  planHash: string;
  /** The plan version with that hash, or null if it is not among this recording's plans. */
  planVersion: number | null;
  ffmpegVersion: string;
  createdAt: string;
  createdBy: string;
  check: LeakReport;
  checkedAt: string;
  /** This render is what release and viewing would use (newest passing, from the current original, object present). */
  current: boolean;
}

/** `job.result` of a finished 'render' job. */
export interface RenderJobResult {
  itemId: string;
  sha256: string;
  check: LeakReport;
  renderId: number;
  parentItemId: string;
  planHash: string;
  planVersion: number;
}

/** `job.result` of a finished 'leak-check' job. */
export interface CheckJobResult {
  itemId: string;
  sha256: string;
  check: LeakReport;
}

export interface RedactionOutputs {
  'redaction.savePlan': SavedPlanInfo & { saved: boolean; problems: string[] };
  'redaction.getPlan': { plan: SavedPlanInfo | null; versions: number; problems: string[] };
  'redaction.render': { jobId: string; job: JobInfo; planHash: string; planVersion: number };
  'redaction.check': { jobId: string; job: JobInfo };
  'redaction.renders': { renders: RenderInfo[] };
}
