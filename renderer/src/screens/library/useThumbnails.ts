import { useCallback, useEffect, useRef, useState } from 'react';
import { call } from '../../api';

/** At most this many thumbnails are kept in this window (a few MB); the oldest asked-for go first. */
const KEEP = 1000;
/** A recording without a thumbnail yet (its job may still be running) is asked about again after this long. */
const RETRY_MISSING_MS = 30_000;
/** The most ids the core answers in one call. */
const BATCH = 100;

type Entry = { url: string } | { missingSince: number };
const cache = new Map<string, Entry>();
const inFlight = new Set<string>();

function put(id: string, e: Entry): void {
  cache.delete(id);
  cache.set(id, e);
  if (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
}

function wanted(id: string, now: number): boolean {
  if (inFlight.has(id)) return false;
  const e = cache.get(id);
  return e === undefined || ('missingSince' in e && now - e.missingSince > RETRY_MISSING_MS);
}

export interface Thumbnails {
  /** The data URL of a recording's thumbnail; null when it has none (yet); undefined while unknown. */
  urlOf: (id: string) => string | null | undefined;
  /** Asks the core for the thumbnails of these rows that this window does not hold yet. */
  load: (ids: readonly string[]) => void;
}

/**
 * Thumbnails for the library's visible rows, fetched in batches (`recordings.thumbnails`) and
 * kept for the window's life, so scrolling back shows them at once. A failed batch is dropped
 * quietly: the tile stays blank and the row still works.
 */
export function useThumbnails(): Thumbnails {
  const [, setVersion] = useState(0);
  const alive = useRef(true);
  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const load = useCallback((ids: readonly string[]) => {
    const now = Date.now();
    const ask = [...new Set(ids)].filter((id) => wanted(id, now));
    for (let i = 0; i < ask.length; i += BATCH) {
      const batch = ask.slice(i, i + BATCH);
      batch.forEach((id) => inFlight.add(id));
      call('recordings.thumbnails', { ids: batch }).then(
        (res) => {
          const got = new Map(res.thumbnails.map((t) => [t.id, t.dataUrl]));
          const at = Date.now();
          for (const id of batch) {
            inFlight.delete(id);
            const url = got.get(id);
            put(id, url ? { url } : { missingSince: at });
          }
          if (alive.current) setVersion((v) => v + 1);
        },
        () => batch.forEach((id) => inFlight.delete(id)),
      );
    }
  }, []);

  const urlOf = useCallback((id: string) => {
    const e = cache.get(id);
    if (e === undefined) return undefined;
    return 'url' in e ? e.url : null;
  }, []);

  return { urlOf, load };
}
