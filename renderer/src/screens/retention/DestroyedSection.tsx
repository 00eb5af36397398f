import type { TombstoneInfo } from '../../../../shared/contract';
import { formatAgencyDate } from '../../agencyTime';

/** Each destroyed item's tombstone: what it was, under which rule, who proposed and approved, when. */
export function DestroyedSection({ tombstones, timeZone }: { tombstones: TombstoneInfo[]; timeZone: string }) {
  return (
    <section className="panel stack" aria-labelledby="destroyed-title">
      <h2 id="destroyed-title">Destroyed</h2>
      {tombstones.length === 0 ? (
        <p className="empty-note">Nothing has been destroyed.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Item</th>
              <th scope="col">SHA-256</th>
              <th scope="col">Rule</th>
              <th scope="col">Proposed / approved</th>
              <th scope="col">Destroyed</th>
            </tr>
          </thead>
          <tbody>
            {tombstones.map((t) => (
              <tr key={t.itemId}>
                <td>
                  {t.itemId}
                  {t.parentItemId && <div className="muted small">redacted copy of {t.parentItemId}</div>}
                </td>
                <td className="mono breakall small">{t.sha256}</td>
                <td>{t.ruleSeries}</td>
                <td>{t.proposedBy} / {t.approvedBy}</td>
                <td className="nowrap">{formatAgencyDate(t.destroyedAt, timeZone)} (batch {t.batchId})</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
