function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string') return v.length > 120 ? `${v.slice(0, 117)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  const json = JSON.stringify(v);
  return json.length > 120 ? `${json.slice(0, 117)}…` : json;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A compact key: value rendering of a custody entry's or finding's details; old/new pairs as changes. */
export function DetailsSummary({ details }: { details: Record<string, unknown> }) {
  const { old, new: next, ...rest } = details;
  const changes = isRecord(old) && isRecord(next) ? [...new Set([...Object.keys(old), ...Object.keys(next)])] : null;
  const keys = Object.keys(changes ? rest : details);
  if (keys.length === 0 && !changes) return null;
  return (
    <dl className="details-summary">
      {changes &&
        isRecord(old) &&
        isRecord(next) &&
        changes.map((k) => (
          <div key={`change-${k}`}>
            <dt>{k}</dt>
            <dd>
              {show(old[k])} → {show(next[k])}
            </dd>
          </div>
        ))}
      {keys.map((k) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{show(details[k])}</dd>
        </div>
      ))}
    </dl>
  );
}
