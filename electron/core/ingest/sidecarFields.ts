import { LOCATION_TYPES, MINOR_ROLES, recordingMetaSchema, type RecordingMeta } from '../../../shared/contract';
import { parseRecordedStart } from './recordedStart';

/** The sidecar's columns (CSV header names, JSON member names). */
export const SIDECAR_COLUMNS = [
  'file', 'officer', 'badge', 'school', 'incident', 'cad', 'recorded_start', 'location_type', 'minors_present',
  'minors', 'use_of_force', 'arrest', 'complaint', 'cjis_screen', 'categories', 'notes',
] as const;
export type SidecarColumn = (typeof SIDECAR_COLUMNS)[number];

export interface SidecarProblem {
  /** 1-based line in the sidecar file. */
  line: number;
  /** The column (CSV) or member name (JSON), when the problem is in one. */
  column: string | null;
  reason: string;
  /** The row's `file` value, when it has one. */
  file?: string;
}

/** A field's value before conversion: CSV gives text; JSON may give a boolean or a list too. */
export type RawField = { kind: 'text'; text: string } | { kind: 'bool'; value: boolean } | { kind: 'list'; items: string[] } | { kind: 'absent' };

export interface RawRow {
  line: number;
  fields: Map<SidecarColumn, { raw: RawField; line: number }>;
}

const BY_LOOSE_NAME = new Map<string, SidecarColumn>(SIDECAR_COLUMNS.map((c) => [c.replace(/_/g, ''), c]));

/** "Recorded Start", "recorded-start", "recordedStart" → recorded_start; null if it is not a column. */
export function columnFor(header: string): SidecarColumn | null {
  return BY_LOOSE_NAME.get(header.normalize('NFKC').toLowerCase().replace(/[^a-z0-9]/g, '')) ?? null;
}

const TEXT_FIELDS = { officer: 'officer', badge: 'badge', school: 'school', incident: 'incident', cad: 'cad', notes: 'notes' } as const;
const BOOL_FIELDS = { minors_present: 'minorsPresent', use_of_force: 'useOfForce', arrest: 'arrest', complaint: 'complaint', cjis_screen: 'cjisScreen' } as const;
const COLUMN_OF_KEY: Record<keyof RecordingMeta, SidecarColumn> = {
  officer: 'officer', badge: 'badge', school: 'school', incident: 'incident', cad: 'cad', recordedStart: 'recorded_start',
  locationType: 'location_type', minorsPresent: 'minors_present', minors: 'minors', useOfForce: 'use_of_force', arrest: 'arrest',
  complaint: 'complaint', cjisScreen: 'cjis_screen', categories: 'categories', notes: 'notes',
};

const YES = new Set(['yes', 'true', '1']);
const NO = new Set(['no', 'false', '0']);

function asText(raw: RawField): string | null {
  return raw.kind === 'text' ? raw.text : null;
}

function asList(raw: RawField): string[] | null {
  if (raw.kind === 'list') return raw.items.map((s) => s.trim()).filter((s) => s !== '');
  if (raw.kind === 'text') return raw.text.split(';').map((s) => s.trim()).filter((s) => s !== '');
  return null;
}

/**
 * Converts one row's raw fields into metadata. An empty field means "not given" (the batch's
 * value, if any, applies). Every problem names its line and column; a field with a problem is
 * left out rather than guessed, and the caller refuses the row. A recorded_start without an
 * offset is read on the agency's clock, `timeZone`.
 */
export function rowToMeta(row: RawRow, timeZone: string): { file: string | null; meta: Partial<RecordingMeta>; problems: SidecarProblem[] } {
  const problems: SidecarProblem[] = [];
  const meta: Partial<RecordingMeta> = {};
  let file: string | null = null;
  const problem = (column: SidecarColumn, line: number, reason: string) => problems.push({ line, column, reason });

  for (const [column, { raw, line }] of row.fields) {
    if (raw.kind === 'absent' || (raw.kind === 'text' && raw.text.trim() === '')) continue;
    if (column === 'file') {
      const t = asText(raw);
      if (t === null) problem(column, line, 'The file name must be text.');
      else file = t.trim().normalize('NFC');
    } else if (column in TEXT_FIELDS) {
      const t = asText(raw);
      if (t === null) problem(column, line, 'This must be text.');
      else meta[TEXT_FIELDS[column as keyof typeof TEXT_FIELDS]] = t.trim();
    } else if (column in BOOL_FIELDS) {
      const key = BOOL_FIELDS[column as keyof typeof BOOL_FIELDS];
      if (raw.kind === 'bool') meta[key] = raw.value;
      else {
        const t = asText(raw)?.trim().toLowerCase() ?? '';
        if (YES.has(t)) meta[key] = true;
        else if (NO.has(t)) meta[key] = false;
        else problem(column, line, `"${shorten(asText(raw) ?? '')}" is not yes or no (write yes, no, true, false, 1 or 0).`);
      }
    } else if (column === 'recorded_start') {
      const t = asText(raw);
      if (t === null) problem(column, line, 'The start time must be text.');
      else {
        const r = parseRecordedStart(t, timeZone);
        if (r.ok) meta.recordedStart = r.iso;
        else problem(column, line, r.reason);
      }
    } else if (column === 'location_type') {
      const t = asText(raw)?.trim().toLowerCase();
      const found = LOCATION_TYPES.find((l) => l === t);
      if (found) meta.locationType = found;
      else problem(column, line, `"${shorten(asText(raw) ?? '')}" is not a location type (one of: ${LOCATION_TYPES.join(', ')}).`);
    } else if (column === 'minors') {
      const items = asList(raw);
      if (items === null) problem(column, line, 'List the minors’ roles separated by ";" (e.g. victim;witness).');
      else {
        const minors: RecordingMeta['minors'] = [];
        for (const item of items) {
          const role = MINOR_ROLES.find((r) => r === item.toLowerCase());
          if (role) minors.push({ role });
          else problem(column, line, `"${shorten(item)}" is not a role for a minor (one of: ${MINOR_ROLES.join(', ')}).`);
        }
        meta.minors = minors;
      }
    } else if (column === 'categories') {
      const items = asList(raw);
      if (items === null) problem(column, line, 'List the categories separated by ";".');
      else meta.categories = [...new Set(items)];
    }
  }

  if (meta.minors && meta.minors.length > 0) {
    if (meta.minorsPresent === false) {
      const line = row.fields.get('minors_present')?.line ?? row.line;
      problem('minors_present', line, 'This says no minors are present, but the minors column lists some.');
    } else {
      // Listing minors says they are present; that is read, not guessed.
      meta.minorsPresent = true;
    }
  }

  const checked = recordingMetaSchema.partial().safeParse(meta);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const key = issue.path[0] as keyof RecordingMeta | undefined;
      const column = key !== undefined ? COLUMN_OF_KEY[key] : null;
      const line = (column && row.fields.get(column)?.line) ?? row.line;
      problems.push({ line, column, reason: describeIssue(issue.code, issue.message) });
    }
  }
  return { file, meta, problems };
}

function describeIssue(code: string, message: string): string {
  if (code === 'too_big') return `This is too long or has too many entries (${message}).`;
  return message;
}

function shorten(s: string): string {
  const clean = [...s].map((ch) => (ch.charCodeAt(0) < 0x20 ? ' ' : ch)).join('');
  return clean.length > 40 ? `${clean.slice(0, 40)}…` : clean;
}
