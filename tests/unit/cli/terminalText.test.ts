import { describe, expect, test } from 'vitest';
import { cell, jsonSafe, jsonTextSafe, terminalSafe } from '../../../electron/cli/terminalText';

/** Every code point a terminal may obey instead of show: \p{Cc}, \p{Cf}, U+2028, U+2029. */
const obeyed: number[] = [];
const shown: number[] = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const ch = String.fromCodePoint(cp);
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(ch)) obeyed.push(cp);
  else if (cp < 0x3000 || cp % 97 === 0) shown.push(cp);
}

describe('terminal text', () => {
  test('covers the classes named in the release gate', () => {
    for (const cp of [0x1b, 0x0d, 0x07, 0x7f, 0x85, 0x9b, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200b, 0x200e, 0x200f, 0xfeff, 0xe0001]) {
      expect(obeyed).toContain(cp);
    }
  });

  test('cell shows every such character as \\u{hex}, and nothing of it survives raw', () => {
    for (const cp of obeyed) {
      const out = cell(`a${String.fromCodePoint(cp)}b`);
      expect(out).toBe(`a\\u{${cp.toString(16)}}b`);
    }
  });

  test('terminalSafe keeps the layout newline and tab, shows the rest', () => {
    expect(terminalSafe('a\tb\nc\r\u001b[2Kd\u202e')).toBe('a\tb\nc\\u{d}\\u{1b}[2Kd\\u{202e}');
    for (const cp of obeyed) {
      if (cp === 0x0a || cp === 0x09) continue;
      expect(terminalSafe(String.fromCodePoint(cp))).toBe(`\\u{${cp.toString(16)}}`);
    }
  });

  test('leaves ordinary text alone (letters, marks, CJK, emoji without joiners)', () => {
    for (const cp of shown) {
      const ch = String.fromCodePoint(cp);
      expect(cell(ch)).toBe(ch);
    }
    expect(cell('José Ñúñez 山田 Ελένη 👮')).toBe('José Ñúñez 山田 Ελένη 👮');
  });

  test('jsonSafe parses back to the same value and holds no such character raw', () => {
    const all = obeyed.map((cp) => String.fromCodePoint(cp)).join('');
    const value = { s: `x${all}y`, nested: [all, { k: '\u2028\u2029' }] };
    for (const space of [undefined, 2]) {
      const text = jsonSafe(value, space);
      expect(JSON.parse(text)).toEqual(value);
      expect(text).not.toMatch(/[\u007f-\u009f\p{Cf}\u2028\u2029]/u);
    }
    expect(jsonTextSafe(JSON.stringify('\u2028'))).toBe('"\\u2028"');
    expect(jsonTextSafe(JSON.stringify('\u{e0041}'))).toBe('"\\udb40\\udc41"');
  });
});
