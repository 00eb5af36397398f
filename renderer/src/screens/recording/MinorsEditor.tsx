import { MINOR_ROLES, type RecordingMeta } from '../../../../shared/contract';
import { Field } from '../../components/Field';

type Minor = RecordingMeta['minors'][number];

const ROLE_TEXT: Record<Minor['role'], string> = {
  custody: 'In custody',
  victim: 'Victim',
  witness: 'Witness',
  bystander: 'Bystander',
};

interface Props {
  minors: Minor[];
  onChange: (minors: Minor[]) => void;
}

/** Minors are described by role only; names of children are never typed into Custodian. */
export function MinorsEditor({ minors, onChange }: Props) {
  const update = (i: number, m: Minor) => onChange(minors.map((x, j) => (j === i ? m : x)));
  return (
    <fieldset className="minors">
      <legend>Minors in the recording</legend>
      {minors.length === 0 && <p className="muted small">No minors listed.</p>}
      <ol className="plain">
        {minors.map((m, i) => (
          <li key={i} className="minor-row">
            <Field label={`Minor ${i + 1} role`} inline>
              <select value={m.role} onChange={(e) => update(i, { ...m, role: e.target.value as Minor['role'] })}>
                {MINOR_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_TEXT[r]}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={`Minor ${i + 1} note`} inline grow>
              <input value={m.note ?? ''} maxLength={200} placeholder="e.g. student in red jacket (no names)" onChange={(e) => update(i, { ...m, note: e.target.value })} />
            </Field>
            <button type="button" onClick={() => onChange(minors.filter((_, j) => j !== i))} aria-label={`Remove minor ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button type="button" onClick={() => onChange([...minors, { role: 'bystander' }])} disabled={minors.length >= 100}>
        Add minor
      </button>
    </fieldset>
  );
}
