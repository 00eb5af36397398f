function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'string') return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const json = JSON.stringify(v);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

/** A compact key: value rendering of a custody entry's or finding's details. */
export function DetailsSummary({ details }: { details: Record<string, unknown> }) {
  const keys = Object.keys(details);
  if (keys.length === 0) return null;
  return (
    <dl className="details-summary">
      {keys.map((k) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{show(details[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
