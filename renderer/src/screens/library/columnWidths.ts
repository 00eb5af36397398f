/**
 * Column widths that fit what the columns hold. The table is virtualized (only the visible rows
 * exist), so the browser cannot size the columns from their content; instead the text of every
 * loaded row is measured once and each column is as wide as its widest text, between a floor
 * (its header) and a ceiling (beyond which the cell ends in "…" and its tooltip has the rest).
 * Widths only grow while the same query is shown, so scrolling never makes the columns jump back.
 */

export interface WidthRule {
  id: string;
  /** Fixed width in pixels (the thumbnail); the column is not measured. */
  fixedPx?: number;
  /** Never wider than this, in pixels; the tooltip shows the rest. */
  maxPx: number;
  /** Takes the space left over (the file name). */
  grow?: boolean;
}

/** Cell padding (0.6rem each side at the 14px root size) and a little room so the last letter is never clipped. */
export const CELL_EXTRA_PX = 2 * 0.6 * 14 + 6;

/** Widest text per column, in pixels, grown by newly measured texts; returns the same object when nothing grew. */
export function growWidths(current: Readonly<Record<string, number>>, measured: Iterable<readonly [string, number]>): Record<string, number> {
  let next: Record<string, number> | null = null;
  for (const [id, px] of measured) {
    const w = Math.ceil(px);
    if (w > ((next ?? current)[id] ?? 0)) {
      next ??= { ...current };
      next[id] = w;
    }
  }
  return next ?? (current as Record<string, number>);
}

/** The grid template for the header and every row: widest text plus padding, capped; the growing column takes what is left. */
export function gridTemplate(rules: readonly WidthRule[], widest: Readonly<Record<string, number>>): { template: string; minWidthPx: number } {
  let total = 0;
  const tracks = rules.map((r) => {
    const px = r.fixedPx ?? Math.min(r.maxPx, Math.ceil((widest[r.id] ?? 0) + CELL_EXTRA_PX));
    total += px;
    return r.grow ? `minmax(${px}px, 1fr)` : `${px}px`;
  });
  return { template: tracks.join(' '), minWidthPx: total };
}
