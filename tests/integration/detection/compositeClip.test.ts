import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { compositeClip, decodeFrames, type ClipSpec } from '../../helpers/compositeClip';
import { sampleFaces, sampleImageDir } from '../../helpers/sampleFaces';

const dir = sampleImageDir();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-composite-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Bounding box (pixels) of what is not the plain green background inside a window. */
function foreground(rgb: Uint8Array, width: number, win: { x0: number; y0: number; x1: number; y1: number }) {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let y = win.y0; y < win.y1; y++)
    for (let x = win.x0; x < win.x1; x++) {
      const i = (y * width + x) * 3;
      if (rgb[i]! > 70 || rgb[i + 2]! > 70 || Math.abs(rgb[i + 1]! - 176) > 50) {
        x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + 1); y1 = Math.max(y1, y + 1);
      }
    }
  return { x0, y0, x1, y1 };
}

describe.skipIf(!dir)('composite clip (real faces, known truth)', () => {
  it('puts each head where its truth box says, while it moves, scales and turns', async () => {
    const faces = sampleFaces(dir!);
    const spec: ClipSpec = {
      seconds: 2, width: 640, height: 360, fps: 15,
      actors: [
        { cutOut: faces.frontal, path: [{ t: 0, cx: 0.2, cy: 0.3, heightPx: 40 }, { t: 2, cx: 0.45, cy: 0.4, heightPx: 90 }], turn: { at: 0.8, to: faces.profileMirrored, fade: 0.4 } },
        { cutOut: faces.profile, path: [{ t: 0, cx: 0.8, cy: 0.7, heightPx: 80 }, { t: 1, cx: 0.7, cy: 0.6, heightPx: 60 }, { t: 2, cx: 0.85, cy: 0.75, heightPx: 50 }] },
      ],
      occluders: [{ box: { x: 0, y: 0, w: 0.1, h: 0.1 }, from: 1.5, to: 2 }],
    };
    const clip = await compositeClip(spec, work);
    expect(clip.truth).toHaveLength(30);
    expect(clip.truth[5]!.targets.map((t) => t.view)).toEqual(['frontal', 'profile']);
    expect(clip.truth[25]!.targets.map((t) => t.view)).toEqual(['profile', 'profile']);
    const check = [0, 7, 14, 22, 29];
    const frames = await decodeFrames(clip.path, 640, 360, check);
    for (const f of check) {
      for (const target of clip.truth[f]!.targets) {
        const b = { x0: Math.round(target.box.x * 640), y0: Math.round(target.box.y * 360), x1: Math.round((target.box.x + target.box.w) * 640), y1: Math.round((target.box.y + target.box.h) * 360) };
        const fg = foreground(frames.get(f)!, 640, { x0: Math.max(0, b.x0 - 12), y0: Math.max(0, b.y0 - 12), x1: Math.min(640, b.x1 + 12), y1: Math.min(360, b.y1 + 12) });
        for (const k of ['x0', 'y0', 'x1', 'y1'] as const) expect(Math.abs(fg[k] - b[k]), `frame ${f} actor ${target.actor} ${k}`).toBeLessThanOrEqual(3);
      }
    }
  });
});
