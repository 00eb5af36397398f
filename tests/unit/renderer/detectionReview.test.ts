import { describe, expect, it } from 'vitest';
import type { ProposalInfo } from '../../../shared/contract';
import type { TrackPoint } from '../../../shared/domain/tracking/types';
import { proposalBoxAt, spanOf, undecidedFacesIn } from '../../../renderer/src/screens/studio/proposalView';
import { reviewMoments } from '../../../renderer/src/screens/studio/reviewMoments';

/** The studio's pure helpers for proposals: where a box is at a time, which faces a span takes, and the "Faces missed?" moments. */

const pt = (t: number, kind: TrackPoint['kind'] = 'detected', score = 0.9, x = 0.1): TrackPoint => ({ frame: Math.round(t * 15), t, box: { x, y: 0.2, w: 0.1, h: 0.1 }, score, kind });

function proposal(id: number, cls: ProposalInfo['cls'], points: TrackPoint[], status: ProposalInfo['status'] = 'proposed'): ProposalInfo {
  return { proposalId: id, runId: 1, trackId: `t${id}`, cls, detectors: ['human/blazeface'], confidence: 0.8, start: points[0]!.t, end: points[points.length - 1]!.t, points, status, decidedAt: null, decidedBy: null, planVersion: null, derivedFrom: null, replacedBy: null };
}

describe('proposalBoxAt', () => {
  const p = proposal(1, 'face', [pt(0, 'detected', 0.9, 0.1), pt(1, 'detected', 0.9, 0.3)]);
  it('interpolates between the points, as the accepted region will', () => {
    expect(proposalBoxAt(p, 0.5)!.x).toBeCloseTo(0.2, 6);
    expect(proposalBoxAt(p, 1)!.x).toBeCloseTo(0.3, 6);
  });
  it('shows nothing outside the track', () => {
    expect(proposalBoxAt(p, 1.2)).toBeNull();
    expect(proposalBoxAt(proposal(2, 'face', [pt(0.5)]), 0.2)).toBeNull();
  });
});

describe('accept every face in a span', () => {
  const list = [proposal(1, 'face', [pt(0), pt(1)]), proposal(2, 'face', [pt(2), pt(3)]), proposal(3, 'head', [pt(0), pt(3)]), proposal(4, 'face', [pt(0.5), pt(2.5)], 'rejected')];
  it('takes the in–out marks when both are set, else the whole recording', () => {
    expect(spanOf({ in: 1.5, out: 2.5 }, 10)).toEqual({ start: 1.5, end: 2.5, from: 'marks' });
    expect(spanOf({ in: 1.5, out: null }, 10)).toEqual({ start: 0, end: 10, from: 'recording' });
    expect(spanOf({ in: 3, out: 2 }, 10).from).toBe('recording');
  });
  it('takes undecided faces overlapping the span, never heads, screens or decided ones', () => {
    expect(undecidedFacesIn(list, spanOf({ in: 1.5, out: 2.5 }, 10)).map((p) => p.proposalId)).toEqual([2]);
    expect(undecidedFacesIn(list, spanOf({ in: null, out: null }, 10)).map((p) => p.proposalId)).toEqual([1, 2]);
  });
});

describe('faces missed?', () => {
  it('lists a detector gap, a low score, a head with no face and a track that ends early; not the lead-in or a replaced track', () => {
    const face = proposal(1, 'face', [pt(0, 'predicted', 0), pt(0.33), pt(0.67, 'predicted', 0.5), pt(1, 'predicted', 0.4), pt(1.33, 'detected', 0.42), pt(1.67), pt(2)]);
    const head = proposal(2, 'head', [pt(0), pt(4)]);
    const gone = proposal(3, 'face', [pt(0, 'detected', 0.2), pt(1, 'detected', 0.2)], 'replaced');
    const m = reviewMoments([face, head, gone], 4);
    expect(m.map((x) => [x.proposalId, x.kind, x.t])).toEqual([
      [2, 'no-face', 0],
      [1, 'lost', 0.67],
      [1, 'low', 1.33],
      [1, 'ended', 2],
    ]);
    expect(m[1]!.text).toContain('lost it for 0.7 s');
  });
  it('has nothing to say about a track seen well from start to end', () => {
    expect(reviewMoments([proposal(1, 'face', [pt(0), pt(2), pt(3.8)])], 4)).toEqual([]);
  });
});
