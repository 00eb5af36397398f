import type { RequestSummary } from '../../../../shared/contract';
import { hrefFor } from '../../router';
import { formatAgencyTime } from '../../agencyTime';
import { DeadlineBadges } from './DeadlineBadges';
import { CATEGORY_LABELS, formatLocalDate, STATE_LABELS } from './labels';

export function RequestsTable({ rows, caption, timeZone }: { rows: RequestSummary[]; caption: string; timeZone: string }) {
  return (
    <table className="data-table requests-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Request</th>
          <th scope="col">Requester</th>
          <th scope="col">Category</th>
          <th scope="col">Status</th>
          <th scope="col">Received ({timeZone})</th>
          <th scope="col">Response due</th>
          <th scope="col">Recordings</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={r.schoolPersonnel ? 'row-school' : r.deadline === 'overdue' ? 'row-warn' : undefined}>
            <td className="nowrap">
              <a href={hrefFor({ name: 'request', id: r.id })}>{r.reference}</a>
            </td>
            <td>
              {r.requesterName}
              {r.organization && <div className="muted small">{r.organization}</div>}
            </td>
            <td className="small">{CATEGORY_LABELS[r.category]}</td>
            <td className="nowrap">{STATE_LABELS[r.state]}</td>
            <td className="nowrap">{formatAgencyTime(r.receivedAt, timeZone)}</td>
            <td>
              <span className="nowrap">{formatLocalDate(r.dueDate)}</span>{' '}
              <span className="badges">
                <DeadlineBadges request={r} />
              </span>
            </td>
            <td>{r.recordingCount}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
