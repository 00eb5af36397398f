/** Peaks (0–1) as a mirrored filled shape stretched over the track's width. */
export function Waveform({ peaks }: { peaks: readonly number[] }) {
  if (peaks.length === 0) return null;
  const n = peaks.length;
  const top = peaks.map((p, i) => `${i},${(0.5 - p * 0.48).toFixed(3)}`).join(' ');
  const lower = [...peaks].reverse().map((p, j) => `${n - 1 - j},${(0.5 + p * 0.48).toFixed(3)}`).join(' ');
  return (
    <svg className="waveform" viewBox={`0 0 ${n - 1 || 1} 1`} preserveAspectRatio="none" aria-hidden="true">
      <polygon points={`${top} ${lower}`} />
      <line x1="0" x2={n - 1} y1="0.5" y2="0.5" />
    </svg>
  );
}
