import { useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { RecordingRow } from '../../../../shared/contract';
import { hrefFor, navigate } from '../../router';
import { COLUMNS, THUMB_COLUMN_PX } from './columns';
import { gridTemplate, growWidths, type WidthRule } from './columnWidths';
import type { LibraryFilterState, SortKey } from './libraryFilters';
import type { RecordingPages } from './useRecordingPages';
import { useThumbnails } from './useThumbnails';
import './library.css';

/** Tall enough for a 64 × 36 thumbnail. */
const ROW_HEIGHT = 42;
const FETCH_SETTLE_MS = 60;
/** Room for the sort arrow after a header's label. */
const SORT_ARROW = ' ▼';

const RULES: WidthRule[] = [{ id: 'thumb', fixedPx: THUMB_COLUMN_PX, maxPx: THUMB_COLUMN_PX }, ...COLUMNS.map((c) => ({ id: c.id, maxPx: c.maxPx, grow: c.grow }))];

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

/** Text widths with the table's own fonts (one canvas for the window). */
let canvas: CanvasRenderingContext2D | null = null;
function measurer(body: HTMLElement | null, head: HTMLElement | null): (text: string, header: boolean) => number {
  canvas ??= document.createElement('canvas').getContext('2d');
  const bodyFont = body ? getComputedStyle(body).font : '14px system-ui';
  const headCell = head?.querySelector('.vtable-cell');
  const headFont = headCell ? getComputedStyle(headCell).font : `600 12px system-ui`;
  return (text, header) => {
    if (!canvas) return text.length * 8;
    canvas.font = header ? headFont : bodyFont;
    return canvas.measureText(text).width;
  };
}

interface Fit {
  key: string;
  widest: Record<string, number>;
  measured: WeakSet<RecordingRow[]>;
}

export function LibraryTable({ pages, sort, dir, onSort, queryKey, timeZone }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLDivElement>(null);
  const fit = useRef<Fit>({ key: '', widest: {}, measured: new WeakSet() });
  const thumbs = useThumbnails();
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
  const { ensure, rowAt } = pages;
  const { load: loadThumbs } = thumbs;

  // Wait for the scrolling to settle, so dragging the scrollbar across 100,000 rows does not
  // queue a request for every page (or thumbnail) it passes.
  useEffect(() => {
    const t = window.setTimeout(() => {
      ensure(first, last);
      const ids: string[] = [];
      for (let i = first; i <= last; i++) {
        const row = rowAt(i);
        if (row) ids.push(row.id);
      }
      if (ids.length) loadThumbs(ids);
    }, FETCH_SETTLE_MS);
    return () => window.clearTimeout(t);
  }, [ensure, rowAt, loadThumbs, first, last, total, pages.version]);

  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  // Each column as wide as its widest loaded text (and its header); measured once per page.
  const { template, minWidthPx } = useMemo(() => {
    const key = `${queryKey}\u0000${timeZone}`;
    if (fit.current.key !== key) fit.current = { key, widest: {}, measured: new WeakSet() };
    const f = fit.current;
    const measure = measurer(scrollRef.current, headRef.current);
    const measured: [string, number][] = COLUMNS.map((c) => [c.id, measure(c.sort ? `${c.label}${SORT_ARROW}` : c.label, true)]);
    for (const page of pages.loadedPages()) {
      if (f.measured.has(page)) continue;
      f.measured.add(page);
      for (const row of page) for (const c of COLUMNS) measured.push([c.id, measure(c.text(row, timeZone), false)]);
    }
    f.widest = growWidths(f.widest, measured);
    return gridTemplate(RULES, f.widest);
    // pages.version changes when a page arrives; the pages themselves are read through the ref-backed loadedPages.
  }, [pages.version, pages.loadedPages, queryKey, timeZone]);

  return (
    <div className="vtable" role="table" aria-label="Recordings" aria-rowcount={total + 1}>
      <div ref={headRef} role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row" style={{ gridTemplateColumns: template, minWidth: minWidthPx }}>
          <div role="columnheader" className="vtable-cell">
            <span className="visually-hidden">Thumbnail</span>
          </div>
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
      <div
        ref={scrollRef}
        role="rowgroup"
        className="vtable-body"
        style={{ overflowX: 'auto' }}
        onScroll={(e) => {
          if (headRef.current) headRef.current.scrollLeft = e.currentTarget.scrollLeft;
        }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative', minWidth: minWidthPx }}>
          {items.map((v) => {
            const row = pages.rowAt(v.index);
            const thumb = row ? thumbs.urlOf(row.id) : undefined;
            return (
              <div
                key={v.key}
                role="row"
                aria-rowindex={v.index + 2}
                className={row ? 'vtable-row vtable-data' : 'vtable-row vtable-loading'}
                style={{ gridTemplateColumns: template, minWidth: minWidthPx, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                onClick={row ? () => navigate({ name: 'recording', id: row.id }) : undefined}
              >
                {row ? (
                  <>
                    <div role="cell" className="vtable-cell col-thumb">
                      {thumb ? <img className="row-thumb" src={thumb} alt={`Thumbnail of ${row.originalName}`} width={64} height={36} decoding="async" /> : <span className="row-thumb row-thumb-none" aria-hidden="true" />}
                    </div>
                    {COLUMNS.map((c) => (
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
                    ))}
                  </>
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
