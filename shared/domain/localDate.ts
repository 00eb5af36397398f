// One module per function: the date-fns index loads every function it has (about 0.1 s).
import { addDays as addCalendarDays } from 'date-fns/addDays';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { getDay } from 'date-fns/getDay';
import { isValid } from 'date-fns/isValid';
import { z } from 'zod';

/**
 * A calendar date in the agency's own time zone, `YYYY-MM-DD`. Deadlines under KRS 61.880(1)
 * are counted in whole local days, so dates never carry a time or an offset.
 *
 * Internally a LocalDate becomes a Date at local midnight of the machine running the code; the
 * date-fns calendar functions used here move by calendar days (setDate), so a daylight-saving
 * change in the machine's zone can never push a result onto the wrong day.
 */
export type LocalDate = string;

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLocalDate(value: string): boolean {
  const m = LOCAL_DATE.exec(value);
  if (!m) return false;
  const date = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return isValid(date) && format(date, 'yyyy-MM-dd') === value;
}

export const localDateSchema = z.string().refine(isLocalDate, { message: 'Expected a real date written YYYY-MM-DD.' });

export function toDate(value: LocalDate): Date {
  const m = LOCAL_DATE.exec(value);
  if (!m || !isLocalDate(value)) throw new RangeError(`Not a date (YYYY-MM-DD): ${value}`);
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function fromDate(date: Date): LocalDate {
  return format(date, 'yyyy-MM-dd');
}

export function localDate(year: number, month: number, day: number): LocalDate {
  return fromDate(new Date(year, month - 1, day));
}

export function addDays(value: LocalDate, days: number): LocalDate {
  return fromDate(addCalendarDays(toDate(value), days));
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(value: LocalDate): number {
  return getDay(toDate(value));
}

export function isWeekend(value: LocalDate): boolean {
  const d = dayOfWeek(value);
  return d === 0 || d === 6;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return differenceInCalendarDays(toDate(to), toDate(from));
}
