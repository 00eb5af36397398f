/**
 * The standard quality scenario (test and bench): two real heads on a moving background.
 *   A: frontal, walks left to right while growing from small to large, turns to a (mirrored)
 *      profile at 45 % of the clip and later walks back;
 *   B: profile, drifts and shrinks, passes behind a bar for a while (partly hidden).
 * Sizes are fractions of the clip's height, so the same story plays at 640×360 or 1080p.
 */
import type { ClipSpec } from './compositeClip';
import type { sampleFaces } from './sampleFaces';

export function standardScenario(faces: ReturnType<typeof sampleFaces>, o: { seconds: number; width: number; height: number; fps: number }): ClipSpec {
  const S = o.seconds;
  const H = o.height;
  return {
    ...o,
    background: 'texture',
    actors: [
      {
        cutOut: faces.frontal,
        path: [
          { t: 0, cx: 0.15, cy: 0.35, heightPx: 0.09 * H },
          { t: 0.45 * S, cx: 0.5, cy: 0.45, heightPx: 0.22 * H },
          { t: 0.75 * S, cx: 0.7, cy: 0.4, heightPx: 0.3 * H },
          { t: S, cx: 0.35, cy: 0.3, heightPx: 0.15 * H },
        ],
        turn: { at: 0.45 * S, to: faces.profileMirrored, fade: Math.min(0.5, 0.1 * S) },
      },
      {
        cutOut: faces.profile,
        path: [
          { t: 0, cx: 0.8, cy: 0.7, heightPx: 0.25 * H },
          { t: 0.5 * S, cx: 0.6, cy: 0.75, heightPx: 0.14 * H },
          { t: S, cx: 0.85, cy: 0.65, heightPx: 0.1 * H },
        ],
      },
    ],
    // A bar that B passes behind (about a third of its head hidden), then one across A.
    occluders: [
      { box: { x: 0.66, y: 0.55, w: 0.05, h: 0.45 }, from: 0.2 * S, to: 0.4 * S },
      { box: { x: 0.55, y: 0.2, w: 0.04, h: 0.4 }, from: 0.55 * S, to: 0.7 * S },
    ],
  };
}
