/**
 * Times of day are typed and shown one way everywhere: the 24-hour clock, HH:MM (14:30), never
 * the browser's time widget, which shows AM/PM or not depending on the workstation's locale.
 * Pure, so it is tested without a browser (tests/unit/renderer/isoTime.test.ts).
 */
export const TIME_HINT = '24-hour HH:MM, e.g. 14:30';
export const TIME_SECONDS_HINT = '24-hour HH:MM:SS, seconds optional';

export type TimeReading = { ok: true; time: string } | { ok: false; problem: string };

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Reads a typed time: 14:30, 9:05 or 0905 (and 14:30:05 when `seconds`), giving back HH:MM
 * (HH:MM:SS when `seconds`, with :00 added when they were left out). A time written with AM or
 * PM is refused with its 24-hour form, so nobody has to guess which clock a field uses.
 */
export function parseTime(text: string, seconds = false): TimeReading {
  const t = text.trim();
  const want = seconds ? 'HH:MM:SS' : 'HH:MM';
  const ampm = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?\s*([ap])\.?\s*m?\.?$/i.exec(t);
  if (ampm) {
    const h12 = Number(ampm[1]);
    const mi = Number(ampm[2] ?? '0');
    if (h12 >= 1 && h12 <= 12 && mi < 60) {
      const h = (h12 % 12) + (ampm[4].toLowerCase() === 'p' ? 12 : 0);
      const said = `${h12}:${pad(mi)} ${ampm[4].toUpperCase()}M`;
      return { ok: false, problem: `Use the 24-hour clock: ${said} is ${pad(h)}:${pad(mi)}.` };
    }
  }
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, problem: `Write the time on the 24-hour clock as ${want}, for example ${seconds ? '14:30:05' : '14:30'}.` };
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? '0')];
  if (m[3] !== undefined && !seconds) return { ok: false, problem: `Write the time as ${want}, without seconds, for example 14:30.` };
  if (h > 23 || mi > 59 || s > 59) return { ok: false, problem: `${t} is not a time of day. Write it on the 24-hour clock as ${want}, from 00:00 to 23:59.` };
  return { ok: true, time: seconds ? `${pad(h)}:${pad(mi)}:${pad(s)}` : `${pad(h)}:${pad(mi)}` };
}

/** The problem with a typed time, or null when it is empty (left to `required`) or a real time. */
export function timeProblem(text: string, seconds = false): string | null {
  if (text.trim() === '') return null;
  const r = parseTime(text, seconds);
  return r.ok ? null : r.problem;
}
