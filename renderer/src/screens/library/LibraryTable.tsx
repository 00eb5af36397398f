import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { hrefFor, navigate } from '../../router';
import { COLUMNS, GRID_TEMPLATE } from './columns';
import type { LibraryFilterState, SortKey } from './libraryFilters';
import type { RecordingPages } from './useRecordingPages';

const ROW_HEIGHT = 34;
const FETCH_SETTLE_MS = 60;

interface Props {
  pages: RecordingPages;
  sort: SortKey;
  dir: LibraryFilterState['dir'];
  onSort: (key: SortKey) => void;
  /** Changes whenever the query does, so the view returns to the top. */
  queryKey: string;
  /** The agency's time zone: recorded starts are shown on its clock. */
  timeZone: string;
}

export function LibraryTable({ pages, sort, dir, onSort, queryKey, timeZone }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pages.total ?? 0;
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 15,
  });
  const items = virtualizer.getVirtualItems();
  const first = items.length ? items[0].index : 0;
  const last = items.length ? items[items.length - 1].index : 0;
  const { ensure } = pages;

  // Wait for the scrolling to settle, so dragging the scrollbar across 100,000 rows does not
  // queue a request for every page it passes.
  useEffect(() => {
    const t = window.setTimeout(() => ensure(first, last), FETCH_SETTLE_MS);
    return () => window.clearTimeout(t);
  }, [ensure, first, last, total]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  return (
    <div className="vtable" role="table" aria-label="Recordings" aria-rowcount={total + 1}>
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row" style={{ gridTemplateColumns: GRID_TEMPLATE }}>
          {COLUMNS.map((c) => {
            const active = c.sort !== undefined && c.sort === sort;
            return (
              <div
                key={c.id}
                role="columnheader"
                aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                className="vtable-cell"
              >
                {c.sort ? (
                  <button type="button" className="sort-button" onClick={() => c.sort && onSort(c.sort)}>
                    {c.label}
                    <span aria-hidden="true">{active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                ) : (
                  c.label
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div ref={scrollRef} role="rowgroup" className="vtable-body">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = pages.rowAt(v.index);
            return (
              <div
                key={v.key}
                role="row"
                aria-rowindex={v.index + 2}
                className={row ? 'vtable-row vtable-data' : 'vtable-row vtable-loading'}
                style={{ gridTemplateColumns: GRID_TEMPLATE, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                onClick={row ? () => navigate({ name: 'recording', id: row.id }) : undefined}
              >
                {row ? (
                  COLUMNS.map((c) => (
                    <div key={c.id} role="cell" className={`vtable-cell col-${c.id}`} title={(c.title ?? c.text)(row, timeZone)}>
                      {c.id === 'originalName' ? (
                        <>
                          <a href={hrefFor({ name: 'recording', id: row.id })} onClick={(e) => e.stopPropagation()}>
                            {row.originalName}
                          </a>
                          {row.kind === 'redacted-copy' && <span className="badge"> redacted copy</span>}
                        </>
                      ) : (
                        c.text(row, timeZone)
                      )}
                    </div>
                  ))
                ) : (
                  <div role="cell" className="vtable-cell muted">
                    Loading…
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
