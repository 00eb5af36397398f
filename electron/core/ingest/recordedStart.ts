import { localDateTimeAt } from '../../../shared/domain/deadlines';

/**
 * The sidecar's recorded_start: ISO 8601 with an offset ("2024-03-05T14:03:00-05:00",
 * "…Z"), or a local wall-clock time ("2024-03-05 14:03[:SS]") read on the agency's clock: its
 * time zone setting (Settings → Deadline clock), never this machine's zone and never UTC. A
 * local time that does not exist there (the hour skipped when clocks go forward) or happens
 * twice (the hour repeated when they go back) is refused, not guessed: the custodian adds the
 * offset. The result is UTC ISO 8601, so recordings sort by the real instant.
 */

export type RecordedStart = { ok: true; iso: string } | { ok: false; reason: string };

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const FORMAT_HINT = "Write it as 2024-03-05T14:03:00-05:00 (with the offset from UTC) or 2024-03-05 14:03 (the agency's local time).";

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

interface Wall {
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

function checkWall(w: Wall): string | null {
  if (w.y < 1900) return `The year ${w.y} is not plausible for a recording.`;
  if (w.mo < 1 || w.mo > 12) return `There is no month ${w.mo}.`;
  if (w.d < 1 || w.d > daysIn(w.y, w.mo)) return `There is no day ${w.d} in that month.`;
  if (w.h > 23) return `The hour ${w.h} is not valid (0–23).`;
  if (w.mi > 59) return `The minute ${w.mi} is not valid (0–59).`;
  if (w.s > 59) return `The second ${w.s} is not valid (0–59).`;
  return null;
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** The wall clock in `timeZone` at instant `t` (to the second), as if it were UTC, in ms. */
function wallAt(t: number, timeZone: string): number {
  const { date, time } = localDateTimeAt(new Date(t).toISOString(), timeZone);
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi, s] = time.split(':').map(Number);
  return Date.UTC(y!, mo! - 1, d!, h!, mi!, s!);
}

function sameLocal(t: number, w: Wall, timeZone: string): boolean {
  const { date, time } = localDateTimeAt(new Date(t).toISOString(), timeZone);
  return date === `${pad(w.y, 4)}-${pad(w.mo)}-${pad(w.d)}` && time === `${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`;
}

/** The instants in `timeZone` (an IANA name) whose wall clock reads `w`: none (a gap), one, or two (a repeat). */
export function localInstants(w: Wall, timeZone: string): number[] {
  const wallAsUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);
  const offsets = new Set<number>();
  // Zone offsets change at most once within a day either side, so these cover every candidate.
  for (const delta of [-36, -12, 0, 12, 36]) {
    const t = Math.floor((wallAsUtc + delta * 3_600_000) / 1000) * 1000;
    offsets.add(wallAt(t, timeZone) - t);
  }
  const found = new Set<number>();
  for (const off of offsets) {
    const t = wallAsUtc - off;
    if (sameLocal(t, w, timeZone)) found.add(t);
  }
  return [...found].sort((a, b) => a - b);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** `timeZone`: the agency's time zone, the clock a time written without an offset is read on. */
export function parseRecordedStart(raw: string, timeZone: string): RecordedStart {
  const text = raw.trim();
  let m = WITH_OFFSET.exec(text);
  if (m) {
    const w: Wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: m[6] ? +m[6] : 0, ms: m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0 };
    const bad = checkWall(w);
    if (bad) return { ok: false, reason: bad };
    const zone = m[8]!;
    let offsetMin = 0;
    if (zone !== 'Z' && zone !== 'z') {
      const z = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone)!;
      const hh = +z[2]!;
      const mm = z[3] ? +z[3] : 0;
      if (hh > 18 || mm > 59) return { ok: false, reason: `The offset ${zone} is not a real offset from UTC.` };
      offsetMin = (z[1] === '-' ? -1 : 1) * (hh * 60 + mm);
    }
    const t = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms) - offsetMin * 60_000;
    return { ok: true, iso: new Date(t).toISOString() };
  }
  m = LOCAL.exec(text);
  if (m) {
    const w: Wall = { y: +m[1]!, mo: +m[2]!, d: +m[3]!, h: +m[4]!, mi: +m[5]!, s: m[6] ? +m[6] : 0, ms: 0 };
    const bad = checkWall(w);
    if (bad) return { ok: false, reason: bad };
    const instants = localInstants(w, timeZone);
    if (instants.length === 0) {
      return { ok: false, reason: `${text} does not exist in the agency's time zone, ${timeZone} (the clocks skipped that hour). Give the offset from UTC.` };
    }
    if (instants.length > 1) {
      const wallAsUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
      const choices = instants.map((t) => formatOffset((wallAsUtc - t) / 60_000)).join(' or ');
      return { ok: false, reason: `${text} happened twice in the agency's time zone, ${timeZone} (the clocks went back). Give the offset from UTC: ${choices}.` };
    }
    return { ok: true, iso: new Date(instants[0]!).toISOString() };
  }
  return { ok: false, reason: `"${text.slice(0, 60)}" is not a date and time Custodian can read. ${FORMAT_HINT}` };
}
