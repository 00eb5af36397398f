import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';

interface Props {
  requestId: number;
  onChanged: () => void;
}

/** KRS 61.872(5): the record is in storage or in active use; the notice gives the earliest date. */
export function DelayForm({ requestId, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [explanation, setExplanation] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      const r = await call('requests.delay', { id: requestId, earliestAvailable: date, explanation });
      setWarned(r.warnings.length > 0);
      setNote([`Delay recorded; the response is now due ${r.request.dueDate}. The delay notice letter ${r.letter.fileName} was issued.`, ...r.warnings].join(' '));
      setOpen(false);
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div className="stack">
        <StatusNote message={note} tone={warned ? 'warn' : 'ok'} />
        <div>
          <button type="button" onClick={() => setOpen(true)}>
            Delay notice…
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="stack subpanel" onSubmit={submit} aria-label="Delay notice">
      <p className="small muted">
        Only when the record is in storage or in active use (KRS 61.872(5)). The notice must go out by the original due date and explain the cause in detail.
      </p>
      <label className="field">
        <span>Earliest date the record will be available</span>
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <label className="field">
        <span>Detailed explanation of the delay</span>
        <textarea rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} required maxLength={4000} />
      </label>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || !date || !explanation.trim()}>
          Record delay and issue notice
        </button>
      </div>
    </form>
  );
}
