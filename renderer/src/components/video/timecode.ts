const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A time as `HH:MM:SS.mmm`: hours, minutes, seconds and milliseconds, always all four, so a
 * reading never changes shape at the hour and is never a frame count misread as hundredths.
 */
export function formatClock(sec: number): string {
  const t = Number.isFinite(sec) && sec > 0 ? sec : 0;
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** The frame shown at time t (frame n covers [n/fps, (n+1)/fps)). */
export function frameAt(sec: number, fps: number): number {
  return Math.max(0, Math.floor(sec * fps + 1e-6));
}

/** The middle of frame n, where a seek cannot land on a neighbour by decoder rounding. */
export function frameMiddle(frame: number, fps: number): number {
  return (Math.max(0, frame) + 0.5) / fps;
}
