import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { formatLocalDate } from './labels';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  onChanged: () => void;
}

/** KRS 61.872(5): the record is in storage or in active use; the notice gives the earliest date. */
export function DelayForm({ requestId, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const [date, setDate] = useState('');
  const [explanation, setExplanation] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const action = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      const r = await call('requests.delay', { id: requestId, earliestAvailable: date, explanation });
      setWarned(r.warnings.length > 0);
      setNote([`Delay recorded; the response is now due ${formatLocalDate(r.request.dueDate)}. The delay notice letter ${r.letter.fileName} was issued.`, ...r.warnings].join(' '));
      setOpen(false);
      onChanged();
    });
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
      <DateField label="Earliest date the record will be available" value={date} onChange={setDate} required />
      <Field label="Detailed explanation of the delay">
        <textarea rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} required maxLength={4000} />
      </Field>
      <ErrorAlert message={action.error} />
      <FormActions>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={action.busy || !date || !explanation.trim()}>
          Record delay and issue notice
        </button>
      </FormActions>
    </form>
  );
}
