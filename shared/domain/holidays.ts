import { z } from 'zod';
import { HOLIDAY_KINDS } from './holidayKinds';
import { addDays, dayOfWeek, isWeekend, localDate, localDateSchema, type LocalDate } from './localDate';

/**
 * The agency's holiday table: data the agency edits (city closures too). The shipped files
 * resources/holidays/ky-YYYY.json are exactly `kentuckyStateHolidays(YYYY)`.
 *
 * Kinds, as the deadline clock reads them (KRS 61.880(1) excepts "Saturdays, Sundays, and
 * legal holidays"):
 * - `holiday`: offices closed all day; not a business day.
 * - `half-day`: Good Friday, closed only in the afternoon (KRS 18A.190(1)(c)). The office is
 *   open in the morning and can act on requests, so the day counts as a business day; a request
 *   received after the half-day closing time counts from the next business day.
 * - `closure`: a day the agency itself closes by official action (a city holiday, a declared
 *   emergency). Not a business day. Enter only closures the agency would defend as a legal
 *   holiday before the Attorney General.
 */
export { HOLIDAY_KINDS };
export const holidayKindSchema = z.enum(HOLIDAY_KINDS);
export type HolidayKind = z.infer<typeof holidayKindSchema>;

export const holidaySchema = z.object({
  date: localDateSchema,
  name: z.string().min(1),
  kind: holidayKindSchema,
});
export type Holiday = z.infer<typeof holidaySchema>;

export const holidayTableSchema = z.array(holidaySchema);

/** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return localDate(year, month, day);
}

/** The n-th given weekday (0 = Sunday) of a month; n = -1 for the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n > 0) {
    const first = localDate(year, month, 1);
    const offset = (weekday - dayOfWeek(first) + 7) % 7;
    return addDays(first, offset + (n - 1) * 7);
  }
  const last = addDays(localDate(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1), -1);
  return addDays(last, -((dayOfWeek(last) - weekday + 7) % 7));
}

interface Observed {
  date: LocalDate;
  /** -1: moved back from a Saturday, +1: moved on from a Sunday, 0: not moved. */
  shift: -1 | 0 | 1;
}

/** KRS 18A.190(2): Saturday → the preceding Friday, Sunday → the following Monday. */
function observe(date: LocalDate): Observed {
  const d = dayOfWeek(date);
  if (d === 6) return { date: addDays(date, -1), shift: -1 };
  if (d === 0) return { date: addDays(date, 1), shift: 1 };
  return { date, shift: 0 };
}

function label(name: string, o: Observed): string {
  return o.shift === 0 ? name : `${name} (observed)`;
}

/** Holidays fixed by statute; the Governor's extra days are placed around them afterwards. */
function statutoryHolidays(year: number): Holiday[] {
  const fixed = (name: string, month: number, day: number): Holiday => {
    const o = observe(localDate(year, month, day));
    return { date: o.date, name: label(name, o), kind: 'holiday' };
  };
  const list: Holiday[] = [
    fixed("New Year's Day", 1, 1),
    { date: nthWeekday(year, 1, 1, 3), name: 'Martin Luther King Jr. Day', kind: 'holiday' },
    { date: addDays(easterSunday(year), -2), name: 'Good Friday (afternoon)', kind: 'half-day' },
    { date: nthWeekday(year, 5, 1, -1), name: 'Memorial Day', kind: 'holiday' },
    fixed('Independence Day', 7, 4),
    { date: nthWeekday(year, 9, 1, 1), name: 'Labor Day', kind: 'holiday' },
    fixed('Veterans Day', 11, 11),
    { date: nthWeekday(year, 11, 4, 4), name: 'Thanksgiving Day', kind: 'holiday' },
    fixed('Christmas Day', 12, 25),
  ];
  // KRS 18A.190(1)(h) closes state offices on "presidential election day as required under
  // KRS 2.190", and KRS 2.190 names only the general election day of presidential years. The
  // May primary and the November general election of other years (KRS 118.025(3)-(4)) are
  // election days but not legal holidays (KRS 118.035 gives employees leave to vote instead),
  // so they are left out: shipping a day that is not a legal holiday would push KRS 61.880(1)
  // deadlines past the statutory five days. An agency that closes on them adds a closure.
  // Presidential elections are held every fourth year: the years divisible by four.
  if (year % 4 === 0) {
    list.push({ date: kentuckyElectionDays(year).general, name: 'Presidential Election Day', kind: 'holiday' });
  }
  return list;
}

/**
 * Kentucky's regular election days in `year` (KRS 118.025): the primary on the first Tuesday
 * after the third Monday in May, held every year (118.025(3)), and the regular (general)
 * election on the first Tuesday after the first Monday in November (118.025(4)). Only the
 * November one of a presidential year is a state holiday (KRS 2.190); the others are listed
 * here for the administrator's guide and for agencies that close on them by their own action.
 */
export function kentuckyElectionDays(year: number): { primary: LocalDate; general: LocalDate } {
  return {
    primary: addDays(nthWeekday(year, 5, 1, 3), 1),
    general: addDays(nthWeekday(year, 11, 1, 1), 1),
  };
}

/**
 * The Governor designates the extra day of KRS 18A.190(1)(a), (i) and (j); the executive
 * calendar uses New Year's Eve, the Friday after Thanksgiving and Christmas Eve. When the
 * extra day lands on a day already off, it moves one more weekday in the direction it was
 * shifted (back when unshifted), e.g. 2027: Christmas (Sat) is observed Fri 24 Dec, so
 * Christmas Eve is observed Thu 23 Dec.
 */
function placeExtraDay(name: string, actual: LocalDate, taken: Set<LocalDate>): Holiday {
  const o = observe(actual);
  const step = o.shift === 1 ? 1 : -1;
  let date = o.date;
  let moved = o.shift !== 0;
  while (taken.has(date) || isWeekend(date)) {
    date = addDays(date, step);
    moved = true;
  }
  taken.add(date);
  return { date, name: moved ? `${name} (observed)` : name, kind: 'holiday' };
}

/**
 * Kentucky state-office holidays observed in `year` (KRS 18A.190, KRS 2.190), sorted by date.
 * Includes days observed in `year` for a neighbouring year's holiday (e.g. New Year's Day
 * falling on a Saturday is observed on 31 December of the year before).
 */
export function kentuckyStateHolidays(year: number): Holiday[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9998) throw new RangeError(`Unsupported year: ${year}`);
  const all: Holiday[] = [];
  for (const y of [year - 1, year, year + 1]) all.push(...statutoryHolidays(y));
  const taken = new Set(all.map((h) => h.date));
  for (const y of [year - 1, year, year + 1]) {
    all.push({ date: addDays(nthWeekday(y, 11, 4, 4), 1), name: 'Day after Thanksgiving', kind: 'holiday' });
    all.push(placeExtraDay('Christmas Eve', localDate(y, 12, 24), taken));
    all.push(placeExtraDay("New Year's Eve", localDate(y, 12, 31), taken));
  }
  const prefix = `${String(year).padStart(4, '0')}-`;
  return all.filter((h) => h.date.startsWith(prefix)).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
