import { useEffect, useMemo, useState } from 'react';
import { countOf } from '../../../../shared/plural';
import type { RecordingRow } from '../../../../shared/contract';
import { call } from '../../api';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { COLUMNS } from '../library/columns';
import { LibraryFilters } from '../library/LibraryFilters';
import { EMPTY_FILTERS, toQuery, type LibraryFilterState } from '../library/libraryFilters';

/** The library's own search, for choosing the recordings a request covers. */

const SHOW_AT_MOST = 50;
const TEXT_DEBOUNCE_MS = 250;
const SHOWN = COLUMNS.filter((c) => ['recordedStart', 'school', 'officer', 'incident', 'minors'].includes(c.id));

interface Props {
  chosen: readonly RecordingRow[];
  onChange: (rows: RecordingRow[]) => void;
  /** Already linked: shown as such, not offered again. */
  linkedIds?: readonly string[];
}

export function RecordingPicker({ chosen, onChange, linkedIds = [] }: Props) {
  const [filters, setFilters] = useState<LibraryFilterState>(EMPTY_FILTERS);
  const [text, setText] = useState('');
  useEffect(() => {
    const t = window.setTimeout(() => setText(filters.text), TEXT_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [filters.text]);
  const query = useMemo(() => toQuery({ ...filters, text }), [filters, text]);
  const key = JSON.stringify(query);
  const results = useLoad(() => call('recordings.query', { ...query, offset: 0, limit: SHOW_AT_MOST }), key);
  const facets = useLoad(() => call('recordings.facets', {}), 'facets');
  // Recorded start on the agency's clock with its zone, as in the Library.
  const { timeZone } = useAgencyTimeZone();
  const chosenIds = new Set(chosen.map((r) => r.id));

  const toggle = (row: RecordingRow, on: boolean) => onChange(on ? [...chosen.filter((r) => r.id !== row.id), row] : chosen.filter((r) => r.id !== row.id));

  return (
    <div className="stack picker">
      <LibraryFilters
        value={filters}
        onChange={setFilters}
        onClear={() => {
          setFilters(EMPTY_FILTERS);
          setText('');
        }}
        schools={facets.data?.schools ?? []}
        officers={facets.data?.officers ?? []}
      />
      <ErrorAlert message={results.error ?? facets.error} />
      {results.data && (
        <table className="data-table picker-table">
          <caption>
            {results.data.total > SHOW_AT_MOST ? `First ${SHOW_AT_MOST} of ${results.data.total} matching recordings; narrow the search to see others.` : `${countOf(results.data.total, 'matching recording')}`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Link</th>
              <th scope="col">Original name</th>
              {SHOWN.map((c) => (
                <th key={c.id} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {results.data.rows.map((r) => {
              const linked = linkedIds.includes(r.id);
              return (
                <tr key={r.id} className={linked ? 'row-muted' : undefined}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Link ${r.originalName}`}
                      checked={linked || chosenIds.has(r.id)}
                      disabled={linked}
                      onChange={(e) => toggle(r, e.target.checked)}
                    />
                  </td>
                  <td className="breakall">
                    {r.originalName} <span className="muted small mono">{r.id}</span>
                    {linked && <span className="muted small"> (linked)</span>}
                  </td>
                  {SHOWN.map((c) => (
                    <td key={c.id} className="small" title={c.title?.(r, timeZone)}>
                      {c.text(r, timeZone)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div aria-label="Chosen recordings" role="group">
        <strong>Chosen: {chosen.length === 0 ? 'none yet' : chosen.length}</strong>
        {chosen.length > 0 && (
          <ul className="chosen-list">
            {chosen.map((r) => (
              <li key={r.id}>
                <span className="breakall">{r.originalName}</span>{' '}
                <button type="button" className="small" onClick={() => toggle(r, false)} aria-label={`Remove ${r.originalName} from the chosen recordings`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
