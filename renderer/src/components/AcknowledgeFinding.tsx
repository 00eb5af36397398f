import { useState, type FormEvent } from 'react';
import { call } from '../api';
import { findingsSignal } from '../findingsSignal';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';
import { FormActions } from './FormActions';
import { useAction } from './useAction';

export function AcknowledgeFinding({ id }: { id: number }) {
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const action = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    return action.run(async () => {
      await call('findings.acknowledge', { id, note });
      findingsSignal.changed();
    });
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
      <Field label="Acknowledgement note (what was found and what was done)">
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} minLength={3} maxLength={2000} required />
      </Field>
      <ErrorAlert message={action.error} />
      <FormActions>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={action.busy || note.trim().length < 3}>
          Acknowledge finding
        </button>
      </FormActions>
    </form>
  );
}
