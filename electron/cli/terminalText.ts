/**
 * Text from users (a requester's name, a file name, a note) reaches the terminal through here.
 * A terminal obeys control characters: `ESC [2K` then `\r` erases the line written so far
 * (say, the `[SCHOOL PERSONNEL]` tag), a bidirectional override reorders what follows, a C1
 * CSI (U+009B) starts an escape sequence on some terminals. So every control (\p{Cc}: C0, DEL,
 * C1) and format character (\p{Cf}: bidi embeddings, overrides and isolates, zero-width
 * characters, tag characters…) and the line and paragraph separators are shown as their code
 * point, `\u{1b}`, instead of being obeyed. Layout keeps only the newline and tab that the
 * CLI's own formatting writes between lines and columns.
 */

const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029]/gu;
/** What JSON.stringify leaves raw: DEL, C1, format characters, U+2028/2029 (it escapes C0 itself). */
const JSON_RAW = /[\u007f-\u009f\p{Cf}\u2028\u2029]/gu;

function escaped(ch: string): string {
  return `\\u{${ch.codePointAt(0)!.toString(16)}}`;
}

/** One value inside a line (a name, a path): nothing in it is obeyed, not even a newline or tab. */
export function cell(text: string): string {
  return text.replace(HIDDEN, escaped);
}

/** Whole human-readable output: the CLI's own newlines and tabs stay, every other control is shown. */
export function terminalSafe(text: string): string {
  return text.replace(HIDDEN, (ch) => (ch === '\n' || ch === '\t' ? ch : escaped(ch)));
}

/**
 * JSON text for --json. `JSON.stringify` escapes C0 controls but leaves DEL, C1 controls, bidi
 * and other format characters and U+2028/U+2029 raw. They are valid JSON either way, so they are
 * written as `\uXXXX` escapes: the parsed value is identical, and a terminal shown the JSON
 * obeys none of them. Outside strings JSON is ASCII, so every match is inside a string.
 */
export function jsonTextSafe(json: string): string {
  return json.replace(JSON_RAW, (ch) => [...Array(ch.length).keys()].map((i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}

export function jsonSafe(value: unknown, space?: number): string {
  return jsonTextSafe(JSON.stringify(value, null, space) ?? 'null');
}

/** Writes a line to stderr with user text made harmless (progress, warnings, errors). */
export function writeErr(text: string): void {
  process.stderr.write(terminalSafe(text.endsWith('\n') ? text : `${text}\n`));
}
