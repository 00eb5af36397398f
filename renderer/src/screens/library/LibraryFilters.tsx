import './library.css';
import { DateFilterField } from '../../components/DateFilterField';
import { Field } from '../../components/Field';
import type { LibraryFilterState, TriState } from './libraryFilters';

interface Props {
  value: LibraryFilterState;
  onChange: (next: LibraryFilterState) => void;
  onClear: () => void;
  schools: string[];
  officers: string[];
}

function TriSelect({ label, value, onChange }: { label: string; value: TriState; onChange: (v: TriState) => void }) {
  return (
    <Field label={label} inline>
      <select value={value} onChange={(e) => onChange(e.target.value as TriState)}>
        <option value="any">Any</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </Field>
  );
}

export function LibraryFilters({ value, onChange, onClear, schools, officers }: Props) {
  const set = <K extends keyof LibraryFilterState>(k: K, v: LibraryFilterState[K]) => onChange({ ...value, [k]: v });
  const backwards = value.from && value.to && value.to < value.from ? `This is before the “Recorded from” date (${value.from}): nothing can match.` : null;
  return (
    <form className="filters library-filters" role="search" aria-label="Library filters" onSubmit={(e) => e.preventDefault()}>
      <Field label="Search recordings" grow>
        <input type="search" placeholder="Name, officer, school, incident, notes…" value={value.text} onChange={(e) => set('text', e.target.value)} />
      </Field>
      <DateFilterField label="Recorded from" value={value.from} onApply={(d) => set('from', d)} inline />
      <DateFilterField label="Recorded to" value={value.to} onApply={(d) => set('to', d)} conflict={backwards} inline />
      <Field label="School" inline>
        <select value={value.school} onChange={(e) => set('school', e.target.value)}>
          <option value="">All schools</option>
          {schools.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Officer" inline>
        <select value={value.officer} onChange={(e) => set('officer', e.target.value)}>
          <option value="">All officers</option>
          {officers.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </Field>
      <Field label="Incident" inline>
        <input value={value.incident} onChange={(e) => set('incident', e.target.value)} size={12} />
      </Field>
      <TriSelect label="Minors present" value={value.minors} onChange={(v) => set('minors', v)} />
      <TriSelect label="Playable" value={value.playable} onChange={(v) => set('playable', v)} />
      <Field label="Show" inline>
        <select value={value.kind} onChange={(e) => set('kind', e.target.value as LibraryFilterState['kind'])}>
          <option value="recording">Originals</option>
          <option value="redacted-copy">Redacted copies</option>
          <option value="any">Both</option>
        </select>
      </Field>
      <button type="button" onClick={onClear}>
        Clear filters
      </button>
    </form>
  );
}
