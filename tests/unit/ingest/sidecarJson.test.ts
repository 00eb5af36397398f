import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { JsonSyntaxError, keyProblems, parseJsonNodes, parseJsonStrict } from '../../../electron/core/ingest/sidecarJson';

function syntaxError(text: string): JsonSyntaxError {
  try {
    parseJsonStrict(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) return err;
    throw err;
  }
  throw new Error('expected a JsonSyntaxError');
}

describe('strict JSON', () => {
  test('reads what JSON.parse reads, with line numbers', () => {
    const root = parseJsonNodes('[\n  {"a": 1,\n   "b": [true, null, "x"]}\n]');
    expect(root.type).toBe('array');
    if (root.type !== 'array') return;
    const obj = root.items[0]!;
    expect(obj.line).toBe(2);
    if (obj.type !== 'object') return;
    expect(obj.members.map((m) => [m.key, m.line])).toEqual([['a', 2], ['b', 3]]);
    expect(parseJsonStrict('{"s":"\\u00e9\\n\\"","n":-1.5e3}')).toEqual(Object.assign(Object.create(null), { s: 'é\n"', n: -1500 }));
  });

  test('syntax errors carry line and column', () => {
    const e = syntaxError('[\n {"a": 1,}\n]');
    expect([e.line, e.column]).toEqual([2, 10]);
    expect(syntaxError('[1, 2').line).toBe(1);
    expect(syntaxError('{"a":"x\ny"}').reason).toMatch(/line break/);
    expect(syntaxError('[01]').reason).toMatch(/comma/);
    expect(syntaxError('"\\x"').reason).toMatch(/not a JSON escape/);
  });

  test('refuses duplicate keys, __proto__/constructor/prototype and numbers beyond 2^53', () => {
    expect(syntaxError('{"a":1,\n"a":2}')).toMatchObject({ line: 2 });
    expect(syntaxError('{"__proto__":{"polluted":1}}').reason).toMatch(/__proto__/);
    expect(syntaxError('{"constructor":1}').reason).toMatch(/constructor/);
    expect(syntaxError('{"prototype":1}').reason).toMatch(/prototype/);
    expect(syntaxError('[9007199254740993]').reason).toMatch(/2\^53/);
    expect(syntaxError('[1e400]').reason).toMatch(/too large/);
    expect(parseJsonStrict('[9007199254740991, -9007199254740991, 0.5]')).toEqual([9007199254740991, -9007199254740991, 0.5]);
  });

  test('keyProblems lists every bad key with its line', () => {
    const root = parseJsonNodes('{"x":1,\n"__proto__":2,\n"x":3}');
    if (root.type !== 'object') throw new Error('object expected');
    expect(keyProblems(root.members).map((p) => [p.line, p.key])).toEqual([[2, '__proto__'], [3, 'x']]);
  });

  test('deep nesting is refused, not a stack overflow', () => {
    expect(syntaxError('['.repeat(10_000) + ']'.repeat(10_000)).reason).toMatch(/nested/);
  });
});

describe('strict JSON properties (fast-check)', () => {
  test('agrees with JSON.parse on well-formed JSON without duplicate or forbidden keys', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (v) => {
        const text = JSON.stringify(v, null, 1);
        let expected: unknown;
        try {
          expected = JSON.parse(text);
        } catch {
          return;
        }
        const hasForbidden = /"(__proto__|constructor|prototype)":/.test(text);
        const hasUnsafe = /\d{16,}|e\+?\d{2,}/i.test(text);
        if (hasForbidden || hasUnsafe) return;
        expect(JSON.stringify(parseJsonStrict(text))).toBe(JSON.stringify(expected));
      }),
      { numRuns: 1000 },
    );
  });

  test('never throws anything but JsonSyntaxError, and never pollutes Object.prototype', () => {
    const piece = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '__proto__', 'constructor', '"__proto__"', '1', '9007199254740993', 'true', 'null', '\\u0000', '\n', ' ', 'é');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }).map((a) => a.join('')), (text) => {
        try {
          parseJsonStrict(text);
        } catch (err) {
          expect(err).toBeInstanceOf(JsonSyntaxError);
          expect((err as JsonSyntaxError).line).toBeGreaterThanOrEqual(1);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        expect(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted')).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});
