import type { RecordingDetail } from '../../../../shared/contract';

export type MediaKind = 'original' | 'proxy';

export const UNPLAYABLE_TEXT = 'This file could not be read as video; it is preserved byte for byte as evidence.';

/** The browser plays the original when it can; otherwise the viewing copy (proxy) made at ingest. */
export function choosePlayback(d: RecordingDetail): { kind: MediaKind } | { unplayable: string } {
  if (!d.playable) return { unplayable: d.unplayableReason ?? 'Custodian could not read any video or audio from it.' };
  if (d.hasProxy && !d.browserPlayable) return { kind: 'proxy' };
  return { kind: 'original' };
}

export function frameRateOf(d: RecordingDetail): number {
  const fps = d.streams.find((s) => s.type === 'video' && s.frameRate && s.frameRate > 0)?.frameRate;
  return fps ?? 30;
}
