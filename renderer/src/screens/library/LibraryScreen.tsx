import { useEffect, useMemo, useState } from 'react';
import { call } from '../../api';
import { formatCount } from '../../format';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LibraryFilters } from './LibraryFilters';
import { LibraryTable } from './LibraryTable';
import { EMPTY_FILTERS, rememberFilters, rememberedFilters, toQuery, type LibraryFilterState, type SortKey } from './libraryFilters';
import { useRecordingPages } from './useRecordingPages';

/** Typing in the search box waits this long before asking the core. */
const TEXT_DEBOUNCE_MS = 250;

export function LibraryScreen() {
  const [filters, setFilters] = useState<LibraryFilterState>(rememberedFilters);
  const [text, setText] = useState(filters.text);
  const facets = useLoad(() => call('recordings.facets', {}), 'facets');
  const { timeZone } = useAgencyTimeZone();

  useEffect(() => {
    const t = window.setTimeout(() => setText(filters.text), TEXT_DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [filters.text]);

  useEffect(() => rememberFilters(filters), [filters]);

  const query = useMemo(() => toQuery({ ...filters, text }, timeZone), [filters, text, timeZone]);
  const queryKey = JSON.stringify(query);
  const pages = useRecordingPages(query);

  function onSort(key: SortKey) {
    setFilters((f) => ({ ...f, sort: key, dir: f.sort === key && f.dir === 'desc' ? 'asc' : f.sort === key ? 'desc' : key === 'recordedStart' ? 'desc' : 'asc' }));
  }

  return (
    <section className="library" aria-labelledby="library-title">
      <div className="screen-head">
        <h1 id="library-title">Library</h1>
        <p role="status" className="muted">
          {pages.total === null ? 'Loading…' : pages.total === 1 ? '1 recording' : `${formatCount(pages.total)} recordings`}
        </p>
      </div>
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
      <ErrorAlert message={pages.error ?? facets.error} />
      <LibraryTable pages={pages} sort={filters.sort} dir={filters.dir} onSort={onSort} queryKey={queryKey} timeZone={timeZone} />
      {pages.total === 0 && <p className="muted empty-note">No recordings match. Clear the filters or ingest recordings on the Ingest screen.</p>}
    </section>
  );
}
