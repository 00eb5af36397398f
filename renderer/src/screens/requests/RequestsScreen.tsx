import { useEffect, useState } from 'react';
import type { RequestSummary, SessionInfo } from '../../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/deadlines';
import { REQUEST_STATES, type RequestState } from '../../../../shared/domain/requestWorkflow';
import { call } from '../../api';
import { navigate, type RequestShow } from '../../router';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RequestsTable } from './RequestsTable';
import { STATE_LABELS } from './labels';
import { Field } from '../../components/Field';

const SHOW_LABELS: Record<RequestShow, string> = {
  open: 'Open (not yet answered)',
  'due-today': 'Due today',
  overdue: 'Overdue',
  'due-soon': 'Due in the next five business days',
};

const TEXT_DEBOUNCE_MS = 250;

function matchesShow(r: RequestSummary, show: RequestShow | undefined, soon: readonly string[]): boolean {
  if (!show) return true;
  if (show === 'open') return r.deadline !== 'answered';
  if (show === 'due-soon') return soon.includes(r.reference);
  return r.deadline === show;
}

interface Props {
  session: SessionInfo;
  state?: RequestState;
  show?: RequestShow;
}

export function RequestsScreen({ session, state, show }: Props) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setQuery(text.trim()), TEXT_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [text]);
  const list = useLoad(
    () => call('requests.list', { ...(state ? { states: [state] } : {}), ...(query ? { text: query } : {}), limit: 1000 }),
    `${state ?? ''}|${query}`,
  );
  // "Due soon" is the dashboard's own list (business days need the holiday table).
  const dash = useLoad(() => (show === 'due-soon' ? call('requests.dashboard', {}) : Promise.resolve(null)), show ?? '');
  const soon = dash.data?.dueSoon.map((r) => r.reference) ?? [];
  const rows = (list.data ?? []).filter((r) => matchesShow(r, show, soon));
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'deadline-settings');
  const canFile = session.roles.includes('custodian');

  return (
    <section className="stack" aria-labelledby="requests-title">
      <div className="screen-head">
        <h1 id="requests-title">Requests</h1>
        {canFile && (
          <button type="button" className="primary" onClick={() => navigate({ name: 'requestNew' })}>
            New request
          </button>
        )}
      </div>
      <form className="filters" role="search" aria-label="Request filters" onSubmit={(e) => e.preventDefault()}>
        <Field label="Status" inline>
          <select value={state ?? ''} onChange={(e) => navigate({ name: 'requests', state: (e.target.value || undefined) as RequestState | undefined, show })}>
            <option value="">All statuses</option>
            {REQUEST_STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Deadline" inline>
          <select value={show ?? ''} onChange={(e) => navigate({ name: 'requests', state, show: (e.target.value || undefined) as RequestShow | undefined })}>
            <option value="">Any</option>
            {(Object.keys(SHOW_LABELS) as RequestShow[]).map((s) => (
              <option key={s} value={s}>
                {SHOW_LABELS[s]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Search requests" grow>
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="Name, organization, e-mail, PRR number, description…" />
        </Field>
      </form>
      <ErrorAlert message={list.error ?? dash.error} />
      {list.data && (rows.length > 0 ? <RequestsTable timeZone={settings.data?.timeZone ?? DEFAULT_TIME_ZONE} rows={rows} caption={`${rows.length} ${rows.length === 1 ? 'request' : 'requests'}`} /> : <p className="muted">No requests match.</p>)}
      {!list.data && list.loading && <p className="muted">Loading requests…</p>}
    </section>
  );
}
