import type { RecordingMeta } from '../../../../shared/contract';

// The recorded start is typed on the agency's clock: toAgencyInput / fromAgencyInput in
// renderer/src/agencyTime.ts.

export function parseCategories(text: string): string[] {
  return [...new Set(text.split(',').map((c) => c.trim()).filter(Boolean))];
}

/** Only the fields the user changed, so the custody log records exactly what was edited. */
export function changedFields(before: RecordingMeta, after: RecordingMeta): Partial<RecordingMeta> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(after) as (keyof RecordingMeta)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) out[k] = after[k];
  }
  return out as Partial<RecordingMeta>;
}
