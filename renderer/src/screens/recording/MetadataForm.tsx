import { useState, type FormEvent } from 'react';
import { LOCATION_TYPES, type RecordingMeta } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { MinorsEditor } from './MinorsEditor';
import { formatAgencyDateTime, fromAgencyInput, toAgencyInput } from '../../agencyTime';
import { changedFields, parseCategories } from './metaForm';

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

export function MetadataForm({ id, meta, onSaved, readOnly = false, timeZone }: Props) {
  const toLocalInput = (iso: string | null) => toAgencyInput(iso, timeZone);
  const [form, setForm] = useState<RecordingMeta>(meta);
  const [recordedStart, setRecordedStart] = useState(toLocalInput(meta.recordedStart));
  const [categories, setCategories] = useState(meta.categories.join(', '));
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
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

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty) return;
    setBusy(true);
    setError(null);
    try {
      await call('recordings.updateMeta', { ids: [id], meta: changes });
      setSaved('Details saved and recorded in the custody log.');
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const discard = () => {
    setForm(meta);
    setRecordedStart(toLocalInput(meta.recordedStart));
    setCategories(meta.categories.join(', '));
  };

  return (
    <form className="panel meta-form" onSubmit={submit} aria-labelledby="meta-title">
      <h2 id="meta-title">Details</h2>
      {readOnly && <p className="muted small">Your role can view but not change these details.</p>}
      <fieldset className="bare" disabled={readOnly}>
        <div className="grid-2">
          {TEXT_FIELDS.map(([k, label, max]) => (
            <label key={k} className="field">
              <span>{label}</span>
              <input value={form[k]} maxLength={max} onChange={(e) => set(k, e.target.value)} />
            </label>
          ))}
          <label className="field">
            <span>Recorded start</span>
            <input
              type="datetime-local"
              step={1}
              value={recordedStart}
              onChange={(e) => {
                setSaved(null);
                setRecordedStart(e.target.value);
              }}
            />
            <small className="field-hint">
              Agency time ({timeZone}){next.recordedStart ? `: ${formatAgencyDateTime(next.recordedStart, timeZone)}` : ''}
            </small>
          </label>
          <label className="field">
            <span>Location type</span>
            <select value={form.locationType} onChange={(e) => set('locationType', e.target.value as RecordingMeta['locationType'])}>
              <option value="">Not set (treated as a school)</option>
              {LOCATION_TYPES.map((t) => (
                <option key={t} value={t}>
                  {t[0].toUpperCase() + t.slice(1)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <label className="field">
          <span>Minors present</span>
          <select
            value={form.minorsPresent === null ? '' : form.minorsPresent ? 'yes' : 'no'}
            onChange={(e) => set('minorsPresent', e.target.value === '' ? null : e.target.value === 'yes')}
          >
            <option value="">Not set (treated as a school with children)</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </label>
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
        <label className="field">
          <span>Categories (comma-separated)</span>
          <input
            value={categories}
            onChange={(e) => {
              setSaved(null);
              setCategories(e.target.value);
            }}
          />
        </label>
        <label className="field">
          <span>Notes</span>
          <textarea rows={4} maxLength={20000} value={form.notes} onChange={(e) => set('notes', e.target.value)} />
        </label>
      </fieldset>
      <ErrorAlert message={error} />
      <StatusNote message={saved} />
      {!readOnly && (
        <div className="form-actions">
          <button type="button" disabled={!dirty || busy} onClick={discard}>
            Discard changes
          </button>
          <button type="submit" className="primary" disabled={!dirty || busy}>
            {busy ? 'Saving…' : 'Save details'}
          </button>
        </div>
      )}
    </form>
  );
}
