import type { RedactionRegion } from '../../../shared/domain/redactionPlan';

/**
 * The compiler's geometry: a region's fractional box becomes whole pixels that cover it, grown
 * by PAD_PX on every side (scaling and 4:2:0 chroma blur edges). Ellipses become a stack of
 * ELLIPSE_STRIPS boxes whose union covers the ellipse. The leak check has its own geometry.
 */

export const PAD_PX = 2;
export const ELLIPSE_STRIPS = 8;

export interface Frac {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PixBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Bounding box of several fractional boxes. */
export function unionFrac(boxes: readonly Frac[]): Frac {
  const x0 = Math.min(...boxes.map((b) => b.x));
  const y0 = Math.min(...boxes.map((b) => b.y));
  const x1 = Math.max(...boxes.map((b) => b.x + b.w));
  const y1 = Math.max(...boxes.map((b) => b.y + b.h));
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Whole pixels covering `f` plus the pad, clamped to the frame; never zero wide or high (drawbox fills the frame at w=0). */
export function toPixels(f: Frac, width: number, height: number): PixBox {
  const x0 = Math.max(0, Math.floor(f.x * width - 1e-9) - PAD_PX);
  const y0 = Math.max(0, Math.floor(f.y * height - 1e-9) - PAD_PX);
  const x1 = Math.min(width, Math.ceil((f.x + f.w) * width + 1e-9) + PAD_PX);
  const y1 = Math.min(height, Math.ceil((f.y + f.h) * height + 1e-9) + PAD_PX);
  const box = { x: x0, y: y0, w: Math.max(1, x1 - x0), h: Math.max(1, y1 - y0) };
  if (!(box.w >= 1 && box.h >= 1)) throw new Error('a redaction box must never be zero-sized');
  return box;
}

/** The pieces drawn for one region at one moment: one box for a rectangle, ELLIPSE_STRIPS for an ellipse. */
export function pieces(shape: RedactionRegion['shape'], f: Frac): Frac[] {
  if (shape === 'rect') return [f];
  const a = f.w / 2;
  const b = f.h / 2;
  const cx = f.x + a;
  const cy = f.y + b;
  const band = f.h / ELLIPSE_STRIPS;
  const out: Frac[] = [];
  for (let j = 0; j < ELLIPSE_STRIPS; j++) {
    const yA = f.y + j * band;
    const yB = yA + band;
    const nearest = yA <= cy && cy <= yB ? 0 : Math.min(Math.abs(yA - cy), Math.abs(yB - cy));
    const half = a * Math.sqrt(Math.max(0, 1 - (nearest / b) ** 2));
    out.push({ x: cx - half, y: yA, w: Math.max(half * 2, 1e-6), h: band });
  }
  return out;
}
