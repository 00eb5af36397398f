import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { agencyInstant } from '../../agencyTime';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  timeZone: string;
  onScheduled: (message: string) => void;
}

/** KRS 61.168(5)(d): an appointment on agency premises; the core issues the appointment letter. */
export function ViewingScheduleForm({ requestId, timeZone, onScheduled }: Props) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('10:00');
  const [place, setPlace] = useState('');
  const [attendees, setAttendees] = useState('');
  const [notes, setNotes] = useState('');
  const action = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    return action.run(async () => {
      const names = attendees.split(/[\n;]/).map((s) => s.trim()).filter(Boolean);
      const r = await call('viewing.schedule', { requestId, at: agencyInstant(date, time, timeZone), place, attendees: names, notes });
      onScheduled(`Viewing scheduled; the appointment letter ${r.letter.fileName} was issued.`);
      setDate('');
      setPlace('');
      setAttendees('');
      setNotes('');
    });
  }

  return (
    <form className="stack subpanel" onSubmit={submit} aria-label="Schedule a viewing">
      <h3>Schedule a viewing</h3>
      <div className="grid-2">
        <DateField label="Viewing date" value={date} onChange={setDate} required />
        <TimeField label={`Viewing time (${timeZone})`} value={time} onChange={setTime} required />
      </div>
      <Field label="Place (on agency premises)">
        <input value={place} onChange={(e) => setPlace(e.target.value)} required maxLength={500} />
      </Field>
      <Field label="Attendees (one per line)">
        <textarea rows={2} value={attendees} onChange={(e) => setAttendees(e.target.value)} required />
      </Field>
      <Field label="Viewing notes">
        <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
      </Field>
      <ErrorAlert message={action.error} />
      <FormActions>
        <button type="submit" className="primary" disabled={action.busy || !date || !place.trim() || !attendees.trim()}>
          Schedule viewing
        </button>
      </FormActions>
    </form>
  );
}
