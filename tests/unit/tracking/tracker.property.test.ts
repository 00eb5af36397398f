import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyframeSchema, regionBoxAt } from '../../../shared/domain/redactionPlan';
import { assign } from '../../../shared/domain/tracking/assignment';
import { clampBox, coverage, covers, iou } from '../../../shared/domain/tracking/boxes';
import { trackDetections, trackToKeyframes } from '../../../shared/domain/tracking/tracker';
import type { Box, FrameDetections, Track } from '../../../shared/domain/tracking/types';
import { detect, EVERY, FPS, FRAMES, targetsArb, truthAt, type Target } from '../../helpers/syntheticDetections';

const pointAt = (tr: Track, f: number) => tr.points.find((p) => p.frame === f);

/** The track whose box at frame f overlaps the truth most (null if none covers it at all). */
function owner(tracks: Track[], truth: Box, f: number): Track | null {
  let best: Track | null = null;
  let bestIou = 0;
  for (const tr of tracks) {
    const p = pointAt(tr, f);
    if (p && iou(p.box, truth) > bestIou) {
      bestIou = iou(p.box, truth);
      best = tr;
    }
  }
  return best;
}

describe('assignment', () => {
  it('finds the least total cost, as brute force does', () => {
    const cell = fc.oneof({ weight: 4, arbitrary: fc.double({ min: 0, max: 10, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(Infinity) });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((rows) => fc.integer({ min: 1, max: 5 }).chain((cols) => fc.array(fc.array(cell, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }))),
        (m) => {
          const pairs = assign(m);
          expect(new Set(pairs.map((p) => p[0])).size).toBe(pairs.length);
          expect(new Set(pairs.map((p) => p[1])).size).toBe(pairs.length);
          // Brute force: most pairs first, then least cost.
          let best = { n: 0, cost: 0 };
          const walk = (r: number, used: Set<number>, n: number, cost: number) => {
            if (r === m.length) {
              if (n > best.n || (n === best.n && cost < best.cost - 1e-9)) best = { n, cost };
              return;
            }
            walk(r + 1, used, n, cost);
            m[r]!.forEach((v, c) => {
              if (!used.has(c) && Number.isFinite(v)) walk(r + 1, new Set([...used, c]), n + 1, cost + v);
            });
          };
          walk(0, new Set(), 0, 0);
          const got = pairs.reduce((s, [r, c]) => s + m[r]![c]!, 0);
          expect(pairs.length).toBe(best.n);
          expect(got).toBeCloseTo(best.cost, 6);
        },
      ),
      { numRuns: 300, seed: 20261203 },
    );
  });
});

describe('trackDetections', () => {
  it('gives one track per moving target through noise and gaps, and its box covers the truth', () => {
    fc.assert(
      fc.property(targetsArb(3), fc.integer(), (targets, seed) => {
        // Keep targets apart so that "one track each" is a fair demand.
        for (let a = 0; a < targets.length; a++)
          for (let b = a + 1; b < targets.length; b++)
            for (let f = 0; f < FRAMES; f++) {
              const A = truthAt(targets[a]!, f);
              const B = truthAt(targets[b]!, f);
              fc.pre(!A || !B || iou(padded(A), padded(B)) === 0);
            }
        const firstSeen: number[] = [];
        const frames = detect(targets, seed, { noise: 0.04, miss: 0.3, maxGap: 24 }, firstSeen);
        const tracks = trackDetections(frames, { fps: FPS, sampleEvery: EVERY });
        expect(tracks.length).toBe(targets.length);
        targets.forEach((g, i) => {
          const owners = new Set<string>();
          for (let f = 0; f < FRAMES; f += EVERY) {
            const truth = truthAt(g, f);
            // Before its first detection a target is unknown to the tracker.
            if (!truth || f < firstSeen[i]!) continue;
            const tr = owner(tracks, truth, f);
            expect(tr, `target lost at frame ${f}`).not.toBeNull();
            owners.add(tr!.id);
            expect(coverage(pointAt(tr!, f)!.box, truth)).toBeGreaterThanOrEqual(0.99);
          }
          expect(owners.size).toBe(1);
        });
      }),
      // A fixed seed; the random search found the case below (fixed).
      { numRuns: 150, seed: 20261203 },
    );
  });

  // Found by the property above (seed 208903801): after the upper target left, its track coasted
  // on for the keep-alive second with a box widened by one box size each side, grew over the
  // target below and took it over. The widening is now capped at 0.6 box sizes (tracker.ts WIDEN_CAP).
  it('keeps one owner for a still target detected with long gaps beside another', () => {
    const targets = [
      { box: { x: 0.1, y: 0.027815753030789685, w: 0.02, h: 0.15339319407843516 }, vx: 0, vy: 0, grow: 0, from: 25, to: 105 },
      { box: { x: 0.1, y: 0.35333333333333333, w: 0.054145830663226695, h: 0.07502953900385237 }, vx: 0, vy: 0, grow: 0, from: 13, to: 141 },
    ];
    const firstSeen: number[] = [];
    const frames = detect(targets, -10, { noise: 0.04, miss: 0.3, maxGap: 24 }, firstSeen);
    const tracks = trackDetections(frames, { fps: FPS, sampleEvery: EVERY });
    targets.forEach((g, i) => {
      const owners = new Set<string>();
      for (let f = 0; f < FRAMES; f += EVERY) {
        const truth = truthAt(g, f);
        if (!truth || f < firstSeen[i]!) continue;
        const tr = owner(tracks, truth, f);
        if (tr) owners.add(tr.id);
      }
      expect(owners.size).toBe(1);
    });
  });

  it('keeps identities when two targets cross and one hides the other', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.12, noNaN: true }),
        fc.double({ min: 0.003, max: 0.006, noNaN: true }),
        fc.double({ min: -0.02, max: 0.02, noNaN: true }),
        fc.integer(),
        (w, speed, dy, seed) => {
          const h = w * 1.6;
          const span = speed * 120;
          const a: Target = { box: { x: 0.5 - span / 2 - w / 2, y: 0.4, w, h }, vx: speed, vy: 0, grow: 0, from: 0, to: FRAMES - 1 };
          const b: Target = { box: { x: 0.5 + span / 2 - w / 2, y: 0.4 + dy, w, h }, vx: -speed, vy: 0, grow: 0, from: 0, to: FRAMES - 1 };
          const frames = detect([a, b], seed, { noise: 0.03, miss: 0.1, maxGap: 12, hideOverlapped: true });
          const tracks = trackDetections(frames, { fps: FPS, sampleEvery: EVERY });
          expect(tracks.length).toBe(2);
          const idAt = (g: Target, f: number) => owner(tracks, truthAt(g, f)!, f)?.id;
          // Frame 12 is after both first detections (gaps are under 12 frames).
          expect(idAt(a, 12)).toBeDefined();
          expect(idAt(a, 12)).not.toBe(idAt(b, 12));
          expect(idAt(a, 141)).toBe(idAt(a, 12));
          expect(idAt(b, 141)).toBe(idAt(b, 12));
        },
      ),
      { numRuns: 100, seed: 20261203 },
    );
  });

  it('drops lone low-score detections and keeps a track about a second after the last detection', () => {
    const frames: FrameDetections[] = [];
    for (let f = 0; f < 120; f += EVERY) {
      const detections: FrameDetections['detections'] = [];
      if (f <= 45) detections.push({ cls: 'face', box: { x: 0.2 + f * 0.002, y: 0.3, w: 0.05, h: 0.08 }, score: 0.9, detector: 'synthetic' });
      if (f === 60) detections.push({ cls: 'face', box: { x: 0.8, y: 0.1, w: 0.05, h: 0.08 }, score: 0.4, detector: 'synthetic' });
      frames.push({ frame: f, t: f / FPS, detections });
    }
    const tracks = trackDetections(frames, { fps: FPS, sampleEvery: EVERY });
    expect(tracks).toHaveLength(1);
    const pts = tracks[0]!.points;
    // Keep-alive to frame 75 (a second after 45), then the lead-out to the frame before the next sample.
    expect(pts[pts.length - 1]!.frame).toBe(77);
    expect(pts.filter((p) => p.kind === 'predicted' && p.frame > 45)).toHaveLength(11);
    expect(tracks[0]!.confidence).toBeGreaterThan(0.5);
  });

  it('uses the optical-flow bridge for a miss and marks the point', () => {
    const frames: FrameDetections[] = [0, 3, 6, 9, 12].map((f) => ({ frame: f, t: f / FPS, detections: f === 6 ? [] : [{ cls: 'face', box: { x: 0.1 + f * 0.01, y: 0.3, w: 0.05, h: 0.08 }, score: 0.9, detector: 'synthetic' }] }));
    const calls: Array<[number, number]> = [];
    const tracks = trackDetections(frames, { fps: FPS, sampleEvery: EVERY }, (from, to, box) => {
      calls.push([from, to]);
      return { ...box, x: box.x + (to - from) * 0.01 };
    });
    expect(calls).toEqual([[3, 6]]);
    expect(tracks[0]!.points.find((p) => p.frame === 6)!.kind).toBe('flow');
  });
});

const padded = (b: Box): Box => ({ x: b.x - b.w * 0.3, y: b.y - b.h * 0.3, w: b.w * 1.6, h: b.h * 1.6 });

describe('trackToKeyframes', () => {
  it('gives valid keyframes whose interpolation covers every point of the track, with fewer keyframes', () => {
    fc.assert(
      fc.property(targetsArb(2), fc.integer(), fc.double({ min: 0.001, max: 0.02, noNaN: true }), (targets, seed, tolerance) => {
        const tracks = trackDetections(detect(targets, seed, { noise: 0.05, miss: 0.2, maxGap: 20 }), { fps: FPS, sampleEvery: EVERY });
        for (const tr of tracks) {
          const kfs = trackToKeyframes(tr, { tolerance });
          expect(kfs.length).toBeGreaterThan(0);
          expect(kfs.length).toBeLessThanOrEqual(tr.points.length);
          kfs.forEach((k) => expect(keyframeSchema.safeParse(k).success).toBe(true));
          for (const p of tr.points) {
            const at = regionBoxAt(kfs, p.t);
            expect(at).not.toBeNull();
            expect(covers(at!, clampBox(p.box)!, 1e-7)).toBe(true);
          }
        }
      }),
      { numRuns: 150, seed: 20261203 },
    );
  });

  it('keeps a box that runs off the frame edge inside the frame and still covering', () => {
    const points = Array.from({ length: 40 }, (_, i) => ({ frame: i * 3, t: i * 0.1, box: { x: 0.85 + i * 0.01, y: -0.05, w: 0.1, h: 0.2 }, score: 0.9, kind: 'detected' as const }));
    const kfs = trackToKeyframes({ id: 'face-1', cls: 'face', points, confidence: 0.9, detectors: ['synthetic'] });
    kfs.forEach((k) => expect(keyframeSchema.safeParse(k).success).toBe(true));
    for (const p of points) {
      const inside = clampBox(p.box);
      if (inside) expect(covers(regionBoxAt(kfs, p.t)!, inside, 1e-7)).toBe(true);
    }
    expect(kfs.length).toBeLessThan(points.length);
  });
});
