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
    <label className="field field-inline">
      <span>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as TriState)}>
        <option value="any">Any</option>
        <option value="yes">Yes</option>
        <option value="no">No</option>
      </select>
    </label>
  );
}

export function LibraryFilters({ value, onChange, onClear, schools, officers }: Props) {
  const set = <K extends keyof LibraryFilterState>(k: K, v: LibraryFilterState[K]) => onChange({ ...value, [k]: v });
  return (
    <form className="filters" role="search" aria-label="Library filters" onSubmit={(e) => e.preventDefault()}>
      <label className="field field-grow">
        <span>Search recordings</span>
        <input
          type="search"
          placeholder="Name, officer, school, incident, notes…"
          value={value.text}
          onChange={(e) => set('text', e.target.value)}
        />
      </label>
      <label className="field field-inline">
        <span>Recorded from</span>
        <input type="date" value={value.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field field-inline">
        <span>Recorded to</span>
        <input type="date" value={value.to} onChange={(e) => set('to', e.target.value)} />
      </label>
      <label className="field field-inline">
        <span>School</span>
        <select value={value.school} onChange={(e) => set('school', e.target.value)}>
          <option value="">All schools</option>
          {schools.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Officer</span>
        <select value={value.officer} onChange={(e) => set('officer', e.target.value)}>
          <option value="">All officers</option>
          {officers.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <label className="field field-inline">
        <span>Incident</span>
        <input value={value.incident} onChange={(e) => set('incident', e.target.value)} size={12} />
      </label>
      <TriSelect label="Minors present" value={value.minors} onChange={(v) => set('minors', v)} />
      <TriSelect label="Playable" value={value.playable} onChange={(v) => set('playable', v)} />
      <label className="field field-inline">
        <span>Show</span>
        <select value={value.kind} onChange={(e) => set('kind', e.target.value as LibraryFilterState['kind'])}>
          <option value="recording">Originals</option>
          <option value="redacted-copy">Redacted copies</option>
          <option value="any">Both</option>
        </select>
      </label>
      <button type="button" onClick={onClear}>
        Clear filters
      </button>
    </form>
  );
}
