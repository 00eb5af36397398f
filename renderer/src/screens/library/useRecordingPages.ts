import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordingRow } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import type { PageQuery } from './libraryFilters';

export const PAGE_SIZE = 200;

interface Cache {
  key: string;
  total: number | null;
  pages: Map<number, RecordingRow[]>;
  inFlight: Set<number>;
}

export interface RecordingPages {
  total: number | null;
  error: string | null;
  rowAt: (index: number) => RecordingRow | undefined;
  /** Every row loaded so far for this query (for measuring the columns). */
  loadedPages: () => Iterable<RecordingRow[]>;
  /** Changes whenever a page arrives. */
  version: number;
  /** Loads every page touching [first, last] that is not loaded or loading yet. */
  ensure: (first: number, last: number) => void;
}

/** Pages of `recordings.query`, fetched as the table scrolls; a new query drops the old pages. */
export function useRecordingPages(query: PageQuery): RecordingPages {
  const key = JSON.stringify(query);
  const cache = useRef<Cache>({ key: '', total: null, pages: new Map(), inFlight: new Set() });
  const [version, setVersion] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const queryRef = useRef(query);
  queryRef.current = query;

  const fetchPage = useCallback((page: number) => {
    const c = cache.current;
    if (c.pages.has(page) || c.inFlight.has(page)) return;
    c.inFlight.add(page);
    const forKey = c.key;
    call('recordings.query', { ...queryRef.current, offset: page * PAGE_SIZE, limit: PAGE_SIZE }).then(
      (res) => {
        if (cache.current.key !== forKey) return;
        c.inFlight.delete(page);
        c.pages.set(page, res.rows);
        c.total = res.total;
        setError(null);
        setVersion((v) => v + 1);
      },
      (err: unknown) => {
        if (cache.current.key !== forKey) return;
        c.inFlight.delete(page);
        setError(messageOf(err));
        setVersion((v) => v + 1);
      },
    );
  }, []);

  if (cache.current.key !== key) {
    cache.current = { key, total: null, pages: new Map(), inFlight: new Set() };
  }

  useEffect(() => {
    fetchPage(0);
  }, [key, fetchPage]);

  const ensure = useCallback(
    (first: number, last: number) => {
      const total = cache.current.total;
      if (total === null) return;
      const lastPage = Math.floor(Math.min(last, total - 1) / PAGE_SIZE);
      for (let p = Math.floor(Math.max(0, first) / PAGE_SIZE); p <= lastPage; p++) fetchPage(p);
    },
    [fetchPage],
  );

  const rowAt = useCallback((index: number) => cache.current.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE], []);

  const loadedPages = useCallback(() => cache.current.pages.values(), []);

  return { total: cache.current.total, error, rowAt, ensure, loadedPages, version };
}
