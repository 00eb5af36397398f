import type { RecordingMeta } from '../../../../shared/contract';

const pad = (n: number): string => String(n).padStart(2, '0');

/** A stored ISO time as the local wall-clock value a datetime-local input shows. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

export function fromLocalInput(v: string): string | null {
  if (!v) return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

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
