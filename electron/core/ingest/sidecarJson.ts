/**
 * A strict JSON (RFC 8259) reader that keeps line numbers and every member of every object,
 * duplicates included, so the sidecar can report "line 12, column badge: …" and refuse
 * duplicate keys, `__proto__`/`constructor`/`prototype` keys and numbers beyond 2^53, which
 * `JSON.parse` would silently accept (the last duplicate wins; big numbers lose digits).
 * Nothing here assigns user-chosen keys to a JavaScript object.
 */

export type JsonNode =
  | { type: 'object'; line: number; members: JsonMember[] }
  | { type: 'array'; line: number; items: JsonNode[] }
  | { type: 'string'; line: number; value: string }
  | { type: 'number'; line: number; text: string }
  | { type: 'boolean'; line: number; value: boolean }
  | { type: 'null'; line: number };

export interface JsonMember {
  key: string;
  line: number;
  value: JsonNode;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`line ${line}, column ${column}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_DEPTH = 64;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Parses JSON text into nodes. Throws JsonSyntaxError (with line and column) on bad syntax. */
export function parseJsonNodes(input: string): JsonNode {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const fail = (reason: string): never => {
    throw new JsonSyntaxError(line, i - lineStart + 1, reason);
  };

  const skipSpace = (): void => {
    while (i < text.length) {
      const c = text[i];
      if (c === ' ' || c === '\t') i++;
      else if (c === '\n') { i++; line++; lineStart = i; }
      else if (c === '\r') { i += text[i + 1] === '\n' ? 2 : 1; line++; lineStart = i; }
      else break;
    }
  };

  const parseString = (): string => {
    // text[i] === '"'
    i++;
    let out = '';
    for (;;) {
      if (i >= text.length) fail('A text value is never closed with a quote (").');
      const c = text[i]!;
      const code = c.charCodeAt(0);
      if (c === '"') { i++; return out; }
      if (code < 0x20) fail('A line break or control character appears inside a quoted text; write it as \\n, \\t or \\u00XX.');
      if (c !== '\\') { out += c; i++; continue; }
      const e = text[i + 1];
      i += 2;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const hex = text.slice(i, i + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('A \\u escape needs four hexadecimal digits.');
          out += String.fromCharCode(parseInt(hex, 16));
          i += 4;
          break;
        }
        default:
          i -= 1;
          fail(`"\\${e ?? ''}" is not a JSON escape.`);
      }
    }
  };

  const parseValue = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) fail(`The data is nested more than ${MAX_DEPTH} levels deep.`);
    skipSpace();
    const at = line;
    const c = text[i];
    if (c === undefined) return fail('The file ends where a value was expected.');
    if (c === '{') {
      i++;
      const members: JsonMember[] = [];
      skipSpace();
      if (text[i] === '}') { i++; return { type: 'object', line: at, members }; }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail('A name in quotes (") was expected here.');
        const keyLine = line;
        const key = parseString();
        skipSpace();
        if (text[i] !== ':') fail('A colon (:) was expected after the name.');
        i++;
        const value = parseValue(depth + 1);
        members.push({ key, line: keyLine, value });
        skipSpace();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return { type: 'object', line: at, members }; }
        fail('A comma (,) or closing brace (}) was expected here.');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      skipSpace();
      if (text[i] === ']') { i++; return { type: 'array', line: at, items }; }
      for (;;) {
        items.push(parseValue(depth + 1));
        skipSpace();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return { type: 'array', line: at, items }; }
        fail('A comma (,) or closing bracket (]) was expected here.');
      }
    }
    if (c === '"') return { type: 'string', line: at, value: parseString() };
    if (text.startsWith('true', i)) { i += 4; return { type: 'boolean', line: at, value: true }; }
    if (text.startsWith('false', i)) { i += 5; return { type: 'boolean', line: at, value: false }; }
    if (text.startsWith('null', i)) { i += 4; return { type: 'null', line: at }; }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m && m[0].length > 0 && m[0] !== '-') {
      i += m[0].length;
      return { type: 'number', line: at, text: m[0] };
    }
    return fail('A value (text in quotes, a number, true, false, null, [ or {) was expected here.');
  };

  const root = parseValue(0);
  skipSpace();
  if (i < text.length) fail('There is more text after the end of the JSON data.');
  return root;
}

/**
 * A JSON number as a JavaScript number, refusing what would lose precision: integers beyond
 * ±(2^53 − 1) and values that overflow. Fractions are allowed.
 */
export function jsonNumber(text: string): { ok: true; value: number } | { ok: false; reason: string } {
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: `The number ${text} is too large.` };
  if (Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return { ok: false, reason: `The number ${text} is beyond 2^53 and cannot be kept exactly; write it as text in quotes.` };
  }
  return { ok: true, value };
}

/** A key problem in an object: a forbidden key, or the same key twice. */
export function keyProblems(members: readonly JsonMember[]): { line: number; key: string; reason: string }[] {
  const out: { line: number; key: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const m of members) {
    if (FORBIDDEN_KEYS.has(m.key)) {
      out.push({ line: m.line, key: m.key, reason: `"${m.key}" is not allowed as a name.` });
    } else if (seen.has(m.key)) {
      out.push({ line: m.line, key: m.key, reason: `"${m.key}" appears twice in the same entry.` });
    }
    seen.add(m.key);
  }
  return out;
}

export type PlainJson = null | boolean | number | string | PlainJson[] | { [key: string]: PlainJson };

/**
 * `JSON.parse` without its traps: duplicate keys, forbidden keys and unsafe numbers throw
 * JsonSyntaxError; objects have no prototype, so no key can reach Object.prototype.
 */
export function parseJsonStrict(text: string): PlainJson {
  const toPlain = (n: JsonNode): PlainJson => {
    switch (n.type) {
      case 'null': return null;
      case 'boolean': return n.value;
      case 'string': return n.value;
      case 'number': {
        const r = jsonNumber(n.text);
        if (!r.ok) throw new JsonSyntaxError(n.line, 0, r.reason);
        return r.value;
      }
      case 'array': return n.items.map(toPlain);
      case 'object': {
        const bad = keyProblems(n.members)[0];
        if (bad) throw new JsonSyntaxError(bad.line, 0, bad.reason);
        const obj = Object.create(null) as { [key: string]: PlainJson };
        for (const m of n.members) obj[m.key] = toPlain(m.value);
        return obj;
      }
    }
  };
  return toPlain(parseJsonNodes(text));
}
