import { ISO_DATE_HINT, parseIsoDate } from './isoDate';

/**
 * What a date typed into a live filter (one that applies as you type, like the Library's) means
 * for the filter. A date half typed must never reach the filter: "2026-11-2" on the way to
 * "2026-11-20" would otherwise filter by the 2nd for a moment. Pure, so it is tested without a
 * browser (tests/unit/renderer/filterDate.test.ts).
 *
 * - `apply`: put this date (yyyy-mm-dd, or '' for none) into the filter.
 * - `typing`: not finished yet; leave the filter as it is and say nothing.
 * - `problem`: it cannot become a date; leave the filter as it is and say why.
 */
export type FilterDateReading = { kind: 'apply'; date: string } | { kind: 'typing' } | { kind: 'problem'; problem: string };

/** On the way to yyyy-mm-dd or yyyymmdd (COMPLETE is read first, so these are not there yet). */
const PREFIX = /^(\d{0,8}|\d{4}-\d{0,2}|\d{4}-\d{1,2}-\d{0,2})$/;
const COMPLETE = /^(\d{4}-\d{2}-\d{2}|\d{8})$/;

/** `leaving`: the field lost focus, so what is there is all there will be (2026-1-5 is then read as 2026-01-05). */
export function readFilterDate(text: string, leaving: boolean): FilterDateReading {
  const t = text.trim();
  if (t === '') return { kind: 'apply', date: '' };
  if (leaving || COMPLETE.test(t)) {
    const r = parseIsoDate(t);
    return r.ok ? { kind: 'apply', date: r.date } : { kind: 'problem', problem: r.problem };
  }
  if (PREFIX.test(t)) return { kind: 'typing' };
  return { kind: 'problem', problem: `Write the date as ${ISO_DATE_HINT}, for example 2026-11-20.` };
}
