import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../api';
import { findingsSignal } from '../findingsSignal';
import { ErrorAlert } from './ErrorAlert';

export function AcknowledgeFinding({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await call('findings.acknowledge', { id, note });
      findingsSignal.changed();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Acknowledge finding ${id}`}>
        Acknowledge…
      </button>
    );
  }
  return (
    <form className="stack ack-form" onSubmit={submit}>
      <label className="field">
        <span>Acknowledgement note (what was found and what was done)</span>
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} minLength={3} maxLength={2000} required />
      </label>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy || note.trim().length < 3}>
          Acknowledge finding
        </button>
      </div>
    </form>
  );
}
