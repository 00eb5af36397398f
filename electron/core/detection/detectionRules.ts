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

/**
 * The whole head around a blazeface face box (at FACE_BOX_SCALE 1.25): measured on the quality
 * clips, the head (hair and ears included) is 1.2–1.35× as wide as that box and 1.5–1.6× as tall,
 * its centre 0.37 box heights higher (docs/detection.md). Hair and the back of the head identify
 * a student too, so the proposal covers the head, not only the face: 1.35× as wide, from 0.65 box
 * heights above the box to its bottom (the chin).
 */
export function headOfFace(f: Box): Box | null {
  const w = f.w * 1.35;
  return clampBox({ x: f.x + f.w / 2 - w / 2, y: f.y - 0.65 * f.h, w, h: 1.65 * f.h });
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
 * Faces (as the whole head around them, headOfFace); a head for each person whose upper half holds no detected face; a screen
 * for each screen or document. `aspect` is frame width / height.
 */
export function classify(faces: readonly { box: Box; score: number }[], objects: readonly RawObject[], aspect: number, detectors: { face: string; object: string }): Detection[] {
  const out: Detection[] = [];
  for (const f of faces) {
    const box = headOfFace(f.box);
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

/** A rectangle in pixels. */
export interface PixelRect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Where the face detector looks on a frame of w × h pixels. Blazeface reads a 256 × 256 square:
 * a whole 16:9 frame is squeezed to 56 % of its width, and a profile face narrowed that much is
 * mostly not found (measured: 14 of 30 frames of a profile head against 29 of 30 on squares).
 * So besides the whole frame (which finds faces too big for a tile, or cut by a tile's edge), a
 * frame wider (taller) than 1.2 : 1 is also read as evenly spaced overlapping squares as tall
 * (wide) as the frame, which keep faces in proportion.
 */
export function faceTiles(w: number, h: number): PixelRect[] {
  const whole: PixelRect = { x: 0, y: 0, w, h };
  const long = Math.max(w, h);
  const side = Math.min(w, h);
  if (long < 1.2 * side) return [whole];
  const n = Math.ceil(long / side);
  const tiles: PixelRect[] = [whole];
  for (let i = 0; i < n; i++) {
    const at = Math.round((i * (long - side)) / (n - 1));
    tiles.push(w >= h ? { x: at, y: 0, w: side, h: side } : { x: 0, y: at, w: side, h: side });
  }
  return tiles;
}

/** A box found inside a tile (fractions of the tile) as fractions of the whole frame. */
export function fromTile(b: Box, tile: PixelRect, w: number, h: number): Box {
  return { x: (tile.x + b.x * tile.w) / w, y: (tile.y + b.y * tile.h) / h, w: (b.w * tile.w) / w, h: (b.h * tile.h) / h };
}

/** Faces found twice (on the whole frame and on a tile, or on two tiles): the higher score of each overlapping pair is kept. */
export function dedupeFaces<T extends { box: Box; score: number }>(faces: readonly T[], maxIou = 0.4): T[] {
  const kept: T[] = [];
  for (const f of [...faces].sort((a, b) => b.score - a.score)) if (!kept.some((k) => boxIou(k.box, f.box) > maxIou)) kept.push(f);
  return kept;
}

function boxIou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const uni = a.w * a.h + b.w * b.h - inter;
  return uni > 0 ? inter / uni : 0;
}
