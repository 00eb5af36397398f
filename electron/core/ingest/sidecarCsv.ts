/**
 * RFC 4180 CSV: an optional UTF-8 BOM, CRLF or LF line ends (a lone CR too, as old
 * spreadsheet exports write), quoted fields with embedded commas, line breaks and doubled
 * quotes. Strict: a quote inside an unquoted field, text after a closing quote and an
 * unclosed quote are reported with the line they are on, never repaired by guessing.
 */

export interface CsvRecord {
  /** 1-based line on which the record starts. */
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  reason: string;
}

export interface CsvParse {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/** Parses CSV text. Blank lines are skipped; a record with a problem is reported and left out. */
export function parseCsv(input: string): CsvParse {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const len = text.length;
  let i = 0;
  let line = 1;

  /** Skips to the end of the current physical line (after a problem outside quotes). */
  const skipLine = (): void => {
    while (i < len) {
      const c = text[i];
      if (c === '\n') { i++; line++; return; }
      if (c === '\r') { i += text[i + 1] === '\n' ? 2 : 1; line++; return; }
      i++;
    }
  };

  while (i < len) {
    const startLine = line;
    const fields: string[] = [];
    let problem: CsvProblem | null = null;
    let endOfRecord = false;
    let anyQuoted = false;
    while (!endOfRecord) {
      if (text[i] === '"') {
        // Quoted field.
        anyQuoted = true;
        i++;
        let value = '';
        let closed = false;
        while (i < len) {
          const c = text[i]!;
          if (c === '"') {
            if (text[i + 1] === '"') { value += '"'; i += 2; continue; }
            i++;
            closed = true;
            break;
          }
          if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
          value += c;
          i++;
        }
        if (!closed) {
          problem = { line: startLine, reason: 'A quoted field starting on this line is never closed with a quote (").' };
          endOfRecord = true;
          break;
        }
        fields.push(value);
        const after = text[i];
        if (after === ',') { i++; continue; }
        if (after === undefined) { endOfRecord = true; continue; }
        if (after === '\n') { i++; line++; endOfRecord = true; continue; }
        if (after === '\r') { i += text[i + 1] === '\n' ? 2 : 1; line++; endOfRecord = true; continue; }
        problem = { line, reason: 'There is text after a closing quote ("). Put the whole field in quotes and write a quote inside it as "".' };
        skipLine();
        endOfRecord = true;
      } else {
        // Unquoted field: up to the next comma or line end.
        let j = i;
        while (j < len) {
          const c = text[j];
          if (c === ',' || c === '\n' || c === '\r') break;
          if (c === '"') { problem = { line, reason: 'A quote (") appears inside a field that does not start with a quote. Put the whole field in quotes and write the quote as "".' }; break; }
          j++;
        }
        if (problem) {
          i = j;
          skipLine();
          endOfRecord = true;
          break;
        }
        fields.push(text.slice(i, j));
        i = j;
        const c = text[i];
        if (c === ',') { i++; if (i >= len) { fields.push(''); endOfRecord = true; } continue; }
        if (c === '\n') { i++; line++; }
        else if (c === '\r') { i += text[i + 1] === '\n' ? 2 : 1; line++; }
        endOfRecord = true;
      }
    }
    if (problem) {
      problems.push(problem);
      continue;
    }
    // A blank line is skipped; `""` on its own line is a record with one empty field.
    if (fields.length === 1 && fields[0] === '' && !anyQuoted) continue;
    records.push({ line: startLine, fields });
  }
  return { records, problems };
}

/** A leading U+FEFF is quoted too, or a reader would take it for the byte-order mark. */
function needsQuotes(field: string): boolean {
  return /[",\r\n]/.test(field) || field.startsWith('\uFEFF');
}

/** Writes records as RFC 4180 CSV with CRLF line ends; quotes only the fields that need it. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return rows
    .map((fields) => {
      if (fields.length === 1 && fields[0] === '') return '""';
      return fields.map((f) => (needsQuotes(f) ? `"${f.replace(/"/g, '""')}"` : f)).join(',');
    })
    .map((l) => `${l}\r\n`)
    .join('');
}
