const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/**
 * A time as `mm:ss.mmm` (`h:mm:ss.mmm` past an hour): minutes, seconds and milliseconds,
 * never a frame count that could be misread as hundredths.
 */
export function formatClock(sec: number): string {
  const t = Number.isFinite(sec) && sec > 0 ? sec : 0;
  const ms = Math.round(t * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const rest = `${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
  return h > 0 ? `${h}:${rest}` : rest;
}

/** The frame shown at time t (frame n covers [n/fps, (n+1)/fps)). */
export function frameAt(sec: number, fps: number): number {
  return Math.max(0, Math.floor(sec * fps + 1e-6));
}

/** The middle of frame n, where a seek cannot land on a neighbour by decoder rounding. */
export function frameMiddle(frame: number, fps: number): number {
  return (Math.max(0, frame) + 0.5) / fps;
}
