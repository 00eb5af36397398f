import { useState, type FormEvent } from 'react';
import { LOCATION_TYPES, type RecordingMeta } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { MinorsEditor } from './MinorsEditor';
import { formatAgencyDateTime, fromAgencyInput, toAgencyInput } from '../../agencyTime';
import { changedFields, parseCategories } from './metaForm';
import { DateField } from '../../components/DateField';
import { Field } from '../../components/Field';
import { TimeField } from '../../components/TimeField';
import { parseIsoDate } from '../../isoDate';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  id: string;
  meta: RecordingMeta;
  onSaved: () => void;
  readOnly?: boolean;
  /** The agency's time zone: the recorded start is typed on its clock, not the workstation's. */
  timeZone: string;
}

type TextKey = 'officer' | 'badge' | 'school' | 'incident' | 'cad';
type FlagKey = 'useOfForce' | 'arrest' | 'complaint' | 'cjisScreen';

const TEXT_FIELDS: [TextKey, string, number][] = [
  ['officer', 'Officer', 200],
  ['badge', 'Badge', 50],
  ['school', 'School', 200],
  ['incident', 'Incident number', 100],
  ['cad', 'CAD number', 100],
];
const FLAGS: [FlagKey, string][] = [
  ['useOfForce', 'Use of force'],
  ['arrest', 'Arrest'],
  ['complaint', 'Complaint'],
  ['cjisScreen', 'CJIS screen visible'],
];

/** "YYYY-MM-DDTHH:MM:SS" (toAgencyInput) as the date and the time fields show them. */
function splitInput(value: string): { date: string; time: string } {
  const [date = '', time = ''] = value.split('T');
  return { date, time };
}

/** The two fields back as one agency wall-clock value; a date without a time is that midnight. */
function joinInput(date: string, time: string): string {
  if (!date.trim() && !time) return '';
  const d = parseIsoDate(date);
  return `${d.ok ? d.date : date.trim()}T${time || '00:00:00'}`;
}

export function MetadataForm({ id, meta, onSaved, readOnly = false, timeZone }: Props) {
  const toLocalInput = (iso: string | null) => toAgencyInput(iso, timeZone);
  const [form, setForm] = useState<RecordingMeta>(meta);
  const [startDate, setStartDate] = useState(splitInput(toLocalInput(meta.recordedStart)).date);
  const [startTime, setStartTime] = useState(splitInput(toLocalInput(meta.recordedStart)).time);
  const recordedStart = joinInput(startDate, startTime);
  const [categories, setCategories] = useState(meta.categories.join(', '));
  const [saved, setSaved] = useState<string | null>(null);
  const action = useAction();
  const set = <K extends keyof RecordingMeta>(k: K, v: RecordingMeta[K]) => {
    setSaved(null);
    setForm((f) => ({ ...f, [k]: v }));
  };

  const next: RecordingMeta = {
    ...form,
    recordedStart: recordedStart === toLocalInput(meta.recordedStart) ? meta.recordedStart : fromAgencyInput(recordedStart, timeZone),
    categories: parseCategories(categories),
  };
  const changes = changedFields(meta, next);
  const dirty = Object.keys(changes).length > 0;

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty) return;
    return action.run(async () => {
      await call('recordings.updateMeta', { ids: [id], meta: changes });
      setSaved('Details saved and recorded in the custody log.');
      onSaved();
    });
  }

  const discard = () => {
    setForm(meta);
    setStartDate(splitInput(toLocalInput(meta.recordedStart)).date);
    setStartTime(splitInput(toLocalInput(meta.recordedStart)).time);
    setCategories(meta.categories.join(', '));
  };

  return (
    <form className="panel meta-form" onSubmit={submit} aria-labelledby="meta-title">
      <h2 id="meta-title">Details</h2>
      {readOnly && <p className="muted small">Your role can view but not change these details.</p>}
      <fieldset className="bare" disabled={readOnly}>
        <div className="grid-2">
          {TEXT_FIELDS.map(([k, label, max]) => (
            <Field key={k} label={label}>
              <input value={form[k]} maxLength={max} onChange={(e) => set(k, e.target.value)} />
            </Field>
          ))}
          <div className="toolbar align-start" role="group" aria-label="Recorded start">
            <DateField
              label="Recorded start date"
              value={startDate}
              onChange={(v) => {
                setSaved(null);
                setStartDate(v);
              }}
              inline
            />
            <TimeField
              label="Recorded start time"
              seconds
              hint={`agency time (${timeZone})${next.recordedStart ? `: ${formatAgencyDateTime(next.recordedStart, timeZone)}` : ''}`}
              value={startTime}
              onChange={(v) => {
                setSaved(null);
                setStartTime(v);
              }}
              inline
            />
          </div>
          <Field label="Location type">
            <select value={form.locationType} onChange={(e) => set('locationType', e.target.value as RecordingMeta['locationType'])}>
              <option value="">Not set (treated as a school)</option>
              {LOCATION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t[0].toUpperCase() + t.slice(1)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <Field label="Minors present">
          <select
            value={form.minorsPresent === null ? '' : form.minorsPresent ? 'yes' : 'no'}
            onChange={(e) => set('minorsPresent', e.target.value === '' ? null : e.target.value === 'yes')}
          >
            <option value="">Not set (treated as a school with children)</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </Field>
        {form.minorsPresent && <MinorsEditor minors={form.minors} onChange={(m) => set('minors', m)} />}
        <fieldset className="flags">
          <legend>Flags</legend>
          {FLAGS.map(([k, label]) => (
            <label key={k} className="check">
              <input type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} />
              <span>{label}</span>
            </label>
          ))}
        </fieldset>
        <Field label="Categories (comma-separated)">
          <input
            value={categories}
            onChange={(e) => {
              setSaved(null);
              setCategories(e.target.value);
            }}
          />
        </Field>
        <Field label="Notes">
          <textarea rows={4} maxLength={20000} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        </Field>
      </fieldset>
      <ErrorAlert message={action.error} />
      <StatusNote message={saved} />
      {!readOnly && (
        <FormActions>
          <button type="button" disabled={!dirty || action.busy} onClick={discard}>
            Discard changes
          </button>
          <button type="submit" className="primary" disabled={!dirty || action.busy}>
            {action.busy ? 'Saving…' : 'Save details'}
          </button>
        </FormActions>
      )}
    </form>
  );
}
