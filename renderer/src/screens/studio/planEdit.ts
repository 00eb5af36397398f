import { regionBoxAt, type AudioRange, type Keyframe, type RedactionPlan, type RedactionRegion, type RegionShape } from '../../../../shared/domain/redactionPlan';

/** Pure edits of a plan draft; every one returns a new plan (undo keeps the old one). */

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Regions smaller than this (a fraction of the frame) are treated as a stray click. */
export const MIN_SIZE = 0.01;
/** A new region lasts this long until it is moved at another time. */
const NEW_REGION_SEC = 2;

export const EMPTY_PLAN: RedactionPlan = { version: 1, regions: [], audio: [], dropAudioStreams: [] };

let seq = 0;
export function newId(prefix: string): string {
  seq += 1;
  return `${prefix}-${Date.now().toString(36)}-${seq}`;
}

const r6 = (n: number) => Math.round(n * 1e6) / 1e6;

/** Inside the frame, at least MIN_SIZE, rounded to a millionth. */
export function clampBox(b: Box): Box {
  const w = Math.min(1, Math.max(MIN_SIZE, b.w));
  const h = Math.min(1, Math.max(MIN_SIZE, b.h));
  const x = Math.min(1 - w, Math.max(0, b.x));
  const y = Math.min(1 - h, Math.max(0, b.y));
  return { x: r6(x), y: r6(y), w: r6(w), h: r6(h) };
}

/** The box to show and edit at t: interpolated inside the span, else the nearest end's. */
export function boxNear(region: RedactionRegion, t: number): { box: Box; active: boolean } {
  const at = regionBoxAt(region.keyframes, t);
  if (at) return { box: at, active: true };
  const first = region.keyframes[0]!;
  const last = region.keyframes[region.keyframes.length - 1]!;
  const k = t < first.t ? first : last;
  return { box: { x: k.x, y: k.y, w: k.w, h: k.h }, active: false };
}

/** Sets the region's box at t: replaces a keyframe within half a frame, else adds one (which may extend the span). */
export function setBoxAt(region: RedactionRegion, t: number, box: Box, fps: number): RedactionRegion {
  const tol = 0.5 / fps;
  const b = clampBox(box);
  const kt = r6(Math.max(0, t));
  const near = region.keyframes.findIndex((k) => Math.abs(k.t - kt) <= tol);
  let keyframes: Keyframe[];
  if (near >= 0) keyframes = region.keyframes.map((k, i) => (i === near ? { t: k.t, ...b } : k));
  else keyframes = [...region.keyframes, { t: kt, ...b }].sort((p, q) => p.t - q.t);
  return { ...region, keyframes };
}

export function newRegion(shape: RegionShape, t: number, box: Box, durationSec: number): RedactionRegion {
  const b = clampBox(box);
  const start = r6(Math.max(0, t));
  const end = r6(Math.min(durationSec > 0 ? durationSec : start + NEW_REGION_SEC, start + NEW_REGION_SEC));
  const keyframes: Keyframe[] = end > start ? [{ t: start, ...b }, { t: end, ...b }] : [{ t: start, ...b }];
  return {
    id: newId('region'),
    shape,
    effect: 'fill',
    color: '#000000',
    minor: false,
    hidden: false,
    source: { kind: 'drawn' },
    exemptionId: '',
    explanation: '',
    keyframes,
  };
}

export function copyRegion(region: RedactionRegion): RedactionRegion {
  const keyframes = region.keyframes.map((k) => ({ ...k, ...clampBox({ x: k.x + 0.03, y: k.y + 0.03, w: k.w, h: k.h }) }));
  return { ...region, id: newId('region'), label: region.label ? `${region.label} (copy)` : undefined, keyframes };
}

/** Moves the whole region (every keyframe) by dx, dy. */
export function nudgeRegion(region: RedactionRegion, dx: number, dy: number): RedactionRegion {
  return { ...region, keyframes: region.keyframes.map((k) => ({ t: k.t, ...clampBox({ x: k.x + dx, y: k.y + dy, w: k.w, h: k.h }) })) };
}

/** Grows (d > 0) or shrinks every keyframe's box about its centre: the keyboard's way to size a region. */
export function resizeRegion(region: RedactionRegion, d: number): RedactionRegion {
  return { ...region, keyframes: region.keyframes.map((k) => ({ t: k.t, ...clampBox({ x: k.x - d / 2, y: k.y - d / 2, w: k.w + d, h: k.h + d }) })) };
}

/** A new region's box when it is made from the keyboard: a fifth of the frame, in the middle. */
export const KEYBOARD_BOX: Box = { x: 0.4, y: 0.4, w: 0.2, h: 0.2 };

/** Holds the last box to the end of the recording. */
export function extendToEnd(region: RedactionRegion, durationSec: number): RedactionRegion {
  const last = region.keyframes[region.keyframes.length - 1]!;
  const end = r6(durationSec);
  if (end <= last.t) return region;
  return { ...region, keyframes: [...region.keyframes, { ...last, t: end }] };
}

export function removeKeyframeAt(region: RedactionRegion, t: number, fps: number): RedactionRegion {
  if (region.keyframes.length <= 1) return region;
  const tol = 0.5 / fps;
  const keyframes = region.keyframes.filter((k) => Math.abs(k.t - t) > tol);
  return keyframes.length === region.keyframes.length || keyframes.length === 0 ? region : { ...region, keyframes };
}

export function updateRegion(plan: RedactionPlan, id: string, f: (r: RedactionRegion) => RedactionRegion): RedactionPlan {
  return { ...plan, regions: plan.regions.map((r) => (r.id === id ? f(r) : r)) };
}

export function updateAudio(plan: RedactionPlan, id: string, f: (a: AudioRange) => AudioRange): RedactionPlan {
  return { ...plan, audio: plan.audio.map((a) => (a.id === id ? f(a) : a)) };
}

export function regionSpan(r: RedactionRegion): { start: number; end: number } {
  return { start: r.keyframes[0]!.t, end: r.keyframes[r.keyframes.length - 1]!.t };
}
