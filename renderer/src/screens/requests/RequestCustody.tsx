import type { CustodyEntryInfo } from '../../../../shared/contract';
import { CustodyEntriesTable } from '../../components/CustodyEntriesTable';
import { ErrorAlert } from '../../components/ErrorAlert';
import { countOf } from '../../../../shared/plural';

/** Custody events logged against the request (`request:<id>` in the custody log). */
export function RequestCustody({ entries, error }: { entries: CustodyEntryInfo[] | null; error: string | null }) {
  return (
    <section className="panel" aria-labelledby="request-custody-title">
      <h2 id="request-custody-title">Custody events for this request</h2>
      <ErrorAlert message={error} />
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No custody events recorded for this request.</p>
      ) : (
        <CustodyEntriesTable entries={entries} caption={`${countOf(entries.length, 'event')}, oldest first`} />
      )}
    </section>
  );
}
