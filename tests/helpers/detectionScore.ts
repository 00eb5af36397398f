/**
 * Scores proposals against a composite clip's truth (issue 15):
 *   - recall: share of target frames whose head box is covered (≥ minCover of its area, by the
 *     union of the proposals, each taken as-is) — a target frame is one where the head is at
 *     least minVisible visible and at least minHeightPx tall;
 *   - longest gap: the most consecutive target frames of one head left uncovered;
 *   - false proposals: proposals that overlap no head on most (> half) of their frames, per minute.
 */
import { regionBoxAt, type Keyframe } from '../../shared/domain/redactionPlan';
import type { Box } from '../../shared/domain/tracking/types';
import type { View } from './sampleFaces';
import type { TruthFrame } from './compositeClip';

export interface Proposal {
  id: string;
  keyframes: Keyframe[];
}

export interface ScoreOptions {
  fps: number;
  minCover?: number;
  minVisible?: number;
  minHeightPx?: number;
}

export interface ViewScore {
  frames: number;
  covered: number;
  recall: number;
}

export interface Score {
  recall: number;
  byView: Partial<Record<View, ViewScore>>;
  longestGap: number;
  falseProposals: number;
  falsePerMinute: number;
  proposals: number;
  minutes: number;
}

const GRID = 12;

/** Share of `box` under at least one of `cover`, on a GRID × GRID sample of points. */
export function unionCoverage(box: Box, cover: readonly Box[]): number {
  let hit = 0;
  for (let i = 0; i < GRID; i++)
    for (let j = 0; j < GRID; j++) {
      const x = box.x + ((i + 0.5) / GRID) * box.w;
      const y = box.y + ((j + 0.5) / GRID) * box.h;
      if (cover.some((c) => x >= c.x && x <= c.x + c.w && y >= c.y && y <= c.y + c.h)) hit++;
    }
  return hit / (GRID * GRID);
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

export function scoreProposals(truth: readonly TruthFrame[], proposals: readonly Proposal[], opts: ScoreOptions): Score {
  const minCover = opts.minCover ?? 0.95;
  const minVisible = opts.minVisible ?? 0.5;
  const minHeight = opts.minHeightPx ?? 24;
  const byView: Partial<Record<View, ViewScore>> = {};
  const run = new Map<number, number>();
  let longestGap = 0;
  let frames = 0;
  let covered = 0;
  const onFrames = new Map<string, { on: number; overlapping: number }>(proposals.map((p) => [p.id, { on: 0, overlapping: 0 }]));
  for (const tf of truth) {
    const boxes = proposals.map((p) => ({ id: p.id, box: regionBoxAt(p.keyframes, tf.t) }));
    const live = boxes.filter((b): b is { id: string; box: Box } => b.box !== null);
    for (const b of live) {
      const c = onFrames.get(b.id)!;
      c.on++;
      if (tf.targets.some((t) => overlaps(t.box, b.box))) c.overlapping++;
    }
    const seen = new Set<number>();
    for (const target of tf.targets) {
      if (target.visible < minVisible || target.heightPx < minHeight) continue;
      seen.add(target.actor);
      const ok = unionCoverage(target.box, live.map((b) => b.box)) >= minCover;
      const v = (byView[target.view] ??= { frames: 0, covered: 0, recall: 0 });
      v.frames++;
      frames++;
      if (ok) {
        v.covered++;
        covered++;
        run.set(target.actor, 0);
      } else {
        const n = (run.get(target.actor) ?? 0) + 1;
        run.set(target.actor, n);
        longestGap = Math.max(longestGap, n);
      }
    }
    // A head that is not a target on this frame (hidden, too small, gone) ends its run.
    for (const actor of [...run.keys()]) if (!seen.has(actor)) run.set(actor, 0);
  }
  for (const v of Object.values(byView)) v.recall = v.frames ? v.covered / v.frames : 1;
  const minutes = truth.length / opts.fps / 60;
  const falseProposals = [...onFrames.values()].filter((c) => c.on > 0 && c.overlapping / c.on <= 0.5).length;
  return { recall: frames ? covered / frames : 1, byView, longestGap, falseProposals, falsePerMinute: minutes > 0 ? falseProposals / minutes : 0, proposals: proposals.length, minutes };
}
