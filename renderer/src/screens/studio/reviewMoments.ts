import type { ProposalInfo } from '../../../../shared/contract';
import { proposalName } from './proposalView';

/**
 * "Faces missed?": the moments of a run worth a second look, derived from what the run stores
 * for each track — where the detectors lost a face and the tracker only predicted its box, where
 * a detector's score was low, where a person was found but no face (the person detector and the
 * face detector disagree: a head box was guessed), and where a track ends before the recording
 * does (the face may still be there, unseen).
 */

export type MomentKind = 'lost' | 'low' | 'no-face' | 'ended';

export interface ReviewMoment {
  t: number;
  proposalId: number;
  kind: MomentKind;
  text: string;
}

/** Detected scores under this are "low confidence". */
export const LOW_SCORE = 0.5;

const secs = (s: number) => `${s.toFixed(1)} s`;

function momentsOf(p: ProposalInfo, duration: number): ReviewMoment[] {
  const out: ReviewMoment[] = [];
  const name = proposalName(p);
  const detected = p.points.map((q, i) => (q.kind === 'detected' ? i : -1)).filter((i) => i >= 0);
  if (p.cls === 'head') out.push({ t: p.start, proposalId: p.proposalId, kind: 'no-face', text: `${name}: a person was found but no face; the head box is a guess. Check the face is covered.` });
  if (detected.length === 0) {
    out.push({ t: p.start, proposalId: p.proposalId, kind: 'lost', text: `${name}: never seen by a detector, only predicted.` });
    return out;
  }
  const firstSeen = detected[0]!;
  const lastSeen = detected[detected.length - 1]!;
  // Runs of predicted points between detections (the lead-in before the first detection is padding, not a loss).
  for (let i = firstSeen + 1; i <= lastSeen; i++) {
    if (p.points[i]!.kind === 'detected') continue;
    let j = i;
    while (j <= lastSeen && p.points[j]!.kind !== 'detected') j++;
    const from = p.points[i]!.t;
    const to = p.points[j]!.t;
    out.push({ t: from, proposalId: p.proposalId, kind: 'lost', text: `${name}: the detectors lost it for ${secs(to - from)}; the box there is the tracker's prediction.` });
    i = j;
  }
  for (let i = firstSeen; i <= lastSeen; i++) {
    const q = p.points[i]!;
    if (q.kind !== 'detected' || q.score >= LOW_SCORE) continue;
    let j = i;
    let lowest = q.score;
    while (j + 1 <= lastSeen && p.points[j + 1]!.kind === 'detected' && p.points[j + 1]!.score < LOW_SCORE) lowest = Math.min(lowest, p.points[++j]!.score);
    out.push({ t: q.t, proposalId: p.proposalId, kind: 'low', text: `${name}: low detector confidence (${lowest.toFixed(2)}).` });
    i = j;
  }
  const seenUntil = p.points[lastSeen]!.t;
  if (duration - seenUntil > 0.5) out.push({ t: seenUntil, proposalId: p.proposalId, kind: 'ended', text: `${name}: last seen at ${secs(seenUntil)}, before the recording ends. Is the face still there?` });
  return out;
}

/** Every moment of the run's live proposals (not those merged or split away), in time order. */
export function reviewMoments(list: readonly ProposalInfo[], duration: number): ReviewMoment[] {
  return list
    .filter((p) => p.status !== 'replaced')
    .flatMap((p) => momentsOf(p, duration))
    .sort((a, b) => a.t - b.t || a.proposalId - b.proposalId);
}
