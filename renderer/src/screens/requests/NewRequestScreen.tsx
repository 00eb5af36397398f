import { useEffect, useState, type FormEvent } from 'react';
import type { RecordingRow } from '../../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/deadlines';
import { detectSchoolPersonnel, emailFieldProblem } from '../../../../shared/domain/schoolPersonnel';
import { call } from '../../api';
import { hrefFor, navigate } from '../../router';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { agencyInstant, agencyNow } from '../../agencyTime';
import { LetterFilePicker } from './LetterFilePicker';
import { RecordingPicker } from './RecordingPicker';
import { RequesterFields } from './RequesterFields';
import { emptyRequestForm, type RequestFormState } from './requestForm';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

const FORM_ID = 'new-request-form';

export function NewRequestScreen() {
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'deadline-settings');
  const districts = useLoad(() => call('districts.list', {}), 'districts');
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const [form, setForm] = useState<RequestFormState>(() => {
    const now = agencyNow(DEFAULT_TIME_ZONE);
    return emptyRequestForm(now.date, now.time);
  });
  const [touchedTime, setTouchedTime] = useState(false);
  const [recordings, setRecordings] = useState<RecordingRow[]>([]);
  const [letterPath, setLetterPath] = useState('');
  const action = useAction();

  // The agency's zone arrives after the first render; "now" is re-read on its clock.
  useEffect(() => {
    if (!settings.data || touchedTime) return;
    const now = agencyNow(settings.data.timeZone);
    setForm((f) => ({ ...f, receivedDate: now.date, receivedTime: now.time }));
  }, [settings.data, touchedTime]);

  const set = <K extends keyof RequestFormState>(key: K, value: RequestFormState[K]) => {
    if (key === 'receivedDate' || key === 'receivedTime') setTouchedTime(true);
    setForm((f) => ({ ...f, [key]: value }));
  };
  const school = detectSchoolPersonnel(form, districts.data ?? { domains: [], names: [] });

  function submit(e: FormEvent) {
    e.preventDefault();
    // The same reading as the core's; the core refuses such a field too.
    const emailProblem = emailFieldProblem(form.email);
    if (emailProblem) {
      action.setError(emailProblem);
      return;
    }
    return action.run(async () => {
      const { receivedDate, receivedTime, ...fields } = form;
      const created = await call('requests.create', {
        ...fields,
        receivedAt: agencyInstant(receivedDate, receivedTime, timeZone),
        recordingIds: recordings.map((r) => r.id),
        ...(letterPath.trim() ? { letterPath: letterPath.trim() } : {}),
      });
      navigate({ name: 'request', id: created.id });
    });
  }

  return (
    <section className="stack" aria-labelledby="new-request-title">
      <p>
        <a href={hrefFor({ name: 'requests' })}>← Back to requests</a>
      </p>
      <h1 id="new-request-title">New records request</h1>
      <form id={FORM_ID} className="panel stack" onSubmit={submit} aria-label="Request details">
        <RequesterFields form={form} set={set} timeZone={timeZone} />
      </form>
      <section className="panel stack" aria-labelledby="letter-title">
        <h2 id="letter-title">The request letter</h2>
        <p className="muted small">The letter, form or e-mail as received; it is stored with the request like evidence (SHA-256, custody log).</p>
        <LetterFilePicker path={letterPath} onChange={setLetterPath} />
      </section>
      {school.schoolPersonnel && (
        <div className="school-block" role="note" aria-label="School personnel detected">
          <strong>This looks like a request from school personnel.</strong> Department policy XVI forbids releasing SRO recordings to them; the request can only be denied.
          <ul>
            {school.why.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      )}
      <section className="panel stack" aria-labelledby="pick-title">
        <h2 id="pick-title">Recordings asked for</h2>
        <p className="muted small">Search the library and tick the recordings this request covers. More can be linked later on the request page.</p>
        <RecordingPicker chosen={recordings} onChange={setRecordings} />
      </section>
      <ErrorAlert message={action.error ?? settings.error} />
      <FormActions>
        <button type="button" onClick={() => navigate({ name: 'requests' })}>
          Cancel
        </button>
        <button type="submit" form={FORM_ID} className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save request'}
        </button>
      </FormActions>
    </section>
  );
}
