/**
 * A track → a redaction-plan region's keyframes. Points are clamped inside the frame; runs of
 * points that linear interpolation reproduces within `tolerance` collapse to their ends, and the
 * kept keyframes are grown by `tolerance` so that the interpolated box still covers every
 * dropped point's box (checked, not assumed: clamping at the frame edge can break the algebra).
 */
import type { Keyframe, RedactionRegion } from '../redactionPlan';
import { clampBox, covers, grow } from './boxes';
import type { Box, Track } from './types';

export interface KeyframeOptions {
  /** Fractions of the frame an interpolated edge may sit outside its point's edge (default 0.004 ≈ 4 px at 1080p). */
  tolerance?: number;
  /** Longest span between two keyframes, in seconds (default 5). */
  maxSpanSeconds?: number;
}

const lerpBox = (a: Box, b: Box, f: number): Box => ({ x: a.x + (b.x - a.x) * f, y: a.y + (b.y - a.y) * f, w: a.w + (b.w - a.w) * f, h: a.h + (b.h - a.h) * f });

/** Keyframes for the region; an empty array when the track has no point inside the frame. */
export function trackToKeyframes(track: Track, opts: KeyframeOptions = {}): Keyframe[] {
  const tol = opts.tolerance ?? 0.004;
  const maxSpan = opts.maxSpanSeconds ?? 5;
  const pts: Array<{ t: number; box: Box }> = [];
  for (const p of track.points) {
    const box = clampBox(p.box);
    if (box && (pts.length === 0 || p.t > pts[pts.length - 1]!.t)) pts.push({ t: p.t, box });
  }
  if (pts.length === 0) return [];
  const grown = pts.map((p) => clampBox(grow(p.box, tol))!);
  const keep = [0];
  let i = 0;
  while (i < pts.length - 1) {
    let j = i + 1;
    // Extend the segment while interpolating grown[i] → grown[j+1] covers every point between,
    // and sits no more than 2·tol outside any of them.
    while (j + 1 < pts.length && pts[j + 1]!.t - pts[i]!.t <= maxSpan && segmentFits(pts, grown, i, j + 1, tol)) j++;
    keep.push(j);
    i = j;
  }
  return keep.map((k) => {
    const b = grown[k]!;
    const x = round(b.x);
    const y = round(b.y);
    // Rounding must not shrink the box nor push it past the frame edge.
    const w = Math.min(1 - x, roundUp(b.x + b.w) - x);
    const h = Math.min(1 - y, roundUp(b.y + b.h) - y);
    return { t: pts[k]!.t, x, y, w, h };
  });
}

function segmentFits(pts: ReadonlyArray<{ t: number; box: Box }>, grown: readonly Box[], i: number, j: number, tol: number): boolean {
  const a = grown[i]!;
  const b = grown[j]!;
  const t0 = pts[i]!.t;
  const span = pts[j]!.t - t0;
  for (let k = i + 1; k < j; k++) {
    const at = lerpBox(a, b, (pts[k]!.t - t0) / span);
    if (!covers(at, pts[k]!.box, 1e-9)) return false;
    if (!covers(grow(pts[k]!.box, 2 * tol + 1e-9), at)) return false;
  }
  return true;
}

/** Keyframes stored with 6 decimals (sub-pixel at 8K): floor the start, ceil the end. */
const round = (v: number): number => Math.max(0, Math.floor(v * 1e6) / 1e6);
const roundUp = (v: number): number => Math.min(1, Math.ceil(v * 1e6) / 1e6);

/** A track as a plan region: a machine proposal carrying its confidence, ready for the custodian to accept. */
export function trackToRegion(track: Track, exemption: { exemptionId: string; explanation: string }, opts: KeyframeOptions = {}): RedactionRegion | null {
  const keyframes = trackToKeyframes(track, opts);
  if (keyframes.length === 0) return null;
  return {
    id: track.id,
    label: `${track.cls} (proposed)`,
    shape: 'rect',
    effect: 'fill',
    color: '#000000',
    minor: false,
    hidden: false,
    source: { kind: 'proposal', detector: track.detectors.join(', ').slice(0, 100) || 'tracker', confidence: track.confidence, trackId: track.id },
    exemptionId: exemption.exemptionId,
    explanation: exemption.explanation,
    keyframes,
  };
}
