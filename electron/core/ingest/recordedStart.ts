/**
 * The sidecar's recorded_start: ISO 8601 with an offset ("2024-03-05T14:03:00-05:00",
 * "…Z"), or a local wall-clock time ("2024-03-05 14:03[:SS]") read in this workstation's
 * time zone. A local time that does not exist (the hour skipped when clocks go forward) or
 * happens twice (the hour repeated when they go back) is refused, not guessed: the custodian
 * adds the offset. The result is UTC ISO 8601, so recordings sort by the real instant.
 */

export type RecordedStart = { ok: true; iso: string } | { ok: false; reason: string };

const WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|z|[+-]\d{2}(?::?\d{2})?)$/;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

const FORMAT_HINT = 'Write it as 2024-03-05T14:03:00-05:00 (with the offset from UTC) or 2024-03-05 14:03 (local time).';

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

function sameLocal(t: number, w: Wall): boolean {
  const d = new Date(t);
  return d.getFullYear() === w.y && d.getMonth() + 1 === w.mo && d.getDate() === w.d && d.getHours() === w.h && d.getMinutes() === w.mi && d.getSeconds() === w.s;
}

/** The instants in this time zone whose wall clock reads `w`: none (a gap), one, or two (a repeat). */
export function localInstants(w: Wall): number[] {
  const wallAsUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s, w.ms);
  const offsets = new Set<number>();
  // Zone offsets change at most once within a day either side, so these cover every candidate.
  for (const delta of [-36, -12, 0, 12, 36]) offsets.add(new Date(wallAsUtc + delta * 3_600_000).getTimezoneOffset());
  const found = new Set<number>();
  for (const off of offsets) {
    const t = wallAsUtc + off * 60_000;
    if (sameLocal(t, w)) found.add(t);
  }
  return [...found].sort((a, b) => a - b);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function parseRecordedStart(raw: string): RecordedStart {
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
    const instants = localInstants(w);
    if (instants.length === 0) {
      return { ok: false, reason: `${text} does not exist in this workstation's time zone (the clocks skipped that hour). Give the offset from UTC.` };
    }
    if (instants.length > 1) {
      const wallAsUtc = Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s);
      const choices = instants.map((t) => formatOffset((wallAsUtc - t) / 60_000)).join(' or ');
      return { ok: false, reason: `${text} happened twice in this workstation's time zone (the clocks went back). Give the offset from UTC: ${choices}.` };
    }
    return { ok: true, iso: new Date(instants[0]!).toISOString() };
  }
  return { ok: false, reason: `"${text.slice(0, 60)}" is not a date and time Custodian can read. ${FORMAT_HINT}` };
}
