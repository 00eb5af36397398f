import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  fullHeaders,
  parseRange,
  planMediaResponse,
  rangeHeaders,
  unsatisfiableHeaders,
} from '../../../electron/core/media/rangeResponse';

const SIZE = 1000;
const FIVE_GB = 5 * 1024 ** 3;

describe('parseRange', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=-5000', { start: 0, end: 999 }],
    ['bytes=990-5000', { start: 990, end: 999 }],
    ['bytes=999-999', { start: 999, end: 999 }],
    ['BYTES=0-0', { start: 0, end: 0 }],
    ['  bytes=0-1  ', { start: 0, end: 1 }],
  ])('%s is a single satisfiable range', (header, expected) => {
    expect(parseRange(header, SIZE)).toEqual(expected);
  });

  it.each([undefined, null, '', 'bytes=', 'bytes=-', 'bytes=abc-', 'items=0-1', 'bytes=5-3', 'bytes=0-1,5-9', 'bytes 0-1', 'bytes=0x10-'])(
    '%s is ignored (whole file)',
    (header) => {
      expect(parseRange(header, SIZE)).toBeNull();
    },
  );

  it.each(['bytes=1000-', 'bytes=1000-2000', 'bytes=-0', 'bytes=5000-'])('%s is unsatisfiable', (header) => {
    expect(parseRange(header, SIZE)).toBe('unsatisfiable');
  });

  it('treats every range of an empty file as unsatisfiable', () => {
    expect(parseRange('bytes=0-', 0)).toBe('unsatisfiable');
    expect(parseRange('bytes=-10', 0)).toBe('unsatisfiable');
    expect(parseRange(null, 0)).toBeNull();
  });

  it('handles offsets past 4 GB exactly', () => {
    expect(parseRange(`bytes=${FIVE_GB - 10}-`, FIVE_GB)).toEqual({ start: FIVE_GB - 10, end: FIVE_GB - 1 });
    expect(parseRange('bytes=4294967296-4294967297', FIVE_GB)).toEqual({ start: 4294967296, end: 4294967297 });
  });

  it('ignores numbers beyond exact integer precision instead of rounding them', () => {
    expect(parseRange('bytes=99999999999999999999-', SIZE)).toBeNull();
  });

  it('always returns a range inside the file', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.option(fc.nat(), { nil: undefined }),
        fc.option(fc.nat(), { nil: undefined }),
        (size, a, b) => {
          const header = `bytes=${a ?? ''}-${b ?? ''}`;
          const r = parseRange(header, size);
          if (r === null || r === 'unsatisfiable') return;
          expect(r.start).toBeGreaterThanOrEqual(0);
          expect(r.end).toBeLessThan(size);
          expect(r.start).toBeLessThanOrEqual(r.end);
        },
      ),
    );
  });
});

describe('headers', () => {
  it('describes a partial response', () => {
    expect(rangeHeaders({ start: 100, end: 199 }, SIZE, 'video/mp4')).toEqual({
      'Content-Type': 'video/mp4',
      'Accept-Ranges': 'bytes',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Length': '100',
      'Content-Range': 'bytes 100-199/1000',
    });
  });

  it('describes a whole file larger than 4 GB', () => {
    expect(fullHeaders(FIVE_GB, 'video/mp4')['Content-Length']).toBe('5368709120');
  });

  it('describes an unsatisfiable range', () => {
    expect(unsatisfiableHeaders(SIZE)).toMatchObject({ 'Content-Range': 'bytes */1000', 'Accept-Ranges': 'bytes' });
  });
});

describe('planMediaResponse', () => {
  const media = { size: SIZE, contentType: 'video/mp4' };

  it('sends the whole file as 200 without a Range header', () => {
    const plan = planMediaResponse(undefined, media);
    expect(plan.status).toBe(200);
    expect(plan.body).toEqual({ start: 0, end: 999 });
    expect(plan.headers['Accept-Ranges']).toBe('bytes');
  });

  it('sends 206 for a range', () => {
    const plan = planMediaResponse('bytes=10-19', media);
    expect(plan.status).toBe(206);
    expect(plan.body).toEqual({ start: 10, end: 19 });
    expect(plan.headers['Content-Range']).toBe('bytes 10-19/1000');
  });

  it('sends 416 with no body past the end', () => {
    const plan = planMediaResponse('bytes=2000-', media);
    expect(plan).toEqual({ status: 416, headers: unsatisfiableHeaders(SIZE), body: null });
  });

  it('sends an empty 200 for an empty file', () => {
    const plan = planMediaResponse(null, { size: 0, contentType: 'video/mp4' });
    expect(plan.status).toBe(200);
    expect(plan.body).toBeNull();
    expect(plan.headers['Content-Length']).toBe('0');
  });
});
