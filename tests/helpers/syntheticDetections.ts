/** Synthetic moving targets and noisy, gappy detections of them, for the tracker's property tests. */
import fc from 'fast-check';
import { clampBox, iou } from '../../shared/domain/tracking/boxes';
import type { Box, FrameDetections } from '../../shared/domain/tracking/types';

export const FPS = 30;
export const EVERY = 3;
export const FRAMES = 150;

export interface Target {
  box: Box;
  /** Per frame, fractions of the frame. */
  vx: number;
  vy: number;
  grow: number;
  from: number;
  to: number;
}

/** The whole target box at frame f, inside the frame or not; null outside its lifetime. */
export const fullTruthAt = (g: Target, f: number): Box | null => {
  if (f < g.from || f > g.to) return null;
  const s = 1 + g.grow * (f - g.from);
  const w = g.box.w * s;
  const h = g.box.h * s;
  const cx = g.box.x + g.box.w / 2 + g.vx * (f - g.from);
  const cy = g.box.y + g.box.h / 2 + g.vy * (f - g.from);
  return { x: cx - w / 2, y: cy - h / 2, w, h };
};

/** The visible part of the target; null when less than 40 % of it is inside the frame (no detector finds a sliver). */
export const truthAt = (g: Target, f: number): Box | null => {
  const full = fullTruthAt(g, f);
  const inside = full && clampBox(full);
  return inside && inside.w * inside.h >= 0.4 * full.w * full.h ? inside : null;
};

/** Target i of a list starts in its own third of the frame, so that a few of them rarely overlap. */
export const targetsArb = (max: number) => fc.array(targetArb, { minLength: 1, maxLength: max }).map((gs) => gs.map((g, i) => ({ ...g, box: { ...g.box, y: (i % 3) / 3 + (g.box.y % 0.1) } })));

export const targetArb = fc.record({
  box: fc.record({ x: fc.double({ min: 0.1, max: 0.7, noNaN: true }), y: fc.double({ min: 0.02, max: 0.7, noNaN: true }), w: fc.double({ min: 0.02, max: 0.15, noNaN: true }), h: fc.double({ min: 0.04, max: 0.2, noNaN: true }) }),
  vx: fc.double({ min: -0.004, max: 0.004, noNaN: true }),
  vy: fc.double({ min: -0.001, max: 0.001, noNaN: true }),
  grow: fc.double({ min: -0.002, max: 0.004, noNaN: true }),
  from: fc.integer({ min: 0, max: 30 }),
  to: fc.integer({ min: 100, max: FRAMES - 1 }),
});

/** Deterministic pseudo-random numbers for noise and gaps. */
export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 2 ** 32;
  };
}

/** Detections every EVERY frames: truth with edge noise, some misses (no gap longer than maxGap frames). */
export function detect(targets: Target[], seed: number, opts: { noise: number; miss: number; maxGap: number; hideOverlapped?: boolean }, firstSeen: number[] = []): FrameDetections[] {
  const r = rng(seed);
  const lastSeen = targets.map(() => -1e9);
  const out: FrameDetections[] = [];
  for (let f = 0; f < FRAMES; f += EVERY) {
    const detections: FrameDetections['detections'] = [];
    targets.forEach((g, i) => {
      const b = truthAt(g, f);
      if (!b) return;
      // Crossing: the later target is hidden behind the earlier one while they overlap.
      if (opts.hideOverlapped && targets.some((o, j) => j < i && truthAt(o, f) && iou(truthAt(o, f)!, b) > 0.2)) return;
      const gapSoFar = f - Math.max(lastSeen[i]!, g.from);
      if (r() < opts.miss && gapSoFar + EVERY < opts.maxGap) return;
      lastSeen[i] = f;
      firstSeen[i] ??= f;
      const n = () => (r() * 2 - 1) * opts.noise;
      const box = clampBox({ x: b.x + n() * b.w, y: b.y + n() * b.h, w: b.w * (1 + n()), h: b.h * (1 + n()) });
      if (box) detections.push({ cls: 'face', box, score: 0.6 + 0.4 * r(), detector: 'synthetic' });
    });
    out.push({ frame: f, t: f / FPS, detections });
  }
  return out;
}
