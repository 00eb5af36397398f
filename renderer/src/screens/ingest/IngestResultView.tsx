import { hrefFor } from '../../router';
import { formatBytes } from '../../format';
import type { IngestResult } from './ingestResult';
import { rejectionText } from './ingestResult';

export function IngestResultView({ result }: { result: IngestResult }) {
  const { ingested, duplicates, rejected } = result;
  return (
    <div className="ingest-result">
      <p>
        <strong>{ingested.length}</strong> ingested · <strong>{duplicates.length}</strong> already in the library ·{' '}
        <strong className={rejected.length ? 'bad-text' : undefined}>{rejected.length}</strong> not ingested
      </p>
      {ingested.length > 0 && (
        <details open={ingested.length <= 20}>
          <summary>Ingested recordings</summary>
          <ul className="plain">
            {ingested.map((r) => (
              <li key={r.id}>
                <a href={hrefFor({ name: 'recording', id: r.id })}>{r.originalName}</a>{' '}
                <span className="muted small">
                  {formatBytes(r.size)} · {r.playable ? 'playable' : 'not playable (kept as evidence)'}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {duplicates.length > 0 && (
        <details>
          <summary>Already in the library (same SHA-256, not copied again)</summary>
          <ul className="plain">
            {duplicates.map((d) => (
              <li key={d.path}>
                <span className="mono small breakall">{d.path}</span> →{' '}
                <a href={hrefFor({ name: 'recording', id: d.id })}>existing recording</a>
              </li>
            ))}
          </ul>
        </details>
      )}
      {rejected.length > 0 && (
        <details open>
          <summary>Not ingested</summary>
          <ul className="plain">
            {rejected.map((r) => (
              <li key={r.path}>
                <span className="mono small breakall">{r.path}</span>: {rejectionText(r.code, r.message)}
              </li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
