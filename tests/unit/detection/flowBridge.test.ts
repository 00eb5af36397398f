import { describe, expect, it } from 'vitest';
import { createFlowFrames, loadOpenCv } from '../../../electron/core/detection/flowBridge';
import { rng } from '../../helpers/syntheticDetections';

const W = 320;
const H = 180;

/** A grey frame with a textured square (random blocks) whose top-left corner is at (x, y) pixels. */
function frameWith(x: number, y: number, side: number, seed: number): Uint8Array {
  const rgb = new Uint8Array(W * H * 3).fill(90);
  const r = rng(seed);
  const blocks = Array.from({ length: 64 }, () => 40 + Math.floor(r() * 200));
  for (let j = 0; j < side; j++)
    for (let i = 0; i < side; i++) {
      const px = Math.round(x) + i;
      const py = Math.round(y) + j;
      if (px < 0 || py < 0 || px >= W || py >= H) continue;
      const v = blocks[Math.floor((j / side) * 8) * 8 + Math.floor((i / side) * 8)]!;
      rgb.set([v, v, v], (py * W + px) * 3);
    }
  return rgb;
}

describe('optical-flow bridge (OpenCV.js)', () => {
  it('loads without hanging, adds no process-wide error listeners, and follows a box that moved', async () => {
    const listeners = ['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e));
    const cv = await loadOpenCv();
    // Not a thenable: awaiting it again settles.
    expect(await Promise.race([loadOpenCv().then(() => 'settled'), new Promise((r) => setTimeout(() => r('hung'), 5000))])).toBe('settled');
    expect(['uncaughtException', 'unhandledRejection'].map((e) => process.listenerCount(e))).toEqual(listeners);
    const flow = createFlowFrames(cv);
    try {
      flow.add(0, frameWith(100, 60, 48, 7), W, H);
      flow.add(3, frameWith(106, 57, 48, 7), W, H);
      const box = { x: 100 / W, y: 60 / H, w: 48 / W, h: 48 / H };
      const moved = flow.bridge(0, 3, box);
      expect(moved).not.toBeNull();
      expect(moved!.x * W).toBeCloseTo(106, 0);
      expect(moved!.y * H).toBeCloseTo(57, 0);
      expect(moved!.w * W).toBeGreaterThan(44);
      expect(moved!.w * W).toBeLessThan(52);
      // Only the step between the last two frames added is answered.
      expect(flow.bridge(0, 6, box)).toBeNull();
      // A flat region has nothing to follow: no guess.
      expect(flow.bridge(0, 3, { x: 0.8, y: 0.7, w: 0.1, h: 0.15 })).toBeNull();
    } finally {
      flow.close();
    }
  });
});
