import { localDateTimeAt } from '../../../../shared/domain/deadlines';

/**
 * The request desk types dates and times on the agency's wall clock (its time zone from the
 * deadline settings), whatever zone this workstation is set to, and sends the core an instant
 * with its offset, e.g. 2026-11-20T10:00:00-05:00.
 */

function offsetMinutesAt(ms: number, timeZone: string): number {
  const { date, time } = localDateTimeAt(new Date(ms).toISOString(), timeZone);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return Math.round((Date.UTC(y, mo - 1, d, h, mi, s) - ms) / 60000);
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `date` YYYY-MM-DD and `time` HH:MM on the agency's clock, as an instant with offset. */
export function agencyInstant(date: string, time: string, timeZone: string): string {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = time.split(':').map(Number);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // Twice: the offset at the guessed instant can differ from the one at the real one (DST edges).
  let offset = offsetMinutesAt(wall, timeZone);
  offset = offsetMinutesAt(wall - offset * 60000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${pad(h)}:${pad(mi)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Now on the agency's clock: `{ date: 'YYYY-MM-DD', time: 'HH:MM' }`. */
export function agencyNow(timeZone: string): { date: string; time: string } {
  const { date, time } = localDateTimeAt(new Date().toISOString(), timeZone);
  return { date, time: time.slice(0, 5) };
}

/** An instant shown on the agency's clock, "2026-11-20 10:04". */
export function formatAgencyTime(iso: string, timeZone: string): string {
  try {
    const { date, time } = localDateTimeAt(iso, timeZone);
    return `${date} ${time.slice(0, 5)}`;
  } catch {
    return iso;
  }
}
