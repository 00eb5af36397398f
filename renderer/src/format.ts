/** Dates and times are not formatted here: see agencyTime.ts (the agency's clock, with the zone). */

const pad = (n: number): string => String(n).padStart(2, '0');

export function formatDuration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || !Number.isFinite(sec)) return '—';
  const s = Math.round(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function formatTimecode(sec: number, fps: number): string {
  const whole = Math.floor(sec);
  const frame = Math.floor((sec - whole) * fps + 1e-6);
  return `${formatDuration(whole).padStart(5, '0')}.${String(frame).padStart(2, '0')}`;
}

/** Decimal units (1 kB = 1,000 bytes), as the custody log's sentences and the PDFs give sizes: one size reads the same everywhere. */
export function formatBytes(n: number): string {
  if (n < 1000) return `${n} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = n / 1000;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}
