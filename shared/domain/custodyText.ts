/**
 * Plain-language pieces the custody catalogue (custodyActions.ts) builds its sentences from, and
 * the flattening of an entry's details into labelled lines (never raw JSON) for the "Technical
 * details" part of the screen and of the reports.
 */

import { countOf } from '../plural';

export type Details = Record<string, unknown>;

const isRecord = (v: unknown): v is Details => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Text of a scalar detail, or null when it is absent or empty. */
export function str(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

export function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** "1 recording", "2 recordings" (shared/plural.ts). */
export const count = countOf;

/** "36,342 bytes (36.3 kB)": the exact size first, for the record. */
export function bytes(v: unknown): string | null {
  const n = num(v);
  if (n === null) return null;
  const exact = count(n, 'byte');
  if (n < 1000) return exact;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let x = n;
  let u = -1;
  while (x >= 1000 && u < units.length - 1) {
    x /= 1000;
    u++;
  }
  return `${exact} (${x.toFixed(1)} ${units[u]})`;
}

/** "4.0 seconds", "2 min 5.0 s". */
export function seconds(v: unknown): string | null {
  const n = num(v);
  if (n === null) return null;
  if (n < 60) return `${n.toFixed(1)} seconds`;
  const m = Math.floor(n / 60);
  return `${m} min ${(n - m * 60).toFixed(1)} s`;
}

/** "originalName" → "original name", "sha256" stays, "csvSha256" → "CSV SHA-256". */
export function humanKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/Sha256/g, ' SHA-256')
    .replace(/^sha256$/, 'SHA-256')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .map((w) => (/^(csv|pdf|iso|mfa|id|cad|url|utc)$/i.test(w) ? w.toUpperCase() : w === 'SHA-256' ? w : w.toLowerCase()));
  return words.join(' ');
}

/** A value as a reader sees it inline: yes/no, "(none)", lists joined. */
export function plainValue(v: unknown): string {
  if (v === null || v === undefined || v === '') return '(none)';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null)) return v.length ? v.map(plainValue).join(', ') : '(none)';
  return '(see technical details)';
}

/** Text a person typed, in quotes so the sentence around it stays readable; yes/no, numbers and "(none)" bare. */
function quotedValue(v: unknown): string {
  return typeof v === 'string' && v !== '' ? `"${v}"` : plainValue(v);
}

/** 'officer from (none) to "Ofc. Lane"; use of force from no to yes'. */
export function changeList(oldV: unknown, newV: unknown): string | null {
  if (!isRecord(oldV) || !isRecord(newV)) return null;
  const keys = [...new Set([...Object.keys(oldV), ...Object.keys(newV)])];
  const parts = keys
    .filter((k) => JSON.stringify(oldV[k]) !== JSON.stringify(newV[k]))
    .map((k) => `${humanKey(k)} from ${quotedValue(oldV[k])} to ${quotedValue(newV[k])}`);
  return parts.length ? parts.join('; ') : 'no field changed';
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** One line of technical details: the detail's key, a label path, its text, and whether it is a hash or a command line (both shown in a fixed-width font). */
export interface DetailLine {
  key: string;
  label: string;
  value: string;
  hash: boolean;
  command?: boolean;
}

/**
 * Every detail as labelled lines, nested objects as "probe > streams 1", command-line arrays
 * joined with spaces (as typed in a shell). Nothing is left out and nothing is JSON.
 */
export function flattenDetails(details: Details, commandKeys: readonly string[] = []): DetailLine[] {
  const out: DetailLine[] = [];
  const walk = (key: string, label: string, v: unknown): void => {
    if (Array.isArray(v)) {
      if (commandKeys.includes(key) && v.every((x) => typeof x === 'string')) {
        out.push({ key, label, value: (v as string[]).map((a) => (/[\s"'\\|;&<>()[\]]/.test(a) || a === '' ? `'${a.replace(/'/g, `'\\''`)}'` : a)).join(' '), hash: false, command: true });
      } else if (v.length === 0) {
        out.push({ key, label, value: '(none)', hash: false });
      } else if (v.every((x) => typeof x !== 'object' || x === null)) {
        if (v.every((x) => typeof x === 'string' && SHA256_HEX.test(x))) v.forEach((x, i) => out.push({ key, label: `${label} ${i + 1}`, value: x as string, hash: true }));
        else out.push({ key, label, value: v.map(plainValue).join(', '), hash: false });
      } else {
        v.forEach((x, i) => walk(key, `${label} ${i + 1}`, x));
      }
      return;
    }
    if (isRecord(v)) {
      const keys = Object.keys(v);
      if (!keys.length) out.push({ key, label, value: '(none)', hash: false });
      for (const k of keys) walk(key, `${label} > ${humanKey(k)}`, v[k]);
      return;
    }
    const text = plainValue(v);
    out.push({ key, label, value: text, hash: typeof v === 'string' && SHA256_HEX.test(v), ...(commandKeys.includes(key) && typeof v === 'string' ? { command: true } : {}) });
  };
  for (const [k, v] of Object.entries(details)) walk(k, humanKey(k), v);
  return out;
}
