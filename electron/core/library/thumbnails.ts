import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';

/** A stored thumbnail is a 320-pixel-wide JPEG of a few kilobytes; anything far larger is not sent to a table row. */
const MAX_THUMBNAIL_BYTES = 256 * 1024;

/** Thumbnails of recent asks, by derivative path and size, so scrolling back and forth does not re-read files. */
const CACHE_ENTRIES = 2000;
const cache = new Map<string, string>();

function remember(key: string, value: string): void {
  cache.delete(key);
  cache.set(key, value);
  if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
}

/**
 * The stored thumbnails (derivatives of kind 'thumbnail', made at ingest) of committed items,
 * as JPEG data URLs. Items without one, destroyed items and unreadable or oversized files are
 * left out: the table shows a blank tile for them.
 */
export function thumbnailsFor(db: Db, derivedDir: string, ids: readonly string[]): { id: string; dataUrl: string }[] {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const rows = db
    .prepare(
      `SELECT d.item_id AS id, d.path AS path, d.size AS size FROM derivatives d JOIN items i ON i.id = d.item_id
       WHERE d.kind = 'thumbnail' AND i.state = 'committed' AND d.item_id IN (${unique.map(() => '?').join(',')})`,
    )
    .all(...unique) as { id: string; path: string; size: number }[];
  const out: { id: string; dataUrl: string }[] = [];
  for (const r of rows) {
    if (r.size > MAX_THUMBNAIL_BYTES) continue;
    const key = `${r.path}\u0000${r.size}`;
    let dataUrl = cache.get(key);
    if (dataUrl === undefined) {
      try {
        const bytes = fs.readFileSync(path.join(derivedDir, r.path));
        if (bytes.length !== r.size) continue;
        dataUrl = `data:image/jpeg;base64,${bytes.toString('base64')}`;
      } catch {
        continue;
      }
      remember(key, dataUrl);
    } else {
      remember(key, dataUrl);
    }
    out.push({ id: r.id, dataUrl });
  }
  return out;
}
