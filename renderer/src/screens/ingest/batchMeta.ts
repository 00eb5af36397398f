import type { RecordingMeta } from '../../../../shared/contract';

export interface BatchMetaState {
  officer: string;
  badge: string;
  school: string;
  incident: string;
  cad: string;
  locationType: RecordingMeta['locationType'];
  minorsPresent: 'unset' | 'yes' | 'no';
}

export const EMPTY_BATCH: BatchMetaState = { officer: '', badge: '', school: '', incident: '', cad: '', locationType: '', minorsPresent: 'unset' };

/** Blank fields are left out, so a sidecar's per-file values are not overwritten with nothing. */
export function toBatchMeta(s: BatchMetaState): Partial<RecordingMeta> | undefined {
  const out: Partial<RecordingMeta> = {};
  for (const k of ['officer', 'badge', 'school', 'incident', 'cad'] as const) {
    if (s[k].trim()) out[k] = s[k].trim();
  }
  if (s.locationType) out.locationType = s.locationType;
  if (s.minorsPresent !== 'unset') out.minorsPresent = s.minorsPresent === 'yes';
  return Object.keys(out).length ? out : undefined;
}
