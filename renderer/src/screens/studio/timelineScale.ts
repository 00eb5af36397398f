const STEPS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];

/** Ruler tick spacing so labels sit at least `minPx` apart. */
export function tickStep(durationSec: number, widthPx: number, minPx = 80): number {
  if (!(durationSec > 0) || !(widthPx > 0)) return 1;
  const pxPerSec = widthPx / durationSec;
  return STEPS.find((s) => s * pxPerSec >= minPx) ?? STEPS[STEPS.length - 1]!;
}

export function ticks(durationSec: number, step: number): number[] {
  const out: number[] = [];
  for (let t = 0; t <= durationSec + 1e-9 && out.length < 2000; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

/** A ruler label: seconds with as many decimals as the step needs, minutes past a minute. */
export function tickLabel(t: number, step: number): string {
  const decimals = step < 1 ? (step < 0.5 ? 2 : 1) : 0;
  if (t < 60) return `${t.toFixed(decimals)} s`;
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(decimals).padStart(decimals ? 3 + decimals : 2, '0')}`;
}
