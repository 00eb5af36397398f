import { LOCATION_TYPES } from '../../../../shared/contract';
import type { BatchMetaState } from './batchMeta';
import { Field } from '../../components/Field';

interface Props {
  value: BatchMetaState;
  onChange: (v: BatchMetaState) => void;
}

const TEXT: [keyof Omit<BatchMetaState, 'locationType' | 'minorsPresent'>, string][] = [
  ['officer', 'Batch officer'],
  ['badge', 'Batch badge'],
  ['school', 'Batch school'],
  ['incident', 'Batch incident number'],
  ['cad', 'Batch CAD number'],
];

export function BatchMetaForm({ value, onChange }: Props) {
  return (
    <fieldset className="panel">
      <legend>Details for the whole batch (optional)</legend>
      <p className="muted small">Applied to every file in this ingest. Leave blank what differs between files; you can edit each recording later.</p>
      <div className="grid-3">
        {TEXT.map(([k, label]) => (
          <Field key={k} label={label}>
            <input value={value[k]} onChange={(e) => onChange({ ...value, [k]: e.target.value })} />
          </Field>
        ))}
        <Field label="Batch location type">
          <select value={value.locationType} onChange={(e) => onChange({ ...value, locationType: e.target.value as BatchMetaState['locationType'] })}>
            <option value="">Not set</option>
            {LOCATION_TYPES.map((t) => (
              <option key={t} value={t}>
                {t[0].toUpperCase() + t.slice(1)}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Batch minors present">
          <select value={value.minorsPresent} onChange={(e) => onChange({ ...value, minorsPresent: e.target.value as BatchMetaState['minorsPresent'] })}>
            <option value="unset">Not set</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        </Field>
      </div>
    </fieldset>
  );
}
