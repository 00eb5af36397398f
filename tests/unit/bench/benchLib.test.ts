import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The pure helpers of `npm run bench` (scripts/benchLib.js, issue 14): medians, percentiles,
 * reading a target, ok/over, the table. No timing is measured or asserted here.
 */

interface Row {
  name: string;
  value?: number;
  unit?: string;
  baselineName?: string;
  baseline?: number;
  target?: string;
  verdict?: string;
  notMeasured?: boolean;
  reason?: string;
}
interface BenchLib {
  median(xs: number[]): number;
  percentile(xs: number[], p: number): number;
  parseTarget(t: string): { kind: 'ratio' | 'limit'; op: '<' | '<=' | '>' | '>='; limit: number; unit?: string | null } | null;
  judge(value: number, unit: string, baseline: number, target: string): '' | 'ok' | 'over' | 'under';
  formatTable(rows: Row[]): string;
  markdownTable(rows: Row[]): string;
  createTable(print: (s: string) => void): {
    rows: Row[];
    row(name: string, value: number, unit: string, baselineName: string, baseline: number, target: string): Row;
    notMeasured(name: string, reason: string): Row;
  };
  inTurn(runs: number, sides: Record<string, () => Promise<number> | number>): Promise<Record<string, number[]>>;
}

const lib = createRequire(__filename)(path.resolve(__dirname, '../../../scripts/benchLib.js')) as BenchLib;

describe('median and percentile', () => {
  it('takes the middle of an odd count and the upper middle of an even one, whatever the order', () => {
    expect(lib.median([3, 1, 2])).toBe(2);
    expect(lib.median([0.5, 9, 0.1, 0.3])).toBe(0.5);
    expect(lib.median([7])).toBe(7);
    expect(lib.median([])).toBeNaN();
  });

  it('does not reorder the values it is given', () => {
    const xs = [3, 1, 2];
    lib.median(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('p95 of 1..100 is 95 (nearest rank), p50 is 50, p100 the largest', () => {
    const xs = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(lib.percentile(xs, 95)).toBe(95);
    expect(lib.percentile(xs, 50)).toBe(50);
    expect(lib.percentile(xs, 100)).toBe(100);
    expect(lib.percentile([4], 95)).toBe(4);
  });
});

describe('targets and ok/over', () => {
  it('reads ratio and unit targets, and leaves prose alone', () => {
    expect(lib.parseTarget('<= 1.2x baseline')).toEqual({ kind: 'ratio', op: '<=', limit: 1.2 });
    expect(lib.parseTarget('< 300 MB')).toEqual({ kind: 'limit', op: '<', limit: 300, unit: 'mb' });
    expect(lib.parseTarget('≤ 0.1 s')).toEqual({ kind: 'limit', op: '<=', limit: 0.1, unit: 's' });
    expect(lib.parseTarget('>= 99 %')).toEqual({ kind: 'limit', op: '>=', limit: 99, unit: '%' });
    expect(lib.parseTarget('<= 1 (60 s 1080p30, two free cores)')).toEqual({ kind: 'limit', op: '<=', limit: 1, unit: null });
    expect(lib.parseTarget('reported only')).toBeNull();
    expect(lib.parseTarget('-')).toBeNull();
  });

  it('judges a ratio against the baseline of the same run', () => {
    expect(lib.judge(2.4, 's', 2, '<= 1.2x baseline')).toBe('ok');
    expect(lib.judge(2.41, 's', 2, '<= 1.2x baseline')).toBe('over');
    expect(lib.judge(2, 's', 0, '<= 1.2x baseline')).toBe('');
  });

  it('converts units, and a strict limit is over at the limit itself', () => {
    expect(lib.judge(0.099, 's', 0, '<= 0.1 s')).toBe('ok');
    expect(lib.judge(120, 'ms', 0, '<= 0.1 s')).toBe('over');
    expect(lib.judge(19.9, 'ms', 0, '< 20 ms')).toBe('ok');
    expect(lib.judge(20, 'ms', 0, '< 20 ms')).toBe('over');
    expect(lib.judge(1.5, 's', 0, '< 2 s')).toBe('ok');
    expect(lib.judge(299, 'MB', 0, '< 300 MB')).toBe('ok');
    expect(lib.judge(Number.NaN, 'MB', 0, '< 300 MB')).toBe('');
    expect(lib.judge(1, 'widgets', 0, '< 2 s')).toBe('');
    expect(lib.judge(1, 's', 0, '< 3 parsecs')).toBe('');
  });

  it('judges a floor (>=) and a limit in the unit of the row itself', () => {
    expect(lib.judge(99.5, '%', 0, '>= 99 %')).toBe('ok');
    expect(lib.judge(98.9, '%', 0, '>= 99 %')).toBe('under');
    expect(lib.judge(3, 'fr', 0, '<= 3')).toBe('ok');
    expect(lib.judge(4, 'fr', 0, '<= 3')).toBe('over');
  });
});

describe('the table', () => {
  const rows: Row[] = [
    { name: 'custodian --help', value: 0.05, unit: 's', baselineName: 'node -e 0', baseline: 0.04, target: '<= 0.1 s', verdict: 'ok' },
    { name: 'ingest time (the whole command)', value: 3.5, unit: 's', baselineName: 'cp+sync FILE+openssl dgst', baseline: 2.07, target: '<= 1.2x baseline', verdict: 'over' },
    { name: 'detection', notMeasured: true, reason: 'no function exported yet' },
  ];

  it('aligns every column and shows the value, baseline, ratio, target and verdict', () => {
    const lines = lib.formatTable(rows).split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^figure\s+value\s+baseline \(same run\)\s+ratio\s+target\s+ok\/over$/);
    const targetCol = lines[0].indexOf('target');
    expect(lines[2].slice(targetCol)).toMatch(/^<= 0\.1 s\s+ok$/);
    expect(lines[3].slice(targetCol)).toMatch(/^<= 1\.2x baseline\s+over$/);
    expect(lines[3]).toContain('cp+sync FILE+openssl dgst: 2.070 s');
    expect(lines[3]).toContain('1.69x');
    expect(lines[4]).toContain('not measured');
    expect(lines[4]).toContain('no function exported yet');
  });

  it('writes Markdown with one row per figure and escapes pipes', () => {
    const md = lib.markdownTable([{ name: 'a | b', value: 1, unit: 's', baselineName: '-', baseline: 0, target: '-', verdict: '' }]).split('\n');
    expect(md).toHaveLength(3);
    expect(md[0]).toBe('| figure | value | baseline (same run) | ratio | target | ok/over |');
    expect(md[2]).toContain('a \\| b');
  });

  it('a run keeps each row with its verdict and prints it as it comes', () => {
    const printed: string[] = [];
    const t = lib.createTable((s) => printed.push(s));
    t.row('first page, p95', 25, 'ms', 'raw indexed SELECT', 0.1, '< 20 ms');
    t.notMeasured('browser', 'no Chromium at /nowhere\nstack…');
    expect(t.rows.map((r) => r.verdict ?? 'none')).toEqual(['over', 'none']);
    expect(printed[0]).toMatch(/first page, p95.*25\.000 ms.*over$/);
    expect(printed[1]).toBe('browser: not measured (no Chromium at /nowhere)');
  });
});

describe('runs of both sides in turn', () => {
  it('alternates which side goes first from round to round', async () => {
    const order: string[] = [];
    const out = await lib.inTurn(4, { a: () => (order.push('a'), 1), b: () => (order.push('b'), 2) });
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b', 'b', 'a']);
    expect(out).toEqual({ a: [1, 1, 1, 1], b: [2, 2, 2, 2] });
  });
});
