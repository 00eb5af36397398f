import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';

/** KRS 61.880(1): a request after closing time counts from the next business day. */
export function DeadlineSettingsPanel({ isAdmin }: { isAdmin: boolean }) {
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'deadline-settings');
  const [closingTime, setClosingTime] = useState('');
  const [halfDay, setHalfDay] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  useEffect(() => {
    if (!settings.data) return;
    setClosingTime(settings.data.closingTime);
    setHalfDay(settings.data.halfDayClosingTime);
    setTimeZone(settings.data.timeZone);
  }, [settings.data]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      const next = await call('deadlines.settings.set', { closingTime, halfDayClosingTime: halfDay, timeZone: timeZone.trim() });
      setNote(`Saved: closing ${next.closingTime} (half day ${next.halfDayClosingTime}), ${next.timeZone}. Open deadlines are recomputed.`);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="deadline-settings-title">
      <h2 id="deadline-settings-title">Deadline clock</h2>
      <p className="muted small">
        The closing time is the agency&apos;s setting (the statute does not fix one): a request received after it counts from the next business day.
      </p>
      <fieldset className="bare" disabled={!isAdmin}>
        <div className="grid-3">
          <label className="field">
            <span>Closing time</span>
            <input type="time" value={closingTime} onChange={(e) => setClosingTime(e.target.value)} required />
          </label>
          <label className="field">
            <span>Half-day closing time</span>
            <input type="time" value={halfDay} onChange={(e) => setHalfDay(e.target.value)} required />
          </label>
          <label className="field">
            <span>Agency time zone</span>
            <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="America/New_York" required maxLength={64} />
          </label>
        </div>
      </fieldset>
      <ErrorAlert message={error ?? settings.error} />
      <StatusNote message={note} />
      {isAdmin && (
        <div className="form-actions">
          <button type="submit" className="primary">
            Save deadline settings
          </button>
        </div>
      )}
    </form>
  );
}
