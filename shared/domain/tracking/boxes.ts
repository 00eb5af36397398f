/** Box geometry shared by the tracker, the keyframe reducer and the quality scorer. */
import type { Box } from './types';

export function iou(a: Box, b: Box): number {
  const ix = Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x));
  const iy = Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));
  const inter = ix * iy;
  const uni = a.w * a.h + b.w * b.h - inter;
  return uni > 0 ? inter / uni : 0;
}

export function union(a: Box, b: Box): Box {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, w: Math.max(a.x + a.w, b.x + b.w) - x, h: Math.max(a.y + a.h, b.y + b.h) - y };
}

/** `pad` of the box's own width (height) added on each side. */
export function padBox(b: Box, pad: number): Box {
  return { x: b.x - b.w * pad, y: b.y - b.h * pad, w: b.w * (1 + 2 * pad), h: b.h * (1 + 2 * pad) };
}

/** Grow each edge outward by `d` (fractions of the frame). */
export function grow(b: Box, d: number): Box {
  return { x: b.x - d, y: b.y - d, w: b.w + 2 * d, h: b.h + 2 * d };
}

/** The part of the box inside the frame, or null when none of it is. */
export function clampBox(b: Box): Box | null {
  const x0 = Math.max(0, b.x);
  const y0 = Math.max(0, b.y);
  const x1 = Math.min(1, b.x + b.w);
  const y1 = Math.min(1, b.y + b.h);
  if (!(x1 - x0 > 1e-6 && y1 - y0 > 1e-6)) return null;
  return { x: x0, y: y0, w: x1 - x0, h: y1 - y0 };
}

/** Does `outer` cover `inner` (within `eps`)? */
export function covers(outer: Box, inner: Box, eps = 1e-9): boolean {
  return outer.x <= inner.x + eps && outer.y <= inner.y + eps && outer.x + outer.w >= inner.x + inner.w - eps && outer.y + outer.h >= inner.y + inner.h - eps;
}

/** Share of `inner`'s area that `outer` covers. */
export function coverage(outer: Box, inner: Box): number {
  const ix = Math.max(0, Math.min(outer.x + outer.w, inner.x + inner.w) - Math.max(outer.x, inner.x));
  const iy = Math.max(0, Math.min(outer.y + outer.h, inner.y + inner.h) - Math.max(outer.y, inner.y));
  const area = inner.w * inner.h;
  return area > 0 ? (ix * iy) / area : 0;
}

export function centerDistance(a: Box, b: Box): number {
  return Math.hypot(a.x + a.w / 2 - (b.x + b.w / 2), a.y + a.h / 2 - (b.y + b.h / 2));
}
