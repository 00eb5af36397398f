import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { CustodyEntryInfo } from '../../../../shared/contract';
import { agencyDayBoundsUtc, zoneAbbreviation } from '../../agencyTime';
import { call, messageOf } from '../../api';
import { CustodyEntriesTable } from '../../components/CustodyEntriesTable';
import { downloadBase64, downloadText } from '../../components/download';
import { DateField } from '../../components/DateField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { parseIsoDate } from '../../isoDate';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';

const PAGE = 100;

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
  const days: string[] = [];
  for (const [day, label] of [[t.fromDay, 'From'], [t.toDay, 'To']] as const) {
    if (!day.trim()) {
      days.push('');
      continue;
    }
    const r = parseIsoDate(day);
    if (!r.ok) return `${label}: ${r.problem}`;
    days.push(r.date);
  }
  if (days[0]) f.from = agencyDayBoundsUtc(days[0], timeZone).start;
  if (days[1]) f.to = agencyDayBoundsUtc(days[1], timeZone).end;
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
  const [loading, setLoading] = useState(false);
  /** The log could not be read, or the typed filter is wrong. */
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const exporting = useAction();
  const asked = useRef(0);

  /** Reads a page; only the answer to the newest question is shown (a filter applied while an older page loads wins). */
  function load(beforeSeq: number | undefined, filter: Filter): void {
    const mine = ++asked.current;
    setLoading(true);
    call('custody.log', { limit: PAGE, ...(beforeSeq ? { beforeSeq } : {}), ...filter }).then(
      (page) => {
        if (mine !== asked.current) return;
        setEntries((cur) => (beforeSeq ? [...cur, ...page] : page));
        setMore(page.length === PAGE);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (mine !== asked.current) return;
        setError(messageOf(err));
        setLoading(false);
      },
    );
  }

  useEffect(() => {
    load(undefined, applied);
  }, [applied, nudge]);

  function set<K extends keyof Typed>(key: K, value: string) {
    setTyped((cur) => ({ ...cur, [key]: value }));
  }

  function filter(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    const f = toFilter(typed, timeZone);
    if (typeof f === 'string') setError(f);
    else {
      setError(null);
      setApplied(f);
    }
  }

  function clear() {
    setTyped(NONE);
    setNote(null);
    setError(null);
    setApplied({});
  }

  /** The filtered entries as CSV, or as a PDF to hand over (sentences, the signed checkpoint, technical details in an appendix). */
  function exportLog(format: 'csv' | 'pdf') {
    setNote(null);
    return exporting.run(async () => {
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
    });
  }

  const zone = zoneAbbreviation(Date.now(), timeZone);
  const filtered = Object.keys(applied).length > 0;
  const oldest = entries.length ? entries[entries.length - 1].seq : undefined;
  return (
    <section className="panel" aria-labelledby="log-title">
      <h2 id="log-title">Custody log</h2>
      <form className="stack" onSubmit={filter} aria-label="Filter the custody log" noValidate>
        <div className="form-row">
          <Field label="Action" hint="The whole action as the log shows it, any case" inline>
            <input value={typed.action} onChange={(e) => set('action', e.target.value)} placeholder="e.g. Request transition, Login" />
          </Field>
          <Field label="User" inline>
            <input value={typed.username} onChange={(e) => set('username', e.target.value)} placeholder="username" autoComplete="off" />
          </Field>
          <DateField label={`From (${zone})`} value={typed.fromDay} onChange={(v) => set('fromDay', v)} inline />
          <DateField label={`To (${zone})`} value={typed.toDay} onChange={(v) => set('toDay', v)} inline />
          <button type="submit" className="primary">
            Filter log
          </button>
          {filtered && (
            <button type="button" onClick={clear} disabled={loading}>
              Clear filter
            </button>
          )}
        </div>
        <div className="toolbar">
          <button type="button" onClick={() => load(undefined, applied)} disabled={loading}>
            Refresh log
          </button>
          <button type="button" onClick={() => void exportLog('csv')} disabled={exporting.busy}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportLog('pdf')} disabled={exporting.busy}>
            Export PDF
          </button>
        </div>
      </form>
      <ErrorAlert message={error ?? exporting.error} />
      <StatusNote message={note} />
      <CustodyEntriesTable entries={entries} caption={`Newest first · ${entries.length} shown${filtered ? ' (filtered)' : ''}`} showObject />
      {more && (
        <button type="button" onClick={() => load(oldest, applied)} disabled={loading}>
          Load older entries
        </button>
      )}
    </section>
  );
}
