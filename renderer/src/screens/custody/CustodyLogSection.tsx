import { useEffect, useState, type FormEvent } from 'react';
import type { CustodyEntryInfo } from '../../../../shared/contract';
import { agencyDayBoundsUtc, zoneAbbreviation } from '../../agencyTime';
import { call, messageOf } from '../../api';
import { CustodyEntriesTable } from '../../components/CustodyEntriesTable';
import { downloadBase64, downloadText } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';

const PAGE = 100;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

interface Typed {
  action: string;
  username: string;
  fromDay: string;
  toDay: string;
}

interface Filter {
  action?: string;
  username?: string;
  from?: string;
  to?: string;
}

const NONE: Typed = { action: '', username: '', fromDay: '', toDay: '' };

/** The typed filter as the core takes it (whole agency days turned into UTC instants), or what is wrong with it. */
function toFilter(t: Typed, timeZone: string): Filter | string {
  const f: Filter = {};
  if (t.action.trim()) f.action = t.action.trim();
  if (t.username.trim()) f.username = t.username.trim();
  for (const [day, label] of [[t.fromDay, 'From'], [t.toDay, 'To']] as const) {
    if (day.trim() && (!DAY.test(day.trim()) || Number.isNaN(Date.parse(`${day.trim()}T00:00:00Z`)))) return `${label}: type the date as YYYY-MM-DD, e.g. 2026-11-03.`;
  }
  if (t.fromDay.trim()) f.from = agencyDayBoundsUtc(t.fromDay.trim(), timeZone).start;
  if (t.toDay.trim()) f.to = agencyDayBoundsUtc(t.toDay.trim(), timeZone).end;
  if (f.from && f.to && f.from > f.to) return 'The "From" date is after the "To" date.';
  return f;
}

/** Newest first; reading the log, and exporting it, is itself logged by the core (CJIS AU-9). */
export function CustodyLogSection({ nudge }: { nudge: number }) {
  const { timeZone } = useAgencyTimeZone();
  const [entries, setEntries] = useState<CustodyEntryInfo[]>([]);
  const [typed, setTyped] = useState<Typed>(NONE);
  const [applied, setApplied] = useState<Filter>({});
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function load(beforeSeq: number | undefined, filter: Filter): Promise<void> {
    setBusy(true);
    try {
      const page = await call('custody.log', { limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}), ...filter });
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

  function set<K extends keyof Typed>(key: K, value: string) {
    setTyped((cur) => ({ ...cur, [key]: value }));
  }

  function filter(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    const f = toFilter(typed, timeZone);
    if (typeof f === 'string') setError(f);
    else setApplied(f);
  }

  function clear() {
    setTyped(NONE);
    setNote(null);
    setApplied({});
  }

  /** The filtered entries as CSV, or as a PDF to hand over (sentences, the signed checkpoint, technical details in an appendix). */
  async function exportLog(format: 'csv' | 'pdf') {
    setBusy(true);
    setNote(null);
    try {
      let saved: { fileName: string; entries: number };
      if (format === 'csv') {
        const out = await call('custody.logCsv', applied);
        downloadText(out.csv, out.fileName, 'text/csv;charset=utf-8');
        saved = out;
      } else {
        const out = await call('custody.logPdf', applied);
        downloadBase64(out.base64, out.fileName, 'application/pdf');
        saved = out;
      }
      setNote(`Saved ${saved.fileName}: ${saved.entries.toLocaleString('en-US')} ${saved.entries === 1 ? 'entry' : 'entries'}. The export is recorded in the custody log.`);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const zone = zoneAbbreviation(Date.now(), timeZone);
  const filtered = Object.keys(applied).length > 0;
  const oldest = entries.length ? entries[entries.length - 1].seq : undefined;
  return (
    <section className="panel" aria-labelledby="log-title">
      <h2 id="log-title">Custody log</h2>
      <form className="toolbar" onSubmit={filter} aria-label="Filter the custody log">
        <label className="field field-inline">
          <span>Action</span>
          <input value={typed.action} onChange={(e) => set('action', e.target.value)} placeholder="e.g. Request transition, Login" />
        </label>
        <label className="field field-inline">
          <span>User</span>
          <input value={typed.username} onChange={(e) => set('username', e.target.value)} placeholder="username" autoComplete="off" />
        </label>
        <label className="field field-inline">
          <span>From ({zone})</span>
          <input value={typed.fromDay} onChange={(e) => set('fromDay', e.target.value)} placeholder="YYYY-MM-DD" inputMode="numeric" size={11} />
        </label>
        <label className="field field-inline">
          <span>To ({zone})</span>
          <input value={typed.toDay} onChange={(e) => set('toDay', e.target.value)} placeholder="YYYY-MM-DD" inputMode="numeric" size={11} />
        </label>
        <button type="submit">Filter log</button>
        {filtered && (
          <button type="button" onClick={clear} disabled={busy}>
            Clear filter
          </button>
        )}
        <button type="button" onClick={() => void load(undefined, applied)} disabled={busy}>
          Refresh log
        </button>
        <button type="button" onClick={() => void exportLog('csv')} disabled={busy}>
          Export CSV
        </button>
        <button type="button" onClick={() => void exportLog('pdf')} disabled={busy}>
          Export PDF
        </button>
      </form>
      <ErrorAlert message={error} />
      <StatusNote message={note} />
      <CustodyEntriesTable entries={entries} caption={`Newest first · ${entries.length} shown${filtered ? ' (filtered)' : ''}`} showObject />
      {more && (
        <button type="button" onClick={() => void load(oldest, applied)} disabled={busy}>
          Load older entries
        </button>
      )}
    </section>
  );
}
