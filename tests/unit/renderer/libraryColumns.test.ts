import { describe, expect, it } from 'vitest';
import { CELL_EXTRA_PX, gridTemplate, growWidths } from '../../../renderer/src/screens/library/columnWidths';
import { formatClock } from '../../../renderer/src/components/video/timecode';

describe('library column widths', () => {
  it('grow to the widest text seen, never shrink, and keep the object when nothing grew', () => {
    const a = growWidths({}, [['incident', 40], ['incident', 90.2], ['school', 50]]);
    expect(a).toEqual({ incident: 91, school: 50 });
    expect(growWidths(a, [['incident', 60]])).toBe(a);
    expect(growWidths(a, [['incident', 120]])).toEqual({ incident: 120, school: 50 });
  });

  it('fit the widest text plus padding, capped; the growing column takes the rest', () => {
    const { template, minWidthPx } = gridTemplate(
      [
        { id: 'thumb', fixedPx: 80, maxPx: 80 },
        { id: 'incident', maxPx: 240 },
        { id: 'originalName', maxPx: 420, grow: true },
        { id: 'school', maxPx: 100 },
      ],
      { incident: 150, originalName: 200, school: 500 },
    );
    const fit = (n: number) => Math.ceil(n + CELL_EXTRA_PX);
    expect(template).toBe(`80px ${fit(150)}px minmax(${fit(200)}px, 1fr) 100px`);
    expect(minWidthPx).toBe(80 + fit(150) + fit(200) + 100);
  });
});

describe('player timecode', () => {
  it('is HH:MM:SS.mmm, the same shape before and after the hour', () => {
    expect(formatClock(0)).toBe('00:00:00.000');
    expect(formatClock(3.04)).toBe('00:00:03.040');
    expect(formatClock(61.5)).toBe('00:01:01.500');
    expect(formatClock(3600 + 2 * 60 + 3.007)).toBe('01:02:03.007');
    expect(formatClock(Number.NaN)).toBe('00:00:00.000');
  });
});
