import { useEffect, useRef, useState } from 'react';
import type { HoldKind, SessionInfo } from '../../../../shared/contract';
import { HOLD_KINDS } from '../../../../shared/contract';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';
import { formatAgencyDate } from '../../agencyTime';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';

/** On a recording's page: its retention date and why, its holds, and the hold button (custodian or legal reviewer). */
export function HoldPanel({ id, session, onLogged, refreshKey = '' }: { id: string; session: SessionInfo; onLogged?: () => void; refreshKey?: string }) {
  // refreshKey: the request page passes its state, so the automatic hold's reason follows a transition.
  const info = useLoad(() => call('retention.forItem', { id }), `${id}|${refreshKey}`);
  const { timeZone } = useAgencyTimeZone();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<HoldKind>('investigation');
  const [reason, setReason] = useState('');
  const placing = useAction();
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  // Closing the form (placed or cancelled) puts the focus back on the button that opened it.
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  const mayHold = session.roles.includes('custodian') || session.roles.includes('legal-reviewer');

  function place() {
    return placing.run(async () => {
      await call('holds.place', { itemId: id, kind, reason });
      setOpen(false);
      setReason('');
      info.reload();
      onLogged?.();
    });
  }

  function cancel() {
    setOpen(false);
    placing.setError(null);
  }

  const r = info.data;
  return (
    <section className="panel stack" aria-labelledby={`retention-${id}`}>
      <h2 id={`retention-${id}`}>Retention</h2>
      <ErrorAlert message={info.error ?? placing.error} />
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
          {mayHold && !r.destroyed && !open && <button type="button" ref={opener} onClick={() => setOpen(true)}>Place a hold…</button>}
          {open && (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void place();
              }}
            >
              <Field label="Kind of hold">
                <select value={kind} autoFocus onChange={(e) => setKind(e.target.value as HoldKind)}>
                  {HOLD_KINDS.map((k) => <option key={k} value={k}>{k}</option>)}
                </select>
              </Field>
              <Field label="Reason" hint="At least 3 characters; it is written to the custody log.">
                <input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} />
              </Field>
              <FormActions>
                <button type="button" onClick={cancel}>Cancel</button>
                <button type="submit" className="primary" disabled={placing.busy}>Place hold</button>
              </FormActions>
            </form>
          )}
        </>
      )}
    </section>
  );
}
