import type { CustodyEntryInfo } from '../../../../shared/contract';
import { countOf } from '../../../../shared/plural';
import { CustodyEntriesTable } from '../../components/CustodyEntriesTable';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  entries: CustodyEntryInfo[] | null;
  error: string | null;
}

export function CustodyTimeline({ entries, error }: Props) {
  return (
    <section className="panel" aria-labelledby="timeline-title">
      <h2 id="timeline-title">Custody timeline</h2>
      <ErrorAlert message={error} />
      {entries === null ? (
        <p className="muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="muted">No custody events recorded for this item.</p>
      ) : (
        <CustodyEntriesTable entries={entries} caption={`${countOf(entries.length, 'event')}, oldest first`} />
      )}
    </section>
  );
}
