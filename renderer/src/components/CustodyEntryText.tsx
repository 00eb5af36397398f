import type { CustodyEntryInfo } from '../../../shared/contract';
import { describeEntry } from '../../../shared/domain/custodyActions';

/** "577a6fa8…d78497": enough to compare by eye; the whole hash is under "Technical details". */
function shortHash(hex: string): string {
  return hex.length > 20 ? `${hex.slice(0, 8)}…${hex.slice(-6)}` : hex;
}

/**
 * One custody entry as a person reads it: the catalogue's sentence first
 * (shared/domain/custodyActions.ts), and everything else — probe facts, command lines, every
 * hash, the entry's own chain hashes — behind "Technical details", as labelled lines, never JSON.
 */
export function CustodyEntryText({ entry }: { entry: CustodyEntryInfo }) {
  const d = describeEntry(entry);
  return (
    <div className="custody-entry-text">
      <p className="custody-sentence">{d.sentence}</p>
      {entry.objectSha256 && (
        <p className="muted small">
          SHA-256{' '}
          <span className="mono" title={entry.objectSha256}>
            {shortHash(entry.objectSha256)}
          </span>
        </p>
      )}
      <details className="technical-details">
        <summary>Technical details</summary>
        <dl className="technical-lines">
          <div>
            <dt>Action code</dt>
            <dd className="mono">{entry.action}</dd>
          </div>
          {entry.objectId && (
            <div>
              <dt>Object</dt>
              <dd className="mono">{entry.objectId}</dd>
            </div>
          )}
          {entry.objectSha256 && (
            <div>
              <dt>Object SHA-256</dt>
              <dd className="mono hash">{entry.objectSha256}</dd>
            </div>
          )}
          {d.technical.map((l, i) => (
            <div key={`${l.label}-${i}`}>
              <dt>{l.label}</dt>
              <dd className={l.hash || l.command ? 'mono hash' : undefined}>{l.value}</dd>
            </div>
          ))}
          <div>
            <dt>Entry hash</dt>
            <dd className="mono hash">{entry.hash}</dd>
          </div>
          <div>
            <dt>Previous entry hash</dt>
            <dd className="mono hash">{entry.prevHash}</dd>
          </div>
        </dl>
      </details>
    </div>
  );
}
