import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseCsv, writeCsv } from '../../../electron/core/ingest/sidecarCsv';

const fields = (text: string) => parseCsv(text).records.map((r) => r.fields);

describe('parseCsv (RFC 4180)', () => {
  test('BOM, CRLF, quoted commas, embedded line breaks and doubled quotes', () => {
    const text = '\uFEFFfile,notes\r\n"a,b.mp4","line one\r\nline ""two"""\r\nc.mp4,plain\r\n';
    const p = parseCsv(text);
    expect(p.problems).toEqual([]);
    expect(p.records).toEqual([
      { line: 1, fields: ['file', 'notes'] },
      { line: 2, fields: ['a,b.mp4', 'line one\r\nline "two"'] },
      { line: 4, fields: ['c.mp4', 'plain'] },
    ]);
  });

  test('LF and lone CR line ends; blank lines skipped; no trailing newline', () => {
    expect(fields('a,b\n\n1,2\r3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  test('empty fields and a trailing comma keep their places', () => {
    expect(fields(',x,\n""\n')).toEqual([['', 'x', ''], ['']]);
  });

  test('a stray quote, text after a closing quote, and an unclosed quote are reported by line', () => {
    const p = parseCsv('file,notes\nbad"name.mp4,x\n"ok.mp4","y"z\ngood.mp4,fine\n"never closed,\nstill\n');
    expect(p.records.map((r) => [r.line, r.fields[0]])).toEqual([[1, 'file'], [4, 'good.mp4']]);
    expect(p.problems.map((q) => q.line)).toEqual([2, 3, 5]);
    expect(p.problems[0]!.reason).toMatch(/inside a field/);
    expect(p.problems[1]!.reason).toMatch(/after a closing quote/);
    expect(p.problems[2]!.reason).toMatch(/never closed/);
  });

  test('line numbers count line breaks inside quoted fields', () => {
    const p = parseCsv('h\n"a\nb\nc"\nnext\n');
    expect(p.records.map((r) => r.line)).toEqual([1, 2, 5]);
  });

  test('writeCsv quotes only what needs it and uses CRLF', () => {
    expect(writeCsv([['a', 'b,c', 'd"e', 'f\ng'], ['']])).toBe('a,"b,c","d""e","f\ng"\r\n""\r\n');
  });
});

describe('parseCsv properties (fast-check)', () => {
  const nasty = fc.string({ unit: fc.constantFrom('a', 'é', '"', ',', '\r', '\n', ' ', '=', '\u2028', '\uFEFF', 'x') , maxLength: 60 });

  test('never throws, and every problem names a line inside the text', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const p = parseCsv(text);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const q of p.problems) expect(q.line).toBeGreaterThanOrEqual(1);
        for (const q of p.problems) expect(q.line).toBeLessThanOrEqual(lines);
        for (const r of p.records) expect(r.line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 2000 },
    );
  });

  test('parse → write → parse is stable', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        const once = fields(text);
        const again = parseCsv(writeCsv(once));
        expect(again.problems).toEqual([]);
        expect(again.records.map((r) => r.fields)).toEqual(once);
      }),
      { numRuns: 2000 },
    );
  });

  test('write → parse returns any table of strings unchanged', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '"', ',', '\r\n', '\n', '\r', ' ', 'ß', '\uFEFF'), maxLength: 8 });
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 6 });
    fc.assert(
      fc.property(table, (t) => {
        expect(fields(writeCsv(t))).toEqual(t);
      }),
      { numRuns: 1000 },
    );
  });
});
