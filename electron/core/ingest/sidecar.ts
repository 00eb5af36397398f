import fs from 'node:fs';
import path from 'node:path';
import type { RecordingMeta } from '../../../shared/contract';
import { CustodianError } from '../../../shared/errors';
import { parseCsv } from './sidecarCsv';
import { FORBIDDEN_KEYS, JsonSyntaxError, jsonNumber, keyProblems, parseJsonNodes, type JsonNode } from './sidecarJson';
import { SIDECAR_COLUMNS, columnFor, rowToMeta, type RawField, type RawRow, type SidecarColumn, type SidecarProblem } from './sidecarFields';
import { fsFailure } from './fsErrors';
import { ownPathError, type OwnFiles } from '../store/ownFiles';

export { SIDECAR_COLUMNS, type SidecarProblem } from './sidecarFields';

/**
 * Sidecars: a CSV or JSON file of case metadata for the recordings in a batch, one row per
 * recording (see docs/sidecar.md). A bad row is reported by line and column and its file is
 * not ingested, so no metadata is ever guessed; a sidecar that cannot be read at all stops
 * the batch before anything is copied.
 */

export type SidecarFormat = 'csv' | 'json';

export interface SidecarRow {
  line: number;
  file: string;
  meta: Partial<RecordingMeta>;
}

/** A row that did not convert; when it names a file, that file is refused. */
export interface BadRow {
  line: number;
  file?: string;
  problems: SidecarProblem[];
}

export interface Sidecar {
  format: SidecarFormat;
  /** Rows that converted cleanly. */
  rows: SidecarRow[];
  badRows: BadRow[];
  /** Every problem found, in line order (including the bad rows'). */
  problems: SidecarProblem[];
}

const MAX_SIDECAR_BYTES = 16 * 1024 * 1024;
const MAX_ROWS = 100_000;

function unusable(reason: string, details: Record<string, unknown> = {}): CustodianError {
  return new CustodianError('BAD_INPUT', `The sidecar file cannot be used: ${reason} Nothing was added.`, details);
}

export function sidecarFormat(fileName: string, text: string): SidecarFormat {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.csv') return 'csv';
  return /^\uFEFF?\s*\[/.test(text) ? 'json' : 'csv';
}

/**
 * Reads a sidecar from disk: a regular file (no symlink, no FIFO), at most 16 MiB, UTF-8.
 * `timeZone` is the agency's time zone: a recorded_start written without an offset is read on
 * its clock (see recordedStart.ts and docs/sidecar.md).
 */
/**
 * `ownFiles`: the data folder's own files are refused (an error message quoting a "header"
 * would otherwise show a custodian the first line of a key file).
 */
export function readSidecar(file: string, timeZone: string, ownFiles?: OwnFiles): Sidecar {
  const abs = path.resolve(file);
  let st: fs.BigIntStats;
  try {
    st = fs.lstatSync(abs, { bigint: true });
  } catch (err) {
    throw fsFailure(err, 'the sidecar file');
  }
  const own = ownFiles ? ownPathError(ownFiles, abs, st, 'sidecar') : null;
  if (own) throw own;
  if (!st.isFile()) throw unusable('it is not an ordinary file (Custodian does not follow links or read devices).');
  if (st.size > MAX_SIDECAR_BYTES) throw unusable(`it is larger than ${MAX_SIDECAR_BYTES / 1024 / 1024} MB.`);
  let bytes: Buffer;
  try {
    bytes = readSameFile(abs, st);
  } catch (err) {
    throw fsFailure(err, 'the sidecar file');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw unusable('it is not UTF-8 text. Save it from your spreadsheet as "CSV UTF-8".');
  }
  return parseSidecarText(text, sidecarFormat(abs, text), timeZone);
}

/** Reads the file `lstat` saw, not whatever was swapped in at its name since (a link, another file). */
function readSameFile(abs: string, seen: fs.BigIntStats): Buffer {
  const flags = process.platform === 'win32' ? fs.constants.O_RDONLY : fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
  const fd = fs.openSync(abs, flags);
  try {
    const st = fs.fstatSync(fd, { bigint: true });
    if (!st.isFile() || st.dev !== seen.dev || st.ino !== seen.ino) throw unusable('it was replaced while it was being read. Try again.');
    return fs.readFileSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export function parseSidecarText(text: string, format: SidecarFormat, timeZone: string): Sidecar {
  return format === 'csv' ? parseCsvSidecar(text, timeZone) : parseJsonSidecar(text, timeZone);
}

function finishRows(raw: RawRow[], badRows: BadRow[], loose: SidecarProblem[], format: SidecarFormat, timeZone: string): Sidecar {
  if (raw.length + badRows.length > MAX_ROWS) throw unusable(`it has more than ${MAX_ROWS} rows.`);
  const rows: SidecarRow[] = [];
  for (const r of raw) {
    const { file, meta, problems } = rowToMeta(r, timeZone);
    if (file === null) {
      badRows.push({ line: r.line, problems: [{ line: r.line, column: 'file', reason: 'This row does not say which file it is for (the file column is empty).' }, ...problems] });
    } else if (problems.length > 0) {
      badRows.push({ line: r.line, file, problems: problems.map((p) => ({ ...p, file })) });
    } else {
      rows.push({ line: r.line, file, meta });
    }
  }
  badRows.sort((a, b) => a.line - b.line);
  const problems = [...loose, ...badRows.flatMap((b) => b.problems)].sort((a, b) => a.line - b.line);
  return { format, rows, badRows, problems };
}

function parseCsvSidecar(text: string, timeZone: string): Sidecar {
  const { records, problems: csvProblems } = parseCsv(text);
  const header = records[0];
  if (!header) throw unusable('it has no header row (the first line must name the columns, starting with file).');
  const firstCsvProblem = csvProblems[0];
  if (firstCsvProblem && firstCsvProblem.line < header.line) {
    throw unusable(`its header row cannot be read (line ${firstCsvProblem.line}: ${firstCsvProblem.reason})`);
  }
  const columns: SidecarColumn[] = [];
  header.fields.forEach((name) => {
    const col = columnFor(name);
    if (!col) throw unusable(`the header names a column Custodian does not know: "${name.slice(0, 60)}". The columns are: ${SIDECAR_COLUMNS.join(', ')}.`);
    if (columns.includes(col)) throw unusable(`the header names the column ${col} twice.`);
    columns.push(col);
  });
  if (!columns.includes('file')) throw unusable('the header has no file column.');

  // A record CSV could not read has no trustworthy fields, not even its file: reported only.
  const loose: SidecarProblem[] = csvProblems.map((p) => ({ line: p.line, column: null, reason: p.reason }));
  const badRows: BadRow[] = [];
  const raw: RawRow[] = [];
  const fileIndex = columns.indexOf('file');
  for (const rec of records.slice(1)) {
    const extra = rec.fields.slice(columns.length);
    if (rec.fields.length < columns.length || extra.some((f) => f.trim() !== '')) {
      const file = rec.fields[fileIndex]?.trim().normalize('NFC') || undefined;
      badRows.push({ line: rec.line, file, problems: [{ line: rec.line, column: null, reason: `This row has ${rec.fields.length} fields but the header has ${columns.length}.`, file }] });
      continue;
    }
    const fields = new Map<SidecarColumn, { raw: RawField; line: number }>();
    columns.forEach((col, i) => fields.set(col, { raw: { kind: 'text', text: rec.fields[i] ?? '' }, line: rec.line }));
    raw.push({ line: rec.line, fields });
  }
  return finishRows(raw, badRows, loose, 'csv', timeZone);
}

function toRawField(node: JsonNode): RawField | { problem: string } {
  switch (node.type) {
    case 'null':
      return { kind: 'absent' };
    case 'string':
      return { kind: 'text', text: node.value };
    case 'boolean':
      return { kind: 'bool', value: node.value };
    case 'number': {
      const n = jsonNumber(node.text);
      return n.ok ? { kind: 'text', text: node.text } : { problem: n.reason };
    }
    case 'array': {
      const items: string[] = [];
      for (const it of node.items) {
        if (it.type !== 'string') return { problem: 'A list here may hold only text values.' };
        items.push(it.value);
      }
      return { kind: 'list', items };
    }
    case 'object':
      return { problem: 'This must be a single value, not a group of values.' };
  }
}

function parseJsonSidecar(text: string, timeZone: string): Sidecar {
  let root: JsonNode;
  try {
    root = parseJsonNodes(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) throw unusable(`it is not valid JSON (line ${err.line}, position ${err.column}: ${err.reason})`, { line: err.line, column: err.column });
    throw err;
  }
  if (root.type !== 'array') throw unusable('a JSON sidecar must be a list ([ … ]) of entries, one per recording.');
  const loose: SidecarProblem[] = [];
  const badRows: BadRow[] = [];
  const raw: RawRow[] = [];
  for (const item of root.items) {
    if (item.type !== 'object') {
      loose.push({ line: item.line, column: null, reason: 'Each entry in the list must be an object ({ … }).' });
      continue;
    }
    const problems: SidecarProblem[] = [];
    const keyIssues = keyProblems(item.members);
    const fileMember = item.members.find((m) => m.key === 'file' && m.value.type === 'string');
    const fileValue = fileMember && fileMember.value.type === 'string' ? fileMember.value.value.trim().normalize('NFC') : undefined;
    if (keyIssues.length > 0) {
      for (const k of keyIssues) problems.push({ line: k.line, column: k.key.slice(0, 60), reason: k.reason, file: fileValue });
      badRows.push({ line: item.line, file: fileValue, problems });
      continue;
    }
    const fields = new Map<SidecarColumn, { raw: RawField; line: number }>();
    let bad = false;
    for (const m of item.members) {
      const col = FORBIDDEN_KEYS.has(m.key) ? null : columnFor(m.key);
      if (!col) {
        problems.push({ line: m.line, column: m.key.slice(0, 60), reason: `"${m.key.slice(0, 60)}" is not a sidecar column. The columns are: ${SIDECAR_COLUMNS.join(', ')}.`, file: fileValue });
        bad = true;
        continue;
      }
      if (fields.has(col)) {
        problems.push({ line: m.line, column: col, reason: `The column ${col} is given twice in this entry.`, file: fileValue });
        bad = true;
        continue;
      }
      const value = toRawField(m.value);
      if ('problem' in value) {
        problems.push({ line: m.value.line, column: col, reason: value.problem, file: fileValue });
        bad = true;
        continue;
      }
      fields.set(col, { raw: value, line: m.line });
    }
    if (bad) badRows.push({ line: item.line, file: fileValue, problems });
    else raw.push({ line: item.line, fields });
  }
  return finishRows(raw, badRows, loose, 'json', timeZone);
}

export interface SidecarTarget {
  path: string;
  relPath: string;
  name: string;
}

export interface SidecarMatch {
  /** By the source file's absolute path. */
  rowFor: Map<string, SidecarRow>;
  /** Files whose sidecar row has a problem: they are not ingested (metadata is not guessed). */
  refused: Map<string, SidecarProblem[]>;
  /** Every problem, including rows for files that are not in the batch. */
  problems: SidecarProblem[];
}

function pushTo<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/**
 * Pairs rows with the batch's files. A row's `file` is the path relative to the folder
 * that was added (e.g. `2024-03/clip.mp4`) or just the base name when only one file in the
 * batch has it. Matching is exact (after Unicode NFC); a "\" is read as "/".
 */
export function matchSidecar(sidecar: Sidecar, files: readonly SidecarTarget[]): SidecarMatch {
  const byRel = new Map<string, SidecarTarget[]>();
  const byName = new Map<string, SidecarTarget[]>();
  for (const f of files) {
    pushTo(byRel, f.relPath.normalize('NFC'), f);
    pushTo(byName, f.name.normalize('NFC'), f);
  }
  const problems: SidecarProblem[] = [];
  const refused = new Map<string, SidecarProblem[]>();
  const rowFor = new Map<string, SidecarRow>();
  const firstLineFor = new Map<string, number>();

  const resolve = (value: string, line: number): SidecarTarget | null => {
    const candidates = [value, value.replace(/\\/g, '/')].map((v) => v.replace(/^\.\//, ''));
    for (const v of candidates) {
      const rel = byRel.get(v);
      if (rel && rel.length === 1) return rel[0]!;
      if (rel && rel.length > 1) {
        problems.push({ line, column: 'file', reason: `Several files in this batch match "${value}"; add them in separate batches or rename one.`, file: value });
        return null;
      }
    }
    const named = byName.get(value);
    if (named && named.length === 1) return named[0]!;
    if (named && named.length > 1) {
      problems.push({ line, column: 'file', reason: `Several files in this batch are named "${value}"; give the path inside the folder instead (e.g. ${named[0]!.relPath}).`, file: value });
      return null;
    }
    problems.push({ line, column: 'file', reason: `No file in this batch is called "${value}".`, file: value });
    return null;
  };

  const claim = (target: SidecarTarget, line: number): boolean => {
    const first = firstLineFor.get(target.path);
    if (first !== undefined) {
      const p = { line, column: 'file', reason: `This file already has a row on line ${first}; give each file one row.`, file: target.relPath };
      problems.push(p);
      pushTo(refused, target.path, p);
      rowFor.delete(target.path);
      return false;
    }
    firstLineFor.set(target.path, line);
    return true;
  };

  problems.push(...sidecar.problems);
  // In line order, so "already has a row on line N" points backwards.
  const entries = [
    ...sidecar.rows.map((row) => ({ line: row.line, row, bad: null })),
    ...sidecar.badRows.map((bad) => ({ line: bad.line, row: null, bad })),
  ].sort((a, b) => a.line - b.line);
  for (const e of entries) {
    if (e.row) {
      const target = resolve(e.row.file, e.row.line);
      if (target && claim(target, e.row.line)) rowFor.set(target.path, e.row);
    } else if (e.bad && e.bad.file !== undefined) {
      const target = resolveQuietly(e.bad.file, byRel, byName);
      if (!target) continue;
      claim(target, e.bad.line);
      rowFor.delete(target.path);
      for (const p of e.bad.problems) pushTo(refused, target.path, p);
    }
  }
  problems.sort((a, b) => a.line - b.line);
  return { rowFor, refused, problems };
}

function resolveQuietly(value: string, byRel: Map<string, SidecarTarget[]>, byName: Map<string, SidecarTarget[]>): SidecarTarget | null {
  for (const v of [value, value.replace(/\\/g, '/')].map((x) => x.replace(/^\.\//, ''))) {
    const rel = byRel.get(v);
    if (rel && rel.length === 1) return rel[0]!;
  }
  const named = byName.get(value);
  return named && named.length === 1 ? named[0]! : null;
}
