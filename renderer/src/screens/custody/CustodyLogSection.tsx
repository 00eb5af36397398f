import { useEffect, useState, type FormEvent } from 'react';
import type { CustodyEntryInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { CustodyEntriesTable } from '../../components/CustodyEntriesTable';
import { ErrorAlert } from '../../components/ErrorAlert';

const PAGE = 100;

/** Newest first; reading the log is itself logged by the core (CJIS AU-9). */
export function CustodyLogSection({ nudge }: { nudge: number }) {
  const [entries, setEntries] = useState<CustodyEntryInfo[]>([]);
  const [action, setAction] = useState('');
  const [applied, setApplied] = useState('');
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(beforeSeq: number | undefined, filter: string): Promise<void> {
    setBusy(true);
    try {
      const page = await call('custody.log', { limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}), ...(filter ? { action: filter } : {}) });
      setEntries((cur) => (beforeSeq ? [...cur, ...page] : page));
      setMore(page.length === PAGE);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  useEffect(() => {
    void load(undefined, applied);
  }, [applied, nudge]);

  function filter(e: FormEvent) {
    e.preventDefault();
    setApplied(action.trim());
  }

  const oldest = entries.length ? entries[entries.length - 1].seq : undefined;
  return (
    <section className="panel" aria-labelledby="log-title">
      <h2 id="log-title">Custody log</h2>
      <form className="toolbar" onSubmit={filter}>
        <label className="field field-inline">
          <span>Action</span>
          <input value={action} onChange={(e) => setAction(e.target.value)} placeholder="e.g. ingest, playback, login" />
        </label>
        <button type="submit">Filter log</button>
        <button type="button" onClick={() => void load(undefined, applied)} disabled={busy}>
          Refresh log
        </button>
      </form>
      <ErrorAlert message={error} />
      <CustodyEntriesTable entries={entries} caption={`Newest first · ${entries.length} shown`} showObject />
      {more && (
        <button type="button" onClick={() => void load(oldest, applied)} disabled={busy}>
          Load older entries
        </button>
      )}
    </section>
  );
}
