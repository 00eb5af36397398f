import { localDateTimeAt } from '../../shared/domain/deadlines';

/**
 * Every screen shows and types times on the agency's wall clock (its time zone from the
 * deadline settings, see useAgencyTimeZone), whatever zone this workstation is set to. An
 * instant typed here goes to the core with its offset, e.g. 2026-11-20T10:00:00-05:00; an
 * instant shown carries the zone's abbreviation, e.g. "2026-11-03 14:05:09 EST", so a reader
 * never has to guess which clock it is on.
 */

function offsetMinutesAt(ms: number, timeZone: string): number {
  const { date, time } = localDateTimeAt(new Date(ms).toISOString(), timeZone);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - ms) / 60000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `date` YYYY-MM-DD and `time` HH:MM (or HH:MM:SS) on the agency's clock, as an instant with offset. */
export function agencyInstant(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  // Twice: the offset at the guessed instant can differ from the one at the real one (DST edges).
  let offset = offsetMinutesAt(wall, timeZone);
  offset = offsetMinutesAt(wall - offset * 60000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${pad(h)}:${pad(mi)}:${pad(s)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Now on the agency's clock: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function agencyNow(timeZone: string): { date: string; time: string } {
  const { date, time } = localDateTimeAt(new Date().toISOString(), timeZone);
  return { date, time: time.slice(0, 5) };
}

/** An instant shown on the agency's clock to the minute with its zone, "2026-11-20 10:04 EST" (the request desk's form). */
export function formatAgencyTime(iso: string, timeZone: string): string {
  return formatAgencyDateTime(iso, timeZone, 'minute');
}

const zoneNames = new Map<string, Intl.DateTimeFormat>();

/** The zone's short name at that instant in US English: "EST", "EDT", "CST"; "GMT+1" where none exists. */
export function zoneAbbreviation(ms: number, timeZone: string): string {
  let f = zoneNames.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    zoneNames.set(timeZone, f);
  }
  return f.formatToParts(new Date(ms)).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

export type TimePrecision = 'minute' | 'second' | 'millisecond';

/**
 * An instant on the agency's clock with the zone: "2026-11-03 14:05 EST" (minute),
 * "2026-11-03 14:05:09 EST" (second), "2026-11-03 14:05:09.123 EST" (millisecond). Nothing is
 * "—"; a value that is not an instant with Z or an offset is shown exactly as stored.
 */
export function formatAgencyDateTime(iso: string | null | undefined, timeZone: string, precision: TimePrecision = 'second'): string {
  if (!iso) return '—';
  try {
    const { date, time } = localDateTimeAt(iso, timeZone);
    const ms = Date.parse(iso);
    const clock =
      precision === 'minute' ? time.slice(0, 5) : precision === 'second' ? time : `${time}.${String(((ms % 1000) + 1000) % 1000).padStart(3, '0')}`;
    return `${date} ${clock} ${zoneAbbreviation(ms, timeZone)}`;
  } catch {
    return iso;
  }
}

/**
 * The agency-local calendar day of an instant, "2027-01-02": a retention date, a hold's end or
 * the day something was destroyed, as the agency's calendar has it (an instant late in the
 * evening is on the next UTC day). A value that is not an instant is shown as stored.
 */
export function formatAgencyDate(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  try {
    return localDateTimeAt(iso, timeZone).date;
  } catch {
    return iso;
  }
}

/** The same instant in UTC, as the custody log keeps it: "2026-11-03 19:05:09.123 UTC". */
export function formatUtcDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 23)} UTC`;
}

/** A stored instant as the agency wall-clock value a datetime-local input shows ("YYYY-MM-DDTHH:MM:SS"). */
export function toAgencyInput(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  try {
    const { date, time } = localDateTimeAt(iso, timeZone);
    return `${date}T${time}`;
  } catch {
    return '';
  }
}

/** A datetime-local value read on the agency's clock, as a UTC instant; null when empty or invalid. */
export function fromAgencyInput(value: string, timeZone: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(value);
  if (!m) return null;
  try {
    const ms = Date.parse(agencyInstant(m[1], m[2], timeZone));
    return Number.isNaN(ms) ? null : new Date(ms).toISOString();
  } catch {
    return null;
  }
}

/** A whole agency day (YYYY-MM-DD) as UTC instants: its first and its last millisecond. */
export function agencyDayBoundsUtc(date: string, timeZone: string): { start: string; end: string } {
  const start = Date.parse(agencyInstant(date, '00:00', timeZone));
  const [y, mo, d] = date.split('-').map(Number);
  const next = new Date(Date.UTC(y, mo - 1, d + 1)).toISOString().slice(0, 10);
  const end = Date.parse(agencyInstant(next, '00:00', timeZone)) - 1;
  return { start: new Date(start).toISOString(), end: new Date(end).toISOString() };
}
