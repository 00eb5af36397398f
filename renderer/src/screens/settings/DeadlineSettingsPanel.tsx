import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { Field } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

/** KRS 61.880(1): a request after closing time counts from the next business day. */
export function DeadlineSettingsPanel({ isAdmin }: { isAdmin: boolean }) {
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'deadline-settings');
  const [closingTime, setClosingTime] = useState('');
  const [halfDay, setHalfDay] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();

  useEffect(() => {
    if (!settings.data) return;
    setClosingTime(settings.data.closingTime);
    setHalfDay(settings.data.halfDayClosingTime);
    setTimeZone(settings.data.timeZone);
  }, [settings.data]);

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      const next = await call('deadlines.settings.set', { closingTime, halfDayClosingTime: halfDay, timeZone: timeZone.trim() });
      setNote(`Saved: closing ${next.closingTime} (half day ${next.halfDayClosingTime}), ${next.timeZone}. Open deadlines are recomputed.`);
    });
  }

  return (
    <form className="panel stack" onSubmit={submit} aria-labelledby="deadline-settings-title">
      <h2 id="deadline-settings-title">Deadline clock</h2>
      <p className="muted small">
        The closing time is the agency&apos;s setting (the statute does not fix one): a request received after it counts from the next business day.
      </p>
      <fieldset className="bare" disabled={!isAdmin}>
        <div className="grid-3">
          <TimeField label="Closing time" value={closingTime} onChange={setClosingTime} required />
          <TimeField label="Half-day closing time" value={halfDay} onChange={setHalfDay} required />
          <Field label="Agency time zone">
            <input value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="America/New_York" required maxLength={64} />
          </Field>
        </div>
      </fieldset>
      <ErrorAlert message={action.error ?? settings.error} />
      <StatusNote message={note} />
      {isAdmin && (
        <FormActions>
          <button type="submit" className="primary" disabled={action.busy}>
            Save deadline settings
          </button>
        </FormActions>
      )}
    </form>
  );
}
