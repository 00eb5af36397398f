import { isLocalDate } from '../../shared/domain/localDate';

/**
 * Dates are typed and shown one way everywhere: ISO 8601, yyyy-mm-dd (2026-11-20), never the
 * browser's mm/dd/yyyy. Pure, so it is tested without a browser (tests/unit/renderer/isoDate.test.ts).
 */
export const ISO_DATE_HINT = 'yyyy-mm-dd';
/** For the input's `pattern`: what parseIsoDate accepts (it then rewrites it as yyyy-mm-dd). */
export const ISO_DATE_PATTERN = String.raw`\d{4}-\d{1,2}-\d{1,2}|\d{8}`;

export type IsoDateReading = { ok: true; date: string } | { ok: false; problem: string };

/**
 * Reads what a custodian typed. Accepts 2026-11-20, and the same with one-digit month or day
 * (2026-1-5) or without dashes (20261120), and gives back the one form, yyyy-mm-dd. Anything
 * else, or a day the calendar does not have (2026-02-30), is refused with a sentence saying why.
 */
export function parseIsoDate(text: string): IsoDateReading {
  const t = text.trim();
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, problem: `Write the date as ${ISO_DATE_HINT}, for example 2026-11-20.` };
  const date = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  if (!isLocalDate(date)) return { ok: false, problem: `${date} is not a date on the calendar. Write it as ${ISO_DATE_HINT}.` };
  return { ok: true, date };
}

/** The problem with a typed date, or null when it is empty (left to `required`) or a real date. */
export function isoDateProblem(text: string): string | null {
  if (text.trim() === '') return null;
  const r = parseIsoDate(text);
  return r.ok ? null : r.problem;
}
