import type { CustodyEntryInfo } from '../../../shared/contract';
import { formatAgencyDateTime, formatUtcDateTime } from '../agencyTime';
import { actionLabel } from '../../../shared/domain/custodyActions';
import { useAgencyTimeZone } from '../useAgencyTimeZone';
import { CustodyEntryText } from './CustodyEntryText';

/** "request:2" as the desk names it, "PRR-00002" (electron/core/requests/requestRows.ts `reference`); other ids as logged. */
export function objectLabel(objectId: string | null): string {
  const m = /^request:(\d+)$/.exec(objectId ?? '');
  return m ? `PRR-${m[1].padStart(5, '0')}` : (objectId ?? '—');
}

interface Props {
  entries: CustodyEntryInfo[];
  caption: string;
  showObject?: boolean;
}

/**
 * The log keeps each time in UTC to the millisecond (CJIS AU-8): shown on the agency's clock
 * with its zone and milliseconds, and underneath as stored, in UTC. Each entry reads as the
 * catalogue's label and sentence (shared/domain/custodyActions.ts), technical details folded.
 */
export function CustodyEntriesTable({ entries, caption, showObject }: Props) {
  const { timeZone } = useAgencyTimeZone();
  return (
    <table className="data-table custody-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col">Time</th>
          <th scope="col">User</th>
          <th scope="col">Action</th>
          <th scope="col">Outcome</th>
          {showObject && <th scope="col">Item</th>}
          <th scope="col">What happened</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr key={e.seq} className={e.outcome !== 'success' ? 'row-warn' : undefined}>
            <td className="mono">{e.seq}</td>
            <td className="nowrap col-time">
              <time dateTime={e.at}>{formatAgencyDateTime(e.at, timeZone, 'millisecond')}</time>
              <div className="muted small mono">{formatUtcDateTime(e.at)}</div>
            </td>
            <td className="col-user" title={`${e.role} on ${e.workstation}`}>
              {e.username}
              <div className="muted small">{e.workstation}</div>
            </td>
            <td>{actionLabel(e.action)}</td>
            <td>{e.outcome}</td>
            {showObject && <td className="mono small col-item">{objectLabel(e.objectId)}</td>}
            <td className="col-details">
              <CustodyEntryText entry={e} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
