import { describe, expect, it } from 'vitest';
import { classify, dedupeFaces, faceTiles, fromTile, headOfFace, headOfPerson } from '../../../electron/core/detection/detectionRules';
import { packageDir, readModelArtifacts } from '../../../electron/core/detection/modelFiles';
import path from 'node:path';

const DET = { face: 'human/blazeface', object: 'human/centernet' };
const aspect = 16 / 9;

describe('detections → the tracker’s classes', () => {
  it('gives a standing person a head-sized box at the top, and a seated close-up a larger one', () => {
    const standing = headOfPerson({ x: 0.4, y: 0.1, w: 0.1, h: 0.8 }, aspect)!;
    expect(standing.y).toBeCloseTo(0.1);
    expect(standing.x + standing.w / 2).toBeCloseTo(0.45);
    // Half the person's width (in pixels): 0.05 of the frame wide, well under its 0.8 height.
    expect(standing.w).toBeCloseTo(0.05);
    expect(standing.h).toBeLessThan(0.2);
    const close = headOfPerson({ x: 0.2, y: 0.2, w: 0.4, h: 0.5 }, aspect)!;
    expect(close.w).toBeGreaterThan(standing.w);
    expect(close.y + close.h).toBeLessThanOrEqual(0.7);
  });

  it('adds a head only where no face is seen, and maps screens and documents to the screen class', () => {
    const person = { label: 'person', score: 0.6, box: { x: 0.1, y: 0.1, w: 0.2, h: 0.8 } };
    const other = { label: 'person', score: 0.5, box: { x: 0.6, y: 0.1, w: 0.2, h: 0.8 } };
    const face = { box: { x: 0.17, y: 0.12, w: 0.06, h: 0.1 }, score: 0.9 };
    const out = classify([face], [person, other, { label: 'cell phone', score: 0.4, box: { x: 0.5, y: 0.5, w: 0.05, h: 0.1 } }, { label: 'laptop', score: 0.4, box: { x: 0.8, y: 0.8, w: 0.3, h: 0.3 } }, { label: 'chair', score: 0.9, box: { x: 0, y: 0, w: 0.1, h: 0.1 } }], aspect, DET);
    expect(out.map((d) => [d.cls, d.detector])).toEqual([
      ['face', 'human/blazeface'],
      ['head', 'human/centernet-person'],
      ['screen', 'human/centernet-cell-phone'],
      ['screen', 'human/centernet-laptop'],
    ]);
    const head = out[1]!;
    expect(head.box.x).toBeGreaterThan(0.6);
    // Clamped inside the frame.
    const laptop = out[3]!;
    expect(laptop.box.x + laptop.box.w).toBeLessThanOrEqual(1);
    expect(laptop.box.y + laptop.box.h).toBeLessThanOrEqual(1);
  });

  it('reads a wide frame as the whole and as overlapping squares, and maps boxes back', () => {
    expect(faceTiles(640, 360)).toEqual([
      { x: 0, y: 0, w: 640, h: 360 },
      { x: 0, y: 0, w: 360, h: 360 },
      { x: 280, y: 0, w: 360, h: 360 },
    ]);
    // Portrait: squares down the frame; nearly square: the whole frame only.
    expect(faceTiles(360, 640).slice(1)).toEqual([
      { x: 0, y: 0, w: 360, h: 360 },
      { x: 0, y: 280, w: 360, h: 360 },
    ]);
    expect(faceTiles(400, 360)).toEqual([{ x: 0, y: 0, w: 400, h: 360 }]);
    // Every pixel of the frame is in some square.
    const tiles = faceTiles(1280, 360).slice(1);
    expect(tiles).toHaveLength(4);
    for (let x = 0; x < 1280; x += 7) expect(tiles.some((t) => x >= t.x && x < t.x + t.w)).toBe(true);
    const b = fromTile({ x: 0.5, y: 0.25, w: 0.1, h: 0.2 }, { x: 280, y: 0, w: 360, h: 360 }, 640, 360);
    expect(b.x).toBeCloseTo((280 + 180) / 640);
    expect(b.y).toBeCloseTo(0.25);
    expect(b.w).toBeCloseTo(36 / 640);
    expect(b.h).toBeCloseTo(0.2);
  });

  it('keeps one of a face found twice, and grows a face box to the whole head', () => {
    const kept = dedupeFaces([
      { box: { x: 0.1, y: 0.1, w: 0.1, h: 0.2 }, score: 0.5 },
      { box: { x: 0.11, y: 0.1, w: 0.1, h: 0.19 }, score: 0.9 },
      { box: { x: 0.5, y: 0.1, w: 0.1, h: 0.2 }, score: 0.4 },
    ]);
    expect(kept.map((k) => k.score)).toEqual([0.9, 0.4]);
    const head = headOfFace({ x: 0.4, y: 0.4, w: 0.1, h: 0.2 })!;
    expect(head.x + head.w / 2).toBeCloseTo(0.45);
    expect(head.w).toBeCloseTo(0.135);
    expect(head.y).toBeCloseTo(0.27);
    expect(head.y + head.h).toBeCloseTo(0.6);
    // Clamped inside the frame.
    expect(headOfFace({ x: 0, y: 0.02, w: 0.1, h: 0.2 })).toEqual({ x: 0, y: 0, w: expect.closeTo(0.1175, 6), h: expect.closeTo(0.22, 6) });
  });

  it('reads a shipped model and its weights from disk', () => {
    const a = readModelArtifacts(path.join(packageDir('@vladmandic/human'), 'models', 'blazeface.json')) as { weightData: ArrayBuffer; weightSpecs: unknown[] };
    expect(a.weightSpecs.length).toBeGreaterThan(10);
    expect(a.weightData.byteLength).toBeGreaterThan(100_000);
  });
});
