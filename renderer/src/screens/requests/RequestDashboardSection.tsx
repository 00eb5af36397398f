import type { RequestSummary } from '../../../../shared/contract';
import { REQUEST_STATES } from '../../../../shared/domain/requestWorkflow';
import { call } from '../../api';
import { hrefFor, type Route } from '../../router';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatLocalDate, STATE_LABELS } from './labels';

function Tile({ n, label, route, tone }: { n: number | null; label: string; route: Route; tone?: 'danger' | 'warn' }) {
  const cls = n && tone ? `tile tile-${tone}` : 'tile';
  return (
    <a className={cls} href={hrefFor(route)}>
      <span className="tile-number">{n ?? '…'}</span>
      <span>{label}</span>
    </a>
  );
}

function Soonest({ title, rows }: { title: string; rows: RequestSummary[] }) {
  if (rows.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <ul className="plain small">
        {rows.slice(0, 8).map((r) => (
          <li key={r.id}>
            <a href={hrefFor({ name: 'request', id: r.id })}>{r.reference}</a> {r.requesterName} · due {formatLocalDate(r.dueDate)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The KRS 61.880(1) clock at a glance: what is due today, what is late, what waits on legal review. */
export function RequestDashboardSection() {
  const dash = useLoad(() => call('requests.dashboard', {}), 'requests-dashboard');
  const d = dash.data;
  return (
    <section className="stack" aria-labelledby="dash-requests">
      <h2 id="dash-requests">Request desk</h2>
      <ErrorAlert message={dash.error} />
      <div className="tiles" role="group" aria-label="Request deadlines">
        <Tile n={d ? d.dueToday.length : null} label="due today" route={{ name: 'requests', show: 'due-today' }} tone="warn" />
        <Tile n={d ? d.overdue.length : null} label="overdue" route={{ name: 'requests', show: 'overdue' }} tone="danger" />
        <Tile n={d ? d.awaitingReview.length : null} label="waiting on legal review" route={{ name: 'requests', state: 'awaiting-review' }} />
        <Tile n={d ? d.dueSoon.length : null} label="due in the next 5 business days" route={{ name: 'requests', show: 'due-soon' }} />
        <Tile n={d ? d.open : null} label="open (not yet answered)" route={{ name: 'requests', show: 'open' }} />
      </div>
      {d && (
        <p className="muted small">
          Today is {formatLocalDate(d.today)} ({d.timeZone}). Weekends and the holiday table in Settings are not counted as business days.
        </p>
      )}
      {d && (
        <div className="dash-requests-grid">
          <table className="data-table status-table">
            <caption>Requests by status</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Requests</th>
              </tr>
            </thead>
            <tbody>
              {REQUEST_STATES.map((s) => (
                <tr key={s}>
                  <th scope="row">
                    <a href={hrefFor({ name: 'requests', state: s })}>{STATE_LABELS[s]}</a>
                  </th>
                  <td aria-label={`${STATE_LABELS[s]} count`}>{d.byStatus[s]}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="stack">
            <Soonest title="Overdue" rows={d.overdue} />
            <Soonest title="Due today" rows={d.dueToday} />
            <Soonest title="Due soon" rows={d.dueSoon} />
          </div>
        </div>
      )}
    </section>
  );
}
