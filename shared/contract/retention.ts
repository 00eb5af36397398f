import { z } from 'zod';
import { confirmPasswordField } from './system';

/**
 * Retention and holds (KDLA schedule, issue 13): rules per category, automatic holds for
 * recordings linked to a request that is open or still inside its appeal window, manual holds,
 * destruction batches proposed by a custodian and approved by a second person, tombstones and
 * the destruction certificate. Nothing is destroyed automatically.
 */

import { HOLD_KINDS } from './holdKinds';
import { lazyMethods } from './lazyMethods';

export { HOLD_KINDS };
export type HoldKind = (typeof HOLD_KINDS)[number];

const itemId = z.string().min(1).max(64);
const reason = z.string().trim().min(3, 'Give the reason (at least a few words).').max(2000);

export const retentionMethods = lazyMethods({
  'retention.rules': () => z.object({}),
  /** Adds or changes the rule for one category (administrators, password again). */
  'retention.setRule': () => z.object({
    category: z.string().trim().min(1).max(100),
    series: z.string().trim().min(1).max(40),
    title: z.string().trim().min(1).max(300),
    scheduleText: z.string().trim().min(1).max(4000),
    days: z.number().int().min(1).max(36500),
    confirmPassword: confirmPasswordField,
  }),
  'retention.settings': () => z.object({}),
  /** Days after a request is closed during which its recordings stay held (the AG appeal window). */
  'retention.setAppealWindow': () => z.object({ days: z.number().int().min(0).max(3650), confirmPassword: confirmPasswordField }),
  /** Recordings whose retention date has passed or falls within `withinDays`. */
  'retention.due': () => z.object({ withinDays: z.number().int().min(0).max(3650).default(14) }),
  'retention.forItem': () => z.object({ id: itemId }),
  'holds.list': () => z.object({}),
  'holds.place': () => z.object({ itemId, kind: z.enum(HOLD_KINDS), reason }),
  'holds.lift': () => z.object({ holdId: z.number().int().positive(), reason }),
  'destruction.propose': () => z.object({ itemIds: z.array(itemId).min(1).max(5000) }),
  'destruction.approve': () => z.object({ batchId: z.number().int().positive(), confirmPassword: confirmPasswordField }),
  'destruction.batches': () => z.object({}),
  'destruction.tombstones': () => z.object({}),
  'destruction.certificate': () => z.object({ batchId: z.number().int().positive() }),
});

export interface RetentionRuleInfo {
  category: string;
  series: string;
  title: string;
  scheduleText: string;
  days: number;
  updatedAt: string;
  updatedBy: string;
  isDefault: boolean;
}

export interface HoldInfo {
  /** null for an automatic (request) hold, which is lifted by closing the request and the appeal window passing. */
  id: number | null;
  itemId: string;
  /** The original the hold keeps (a hold on a redacted copy holds its original). */
  originalId: string;
  kind: HoldKind | 'request';
  reason: string;
  placedAt: string | null;
  placedBy: string | null;
  requestId: number | null;
  /** For a closed request: the end of its appeal window. */
  until: string | null;
}

export interface ItemRetentionInfo {
  itemId: string;
  /** The original whose schedule this item follows (itself for an original). */
  originalId: string;
  rule: RetentionRuleInfo;
  startedFrom: 'recorded start' | 'ingest time';
  start: string;
  retentionDate: string;
  due: boolean;
  /** e.g. "60 days from the recorded start (KDLA L6707 ...)". */
  why: string;
  holds: HoldInfo[];
  /** A batch proposing or destroying it, if any. */
  batchId: number | null;
  destroyed: TombstoneInfo | null;
}

export interface DueItemInfo {
  itemId: string;
  originalName: string;
  sha256: string;
  start: string;
  startedFrom: 'recorded start' | 'ingest time';
  retentionDate: string;
  due: boolean;
  ruleCategory: string;
  ruleSeries: string;
  held: boolean;
  holds: HoldInfo[];
  batchId: number | null;
  /** Redacted copies that go with it. */
  copies: string[];
}

export interface BatchItemInfo {
  itemId: string;
  sha256: string;
  state: 'proposed' | 'destroying' | 'destroyed';
  retentionDate: string | null;
}

export interface DestructionBatchInfo {
  id: number;
  state: 'proposed' | 'approved' | 'destroyed';
  proposedAt: string;
  proposedBy: string;
  approvedAt: string | null;
  approvedBy: string | null;
  destroyedAt: string | null;
  certificateItemId: string | null;
  items: BatchItemInfo[];
}

export interface TombstoneInfo {
  itemId: string;
  sha256: string;
  size: number;
  kind: string;
  parentItemId: string | null;
  recordedStart: string | null;
  ingestedAt: string;
  retentionDate: string | null;
  ruleCategory: string;
  ruleSeries: string;
  batchId: number;
  proposedBy: string;
  approvedBy: string;
  destroyedAt: string;
  /** For one item's tombstone (`retention.forItem`): its file name, when the batch was approved, who ran the destruction, and the certificate's item id (null until written). */
  originalName?: string;
  approvedAt?: string | null;
  destroyedBy?: string | null;
  certificateItemId?: string | null;
}

export interface RetentionOutputs {
  'retention.rules': RetentionRuleInfo[];
  'retention.setRule': RetentionRuleInfo;
  'retention.settings': { appealDays: number; appealBasis: string };
  'retention.setAppealWindow': { appealDays: number; appealBasis: string };
  'retention.due': DueItemInfo[];
  'retention.forItem': ItemRetentionInfo;
  'holds.list': HoldInfo[];
  'holds.place': HoldInfo;
  'holds.lift': { ok: true };
  'destruction.propose': DestructionBatchInfo;
  'destruction.approve': DestructionBatchInfo;
  'destruction.batches': DestructionBatchInfo[];
  'destruction.tombstones': TombstoneInfo[];
  'destruction.certificate': { fileName: string; base64: string; sha256: string };
}
