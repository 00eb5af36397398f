import type { Holiday } from './holidays';
import { addDays, isLocalDate, isWeekend, type LocalDate } from './localDate';

/**
 * The response clock of KRS 61.880(1): the custodian answers in writing "within five (5) days,
 * excepting Saturdays, Sundays, and legal holidays, after the receipt" of the request.
 *
 * Counting: a request is taken as received on its local receipt date, unless that day is not a
 * business day or the request arrived after closing time; then it is taken as received on the
 * next business day. Day 1 is the first business day after that; the answer is due at the end
 * of day 5. A request arriving before opening time counts from that same day, which can only
 * make the deadline earlier.
 *
 * Time zones and daylight saving: the one zone-dependent step is turning the receipt instant
 * into the agency's wall-clock date and time, which Intl does with the IANA rules in force at
 * that instant (16:45 EDT in October and 16:45 EST in November are both after a 16:30 close).
 * Everything after that is whole local dates; no wall-clock time is ever turned back into an
 * instant, so the skipped or repeated hour of a DST change cannot move a deadline.
 */

export const RESPONSE_BUSINESS_DAYS = 5;
export const DEFAULT_CLOSING_TIME = '16:30';
/** Good Friday: state offices close for the afternoon (KRS 18A.190(1)(c)). */
export const DEFAULT_HALF_DAY_CLOSING_TIME = '12:00';
export const DEFAULT_TIME_ZONE = 'America/New_York';

export interface DeadlineOptions {
  /** Agency closing time, 24-hour `HH:MM`, in `timeZone`. */
  closingTime?: string;
  /** Closing time on a `half-day` holiday. */
  halfDayClosingTime?: string;
  /** IANA zone of the agency, e.g. America/Chicago for western Kentucky. */
  timeZone?: string;
  holidays?: readonly Holiday[];
}

export type DeadlineStatus = 'due-today' | 'overdue' | 'upcoming';

function closedAllDay(date: LocalDate, holidays: readonly Holiday[]): boolean {
  // A closure entered on the same date as a half-day wins: the office is shut.
  return holidays.some((h) => h.date === date && h.kind !== 'half-day');
}

function isHalfDay(date: LocalDate, holidays: readonly Holiday[]): boolean {
  return holidays.some((h) => h.date === date && h.kind === 'half-day');
}

export function isBusinessDay(date: LocalDate, holidays: readonly Holiday[] = []): boolean {
  return !isWeekend(date) && !closedAllDay(date, holidays);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: LocalDate, holidays: readonly Holiday[] = []): LocalDate {
  let d = addDays(date, 1);
  while (!isBusinessDay(d, holidays)) d = addDays(d, 1);
  return d;
}

/** Moves `days` business days on (back when negative); 0 returns `date` unchanged. */
export function addBusinessDays(date: LocalDate, days: number, holidays: readonly Holiday[] = []): LocalDate {
  if (!Number.isInteger(days)) throw new RangeError(`Business days must be a whole number: ${days}`);
  const step = days < 0 ? -1 : 1;
  let d = date;
  for (let left = Math.abs(days); left > 0; ) {
    d = addDays(d, step);
    if (isBusinessDay(d, holidays)) left -= 1;
  }
  return d;
}

/**
 * Business days in (from, to]; negative, counting (to, from], when `to` is earlier. So
 * `addBusinessDays(from, businessDaysBetween(from, to))` is `to` whenever `to` is a business day.
 */
export function businessDaysBetween(from: LocalDate, to: LocalDate, holidays: readonly Holiday[] = []): number {
  if (to === from) return 0;
  const forward = to > from;
  const lo = forward ? from : to;
  const hi = forward ? to : from;
  let count = 0;
  for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) {
    if (isBusinessDay(d, holidays)) count += 1;
  }
  return forward ? count : -count;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

function minutesOf(time: string): number {
  const m = TIME.exec(time);
  if (!m) throw new RangeError(`Expected a 24-hour time HH:MM: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone, which is what a bad setting deserves.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalDateTime {
  date: LocalDate;
  /** Wall-clock time `HH:MM:SS`. */
  time: string;
}

/** The agency's wall-clock date and time at an instant. The instant must carry Z or an offset. */
export function localDateTimeAt(instantIso: string, timeZone: string = DEFAULT_TIME_ZONE): LocalDateTime {
  const ms = INSTANT.test(instantIso) ? Date.parse(instantIso) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Expected an ISO 8601 instant with Z or an offset: ${instantIso}`);
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}:${parts.second}` };
}

/** The business day the request counts as received on (see the module comment). */
export function effectiveReceiptDate(receivedAtIso: string, options: DeadlineOptions = {}): LocalDate {
  const holidays = options.holidays ?? [];
  const { date, time } = localDateTimeAt(receivedAtIso, options.timeZone ?? DEFAULT_TIME_ZONE);
  if (!isBusinessDay(date, holidays)) return nextBusinessDay(date, holidays);
  const closing = isHalfDay(date, holidays)
    ? (options.halfDayClosingTime ?? DEFAULT_HALF_DAY_CLOSING_TIME)
    : (options.closingTime ?? DEFAULT_CLOSING_TIME);
  const [h, m, s] = time.split(':').map(Number);
  // Strictly after: a request stamped exactly at closing time still counts that day.
  const afterClosing = h * 3600 + m * 60 + s > minutesOf(closing) * 60;
  return afterClosing ? nextBusinessDay(date, holidays) : date;
}

/** KRS 61.880(1): the local date by which the written response is due. */
export function responseDueDate(receivedAtIso: string, options: DeadlineOptions = {}): LocalDate {
  return addBusinessDays(effectiveReceiptDate(receivedAtIso, options), RESPONSE_BUSINESS_DAYS, options.holidays ?? []);
}

export function deadlineStatus(dueDate: LocalDate, todayLocalDate: LocalDate): DeadlineStatus {
  if (!isLocalDate(dueDate) || !isLocalDate(todayLocalDate)) {
    throw new RangeError(`Expected dates written YYYY-MM-DD: ${dueDate}, ${todayLocalDate}`);
  }
  if (todayLocalDate > dueDate) return 'overdue';
  return todayLocalDate === dueDate ? 'due-today' : 'upcoming';
}

export interface DelayNotice {
  originalDueDate: LocalDate;
  /** The earliest date the record will be available, as stated in the notice. */
  earliestAvailableDate: LocalDate;
  /** The date the notice was sent; it must go out within the original response period. */
  noticeDate?: LocalDate;
  /** The "detailed explanation of the cause" the statute requires. */
  explanation: string;
}

export type DelayRefusalCode =
  | 'INVALID_DATE'
  | 'NOT_AFTER_ORIGINAL'
  | 'NOT_BUSINESS_DAY'
  | 'NOTICE_LATE'
  | 'EXPLANATION_REQUIRED';

export type DelayResult = { ok: true; dueDate: LocalDate } | { ok: false; code: DelayRefusalCode; message: string };

/**
 * KRS 61.872(5): a record in active use or in storage may be delayed by a written notice with
 * a detailed explanation and the earliest date it will be available; that date becomes the new
 * due date. The request then carries a `delayed` flag; its workflow state does not change.
 */
export function delayedDueDate(notice: DelayNotice, holidays: readonly Holiday[] = []): DelayResult {
  const { originalDueDate, earliestAvailableDate, noticeDate } = notice;
  for (const d of [originalDueDate, earliestAvailableDate, ...(noticeDate === undefined ? [] : [noticeDate])]) {
    if (!isLocalDate(d)) return { ok: false, code: 'INVALID_DATE', message: `"${d}" is not a date written YYYY-MM-DD.` };
  }
  if (notice.explanation.trim() === '') {
    return {
      ok: false,
      code: 'EXPLANATION_REQUIRED',
      message: 'A delay notice needs a detailed explanation of why the record is not available (KRS 61.872(5)).',
    };
  }
  if (noticeDate !== undefined && noticeDate > originalDueDate) {
    return {
      ok: false,
      code: 'NOTICE_LATE',
      message: `The delay notice must be sent by the original due date, ${originalDueDate}.`,
    };
  }
  if (earliestAvailableDate <= originalDueDate) {
    return {
      ok: false,
      code: 'NOT_AFTER_ORIGINAL',
      message: `The earliest availability date must be after the original due date, ${originalDueDate}; otherwise no delay is needed.`,
    };
  }
  if (!isBusinessDay(earliestAvailableDate, holidays)) {
    return {
      ok: false,
      code: 'NOT_BUSINESS_DAY',
      message: `${earliestAvailableDate} is a weekend day or holiday; choose a day the office is open.`,
    };
  }
  return { ok: true, dueDate: earliestAvailableDate };
}
