import { useState } from 'react';
import type { HoldInfo, SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';
import { formatAgencyDate } from '../../agencyTime';

const KIND_LABEL: Record<HoldInfo['kind'], string> = { request: 'Records request', investigation: 'Investigation', litigation: 'Litigation', complaint: 'Complaint' };

/** Every open hold; a custodian or legal reviewer releases a manual hold with a reason. */
export function HoldsSection({ holds, session, timeZone, onChanged }: { holds: HoldInfo[]; session: SessionInfo; timeZone: string; onChanged: () => void }) {
  const [releasing, setReleasing] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const lifting = useAction();
  const canRelease = session.roles.includes('custodian') || session.roles.includes('legal-reviewer');

  function release(holdId: number) {
    return lifting.run(async () => {
      await call('holds.lift', { holdId, reason });
      setReleasing(null);
      setReason('');
      onChanged();
    });
  }

  function cancel() {
    setReleasing(null);
    lifting.setError(null);
  }

  return (
    <section className="panel stack" aria-labelledby="holds-title">
      <h2 id="holds-title">On hold</h2>
      <ErrorAlert message={lifting.error} />
      {holds.length === 0 ? (
        <p className="empty-note">No recording is on hold.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Recording</th>
              <th scope="col">Hold</th>
              <th scope="col">Reason</th>
              <th scope="col">Placed</th>
              <th scope="col"><span className="visually-hidden">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {holds.map((h, i) => (
              <tr key={h.id ?? `r${i}`}>
                <td>
                  <a href={hrefFor({ name: 'recording', id: h.itemId })}>{h.itemId}</a>
                  {h.originalId !== h.itemId && <div className="muted small">keeps its original {h.originalId}</div>}
                </td>
                <td>{KIND_LABEL[h.kind]}{h.id !== null ? ` #${h.id}` : ''}</td>
                <td>
                  {h.reason}
                  {h.until && <div className="muted small">until {formatAgencyDate(h.until, timeZone)}</div>}
                </td>
                <td className="nowrap">{h.placedAt ? formatAgencyDate(h.placedAt, timeZone) : ''} {h.placedBy ? `by ${h.placedBy}` : ''}</td>
                <td>
                  {h.id !== null && canRelease && releasing !== h.id && (
                    <button type="button" onClick={() => setReleasing(h.id)}>Release…</button>
                  )}
                  {h.id !== null && releasing === h.id && (
                    <form
                      className="stack"
                      onSubmit={(e) => {
                        e.preventDefault();
                        void release(h.id!);
                      }}
                    >
                      <Field label="Reason for releasing">
                        <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} autoFocus />
                      </Field>
                      <FormActions>
                        <button type="button" onClick={cancel}>Cancel</button>
                        <button type="submit" className="primary" disabled={lifting.busy}>Release hold</button>
                      </FormActions>
                    </form>
                  )}
                  {h.id === null && <span className="muted small">Ends when the request is closed and its appeal window has passed.</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
