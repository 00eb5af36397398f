import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { agencyInstant } from '../../agencyTime';

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const names = attendees.split(/[\n;]/).map((s) => s.trim()).filter(Boolean);
      const r = await call('viewing.schedule', { requestId, at: agencyInstant(date, time, timeZone), place, attendees: names, notes });
      onScheduled(`Viewing scheduled; the appointment letter ${r.letter.fileName} was issued.`);
      setDate('');
      setPlace('');
      setAttendees('');
      setNotes('');
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack subpanel" onSubmit={submit} aria-label="Schedule a viewing">
      <h3>Schedule a viewing</h3>
      <div className="grid-2">
        <label className="field">
          <span>Viewing date</span>
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
        </label>
        <label className="field">
          <span>Viewing time ({timeZone})</span>
          <input type="time" value={time} onChange={(e) => setTime(e.target.value)} required />
        </label>
      </div>
      <label className="field">
        <span>Place (on agency premises)</span>
        <input value={place} onChange={(e) => setPlace(e.target.value)} required maxLength={500} />
      </label>
      <label className="field">
        <span>Attendees (one per line)</span>
        <textarea rows={2} value={attendees} onChange={(e) => setAttendees(e.target.value)} required />
      </label>
      <label className="field">
        <span>Viewing notes</span>
        <input value={notes} onChange={(e) => setNotes(e.target.value)} maxLength={2000} />
      </label>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy || !date || !place.trim() || !attendees.trim()}>
          Schedule viewing
        </button>
      </div>
    </form>
  );
}
