import { z } from 'zod';

/**
 * A redaction plan: what to hide in one recording and why. It is a versioned document with its
 * own hash (planHash, computed by the core over its canonical JSON); a render is a new evidence
 * item that names its parent, the plan hash, the ffmpeg version and arguments, and its
 * leak-check report. The format is documented in docs/redaction-plan.md and is the CLI
 * contract of `custodian redact render --plan PLAN.json`.
 *
 * Geometry: x, y, w, h are fractions (0–1) of the *displayed* frame (after rotation), t is
 * seconds from the start of presentation. A region is on from its first keyframe to its last;
 * between keyframes it moves and resizes by linear interpolation.
 */

export const REDACTION_PLAN_VERSION = 1;

const fraction = z.number().finite().min(0).max(1);
const seconds = z.number().finite().min(0).max(24 * 3600);

export const keyframeSchema = z
  .object({ t: seconds, x: fraction, y: fraction, w: fraction, h: fraction })
  .refine((k) => k.x + k.w <= 1.000001 && k.y + k.h <= 1.000001, { message: 'A region must stay inside the frame (x + w and y + h at most 1).' })
  .refine((k) => k.w > 0 && k.h > 0, { message: 'A region must have a width and a height.' });
export type Keyframe = z.infer<typeof keyframeSchema>;

export const REGION_SHAPES = ['rect', 'ellipse'] as const;
export type RegionShape = (typeof REGION_SHAPES)[number];

/** Solid fill is the only effect that cannot be undone; pixelate and blur can be reversed (McPherson et al. 2016). */
export const REGION_EFFECTS = ['fill', 'pixelate', 'blur'] as const;
export type RegionEffect = (typeof REGION_EFFECTS)[number];

/** Where a region came from: drawn by a person, or proposed by a detector and accepted. */
export const regionSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('drawn') }),
  z.object({ kind: z.literal('proposal'), detector: z.string().min(1).max(100), confidence: z.number().min(0).max(1), trackId: z.string().max(100).optional() }),
]);
export type RegionSource = z.infer<typeof regionSourceSchema>;

const exemptionRef = {
  exemptionId: z.string().min(1, 'Each region and audio range needs an exemption.').max(200),
  explanation: z.string().trim().min(1, 'Each region and audio range needs a one-line explanation.').max(500),
};

export const regionSchema = z.object({
  id: z.string().min(1).max(100).optional(),
  label: z.string().max(200).optional(),
  shape: z.enum(REGION_SHAPES).default('rect'),
  effect: z.enum(REGION_EFFECTS).default('fill'),
  color: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'A colour is written #RRGGBB.')
    .default('#000000'),
  /** The region covers a minor: only solid fill is allowed. */
  minor: z.boolean().default(false),
  hidden: z.boolean().default(false),
  source: regionSourceSchema.default({ kind: 'drawn' }),
  ...exemptionRef,
  keyframes: z
    .array(keyframeSchema)
    .min(1, 'A region needs at least one keyframe.')
    .max(100_000)
    .refine((ks) => ks.every((k, i) => i === 0 || k.t > ks[i - 1]!.t), { message: 'Keyframes must be in time order, one per moment.' }),
});
export type RedactionRegion = z.infer<typeof regionSchema>;

export const AUDIO_MODES = ['mute', 'bleep'] as const;
export type AudioMode = (typeof AUDIO_MODES)[number];

export const audioRangeSchema = z
  .object({
    id: z.string().min(1).max(100).optional(),
    /** Index among the recording's audio streams (0 = the first audio stream). */
    stream: z.number().int().min(0).max(31).default(0),
    start: seconds,
    end: seconds,
    mode: z.enum(AUDIO_MODES).default('mute'),
    ...exemptionRef,
  })
  .refine((a) => a.end > a.start, { message: 'An audio range must end after it starts.' });
export type AudioRange = z.infer<typeof audioRangeSchema>;

export const droppedStreamSchema = z.object({ stream: z.number().int().min(0).max(31), ...exemptionRef });

export const redactionPlanSchema = z.object({
  version: z.literal(REDACTION_PLAN_VERSION).default(REDACTION_PLAN_VERSION),
  regions: z.array(regionSchema).max(2000).default([]),
  audio: z.array(audioRangeSchema).max(2000).default([]),
  /** Audio streams left out of the copy altogether (logged). */
  dropAudioStreams: z.array(droppedStreamSchema).max(32).default([]),
  /** Optional burn-in caption, e.g. "REDACTED COPY — PRR-00042". */
  caption: z.string().max(120).optional(),
});
export type RedactionPlan = z.infer<typeof redactionPlanSchema>;
export type RedactionPlanInput = z.input<typeof redactionPlanSchema>;

/** Why a plan may not be rendered for this recording, as sentences a custodian reads; empty when it may. */
export function planProblems(plan: RedactionPlan, facts: { schoolLocation: boolean; durationSec: number | null; audioStreams: number }): string[] {
  const problems: string[] = [];
  plan.regions.forEach((r, i) => {
    const name = r.label ? `Region "${r.label}"` : `Region ${i + 1}`;
    if (r.effect !== 'fill' && (r.minor || facts.schoolLocation)) {
      problems.push(`${name} uses ${r.effect}, which software can undo; ${r.minor ? 'it covers a minor' : 'this recording was made at a school'}, so only a solid fill is allowed.`);
    }
    const last = r.keyframes[r.keyframes.length - 1]!;
    if (facts.durationSec !== null && r.keyframes[0]!.t > facts.durationSec) problems.push(`${name} starts after the recording ends.`);
    if (facts.durationSec !== null && last.t > facts.durationSec + 0.5) problems.push(`${name} has a keyframe after the recording ends.`);
  });
  plan.audio.forEach((a, i) => {
    if (a.stream >= facts.audioStreams) problems.push(`Audio range ${i + 1} names audio stream ${a.stream + 1}, but the recording has ${facts.audioStreams}.`);
    if (facts.durationSec !== null && a.start > facts.durationSec) problems.push(`Audio range ${i + 1} starts after the recording ends.`);
  });
  return problems;
}

/** The region's box at time t by linear interpolation between keyframes; null outside its span. */
export function regionBoxAt(keyframes: readonly Keyframe[], t: number): { x: number; y: number; w: number; h: number } | null {
  const first = keyframes[0];
  const last = keyframes[keyframes.length - 1];
  if (!first || !last || t < first.t || t > last.t) return null;
  if (keyframes.length === 1) return { x: first.x, y: first.y, w: first.w, h: first.h };
  let i = 0;
  while (i < keyframes.length - 2 && keyframes[i + 1]!.t < t) i++;
  const a = keyframes[i]!;
  const b = keyframes[i + 1]!;
  const f = b.t === a.t ? 0 : Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t)));
  const lerp = (p: number, q: number) => p + (q - p) * f;
  return { x: lerp(a.x, b.x), y: lerp(a.y, b.y), w: lerp(a.w, b.w), h: lerp(a.h, b.h) };
}
