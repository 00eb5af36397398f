import type { Box, Detection } from '../../../shared/domain/tracking/types';

/**
 * Pure rules turning what the models report into the tracker's classes (face, head, screen).
 * Boxes are fractions (0–1) of the frame, as in the redaction plan.
 */

/** COCO labels (human/centernet) that are a screen or a document a viewer could read. */
export const SCREEN_LABELS: ReadonlySet<string> = new Set(['tv', 'laptop', 'cell phone', 'book']);

export function clampBox(b: Box): Box | null {
  const x = Math.max(0, Math.min(1, b.x));
  const y = Math.max(0, Math.min(1, b.y));
  const w = Math.min(1 - x, b.x + b.w - x);
  const h = Math.min(1 - y, b.y + b.h - y);
  return w > 0.002 && h > 0.002 ? { x, y, w, h } : null;
}

/**
 * Where the head of a person box is when no face is seen: centred at the top of the box, as
 * wide as half the person (never more than 45 % of the person's height, so a full-length
 * figure gets a head-sized box), a little taller than wide. `aspect` is frame width / height.
 */
export function headOfPerson(p: Box, aspect: number): Box | null {
  const wPx = p.w * aspect;
  const side = Math.min(wPx * 0.5, p.h * 0.45);
  const w = side / aspect;
  const h = Math.min(p.h, side * 1.15);
  return clampBox({ x: p.x + (p.w - w) / 2, y: p.y, w, h });
}

function centreInside(inner: Box, outer: Box): boolean {
  const cx = inner.x + inner.w / 2;
  const cy = inner.y + inner.h / 2;
  return cx >= outer.x && cx <= outer.x + outer.w && cy >= outer.y && cy <= outer.y + outer.h;
}

export interface RawObject {
  label: string;
  score: number;
  box: Box;
}

/**
 * Faces as they are; a head for each person whose upper half holds no detected face; a screen
 * for each screen or document. `aspect` is frame width / height.
 */
export function classify(faces: readonly { box: Box; score: number }[], objects: readonly RawObject[], aspect: number, detectors: { face: string; object: string }): Detection[] {
  const out: Detection[] = [];
  for (const f of faces) {
    const box = clampBox(f.box);
    if (box) out.push({ cls: 'face', box, score: f.score, detector: detectors.face });
  }
  for (const o of objects) {
    if (o.label === 'person') {
      const upper: Box = { x: o.box.x, y: o.box.y, w: o.box.w, h: o.box.h / 2 };
      if (faces.some((f) => centreInside(f.box, upper))) continue;
      const head = headOfPerson(o.box, aspect);
      if (head) out.push({ cls: 'head', box: head, score: o.score, detector: `${detectors.object}-person` });
    } else if (SCREEN_LABELS.has(o.label)) {
      const box = clampBox(o.box);
      if (box) out.push({ cls: 'screen', box, score: o.score, detector: `${detectors.object}-${o.label.replace(/\s+/g, '-')}` });
    }
  }
  return out;
}
