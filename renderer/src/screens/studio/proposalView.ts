import type { ProposalInfo } from '../../../../shared/contract';
import type { Box } from '../../../../shared/domain/tracking/types';

/** Pure helpers for showing machine proposals in the studio (nothing here is part of a plan). */

const CLASS_NAME: Record<ProposalInfo['cls'], string> = { face: 'Face', head: 'Head', screen: 'Screen' };

/** "Face #12": the proposal's number in the core, stable across reloads and in the custody log. */
export function proposalName(p: Pick<ProposalInfo, 'cls' | 'proposalId'>): string {
  return `${CLASS_NAME[p.cls]} #${p.proposalId}`;
}

/**
 * Where the proposed box is at time t: linear between the track's points (as the accepted
 * region's keyframes will be), null outside the track's span.
 */
export function proposalBoxAt(p: Pick<ProposalInfo, 'points'>, t: number): Box | null {
  const pts = p.points;
  if (pts.length === 0 || t < pts[0]!.t - 1e-6 || t > pts[pts.length - 1]!.t + 1e-6) return null;
  let i = 0;
  while (i < pts.length - 1 && pts[i + 1]!.t < t) i++;
  const a = pts[i]!;
  const b = pts[Math.min(i + 1, pts.length - 1)]!;
  const k = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
  const mix = (u: number, v: number) => u + (v - u) * k;
  return { x: mix(a.box.x, b.box.x), y: mix(a.box.y, b.box.y), w: mix(a.box.w, b.box.w), h: mix(a.box.h, b.box.h) };
}

export interface Span {
  start: number;
  end: number;
  /** How the span was chosen, for the button's label. */
  from: 'marks' | 'recording';
}

/** The in–out marks when both are set, otherwise the whole recording. */
export function spanOf(marks: { in: number | null; out: number | null }, duration: number): Span {
  if (marks.in !== null && marks.out !== null && marks.out > marks.in) return { start: marks.in, end: marks.out, from: 'marks' };
  return { start: 0, end: duration, from: 'recording' };
}

/** Undecided faces whose track overlaps the span (the whole track is accepted: more is hidden, never less). */
export function undecidedFacesIn(list: readonly ProposalInfo[], span: Span): ProposalInfo[] {
  return list.filter((p) => p.status === 'proposed' && p.cls === 'face' && p.end >= span.start && p.start <= span.end);
}
