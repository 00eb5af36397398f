interface Props {
  label: string;
  value: number | null;
}

/** `value` is 0..1, or null while the amount of work is not yet known. */
export function ProgressBar({ label, value }: Props) {
  const pct = value === null ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      aria-valuetext={pct === null ? 'Working' : `${pct}%`}
    >
      <div className={pct === null ? 'progress-fill progress-indeterminate' : 'progress-fill'} style={pct === null ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
