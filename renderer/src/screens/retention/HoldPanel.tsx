import { useState } from 'react';
import type { HoldKind, SessionInfo } from '../../../../shared/contract';
import { HOLD_KINDS } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatAgencyDate } from '../../agencyTime';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';

/** On a recording's page: its retention date and why, its holds, and the hold button (custodian or legal reviewer). */
export function HoldPanel({ id, session, onLogged }: { id: string; session: SessionInfo; onLogged?: () => void }) {
  const info = useLoad(() => call('retention.forItem', { id }), id);
  const { timeZone } = useAgencyTimeZone();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<HoldKind>('investigation');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mayHold = session.roles.includes('custodian') || session.roles.includes('legal-reviewer');

  async function place() {
    setError(null);
    try {
      await call('holds.place', { itemId: id, kind, reason });
      setOpen(false);
      setReason('');
      info.reload();
      onLogged?.();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  const r = info.data;
  return (
    <section className="panel stack" aria-labelledby={`retention-${id}`}>
      <h2 id={`retention-${id}`}>Retention</h2>
      <ErrorAlert message={info.error ?? error} />
      {r && (
        <>
          {r.destroyed ? (
            <p>Destroyed on {formatAgencyDate(r.destroyed.destroyedAt, timeZone)} under batch {r.destroyed.batchId}.</p>
          ) : (
            <p>
              Keep until <strong>{formatAgencyDate(r.retentionDate, timeZone)}</strong>{r.originalId !== r.itemId ? ` (follows its original ${r.originalId})` : ''}.
              <span className="muted small"> {r.why}</span>
            </p>
          )}
          {r.holds.length > 0 ? (
            <ul className="plain">
              {r.holds.map((h, i) => (
                <li key={h.id ?? `r${i}`}><span className="badge badge-warn">On hold</span> {h.reason}</li>
              ))}
            </ul>
          ) : (
            !r.destroyed && <p className="muted small">No hold.</p>
          )}
          {mayHold && !r.destroyed && !open && <button type="button" onClick={() => setOpen(true)}>Place a hold…</button>}
          {open && (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void place();
              }}
            >
              <label className="field">
                <span>Kind of hold</span>
                <select value={kind} onChange={(e) => setKind(e.target.value as HoldKind)}>
                  {HOLD_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </label>
              <label className="field">
                <span>Reason</span>
                <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
              </label>
              <div className="toolbar">
                <button type="submit">Place hold</button>
                <button type="button" onClick={() => setOpen(false)}>Cancel</button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
