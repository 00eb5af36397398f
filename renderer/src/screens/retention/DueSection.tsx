import { useState } from 'react';
import type { DueItemInfo, SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { formatAgencyDate } from '../../agencyTime';

/** The daily review: what is due (or comes due within two weeks); a custodian proposes a batch. Nothing is destroyed here. */
export function DueSection({ due, session, timeZone, onChanged }: { due: DueItemInfo[]; session: SessionInfo; timeZone: string; onChanged: () => void }) {
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const proposing = useAction();
  const [note, setNote] = useState<string | null>(null);
  const canPropose = session.roles.includes('custodian');
  const proposable = (d: DueItemInfo) => d.due && !d.held && d.batchId === null;

  function propose() {
    setNote(null);
    return proposing.run(async () => {
      const b = await call('destruction.propose', { itemIds: [...chosen] });
      setNote(`Proposed destruction batch ${b.id} (${b.items.length} recording${b.items.length === 1 ? '' : 's'}). A second person must approve it.`);
      setChosen(new Set());
      onChanged();
    });
  }

  return (
    <section className="panel stack" aria-labelledby="due-title">
      <h2 id="due-title">Due soon</h2>
      <p className="muted small">Recordings whose retention period has ended or ends within 14 days. Nothing is destroyed automatically: a custodian proposes a batch and a second person approves it.</p>
      <ErrorAlert message={proposing.error} />
      <StatusNote message={note} />
      {due.length === 0 ? (
        <p className="empty-note">Nothing is due.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {canPropose && <th scope="col"><span className="visually-hidden">Choose</span></th>}
              <th scope="col">Recording</th>
              <th scope="col">Keep until</th>
              <th scope="col">Schedule</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {due.map((d) => (
              <tr key={d.itemId} className={d.held ? 'row-warn' : undefined}>
                {canPropose && (
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Choose ${d.itemId}`}
                      disabled={!proposable(d)}
                      checked={chosen.has(d.itemId)}
                      onChange={(e) => {
                        const next = new Set(chosen);
                        if (e.target.checked) next.add(d.itemId);
                        else next.delete(d.itemId);
                        setChosen(next);
                      }}
                    />
                  </td>
                )}
                <td>
                  <a href={hrefFor({ name: 'recording', id: d.itemId })}>{d.itemId}</a>
                  <div className="muted small">{d.originalName}{d.copies.length ? ` (+${d.copies.length} redacted cop${d.copies.length === 1 ? 'y' : 'ies'})` : ''}</div>
                </td>
                <td className="nowrap">
                  {formatAgencyDate(d.retentionDate, timeZone)}
                  <div className="muted small">from the {d.startedFrom}</div>
                </td>
                <td>{d.ruleSeries}</td>
                <td>
                  {d.held ? (
                    <span className="badge badge-warn" title={d.holds.map((h) => h.reason).join('\n')}>On hold: {d.holds[0]?.reason}</span>
                  ) : d.batchId !== null ? (
                    <span className="badge">In batch {d.batchId}</span>
                  ) : d.due ? (
                    <span className="badge badge-danger">Due</span>
                  ) : (
                    <span className="badge">Due soon</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canPropose && (
        <div className="toolbar">
          <button type="button" disabled={chosen.size === 0 || proposing.busy} onClick={() => void propose()}>
            Propose destruction of {chosen.size} recording{chosen.size === 1 ? '' : 's'}
          </button>
        </div>
      )}
    </section>
  );
}
