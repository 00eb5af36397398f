import { z } from 'zod';
import { lazyMethods } from './lazyMethods';

/** The redaction studio's timeline pictures and sound (electron/core/api/studioHandlers.ts); cached by the core. */
export const studioMethods = lazyMethods({
  /** `count` small pictures spread over the recording (the middle of each of `count` equal parts). */
  'studio.filmstrip': () => z.object({ itemId: z.string().max(64), count: z.number().int().min(1).max(60).default(16) }),
  /** Peaks (0–1) of audio stream `stream` (0 = the first audio stream) in `buckets` equal time buckets. */
  'studio.waveform': () => z.object({ itemId: z.string().max(64), stream: z.number().int().min(0).max(31).default(0), buckets: z.number().int().min(10).max(4000).default(800) }),
});

export interface StudioOutputs {
  'studio.filmstrip': { durationSec: number; frames: { t: number; dataUrl: string }[] };
  'studio.waveform': { durationSec: number; stream: number; peaks: number[] };
}
