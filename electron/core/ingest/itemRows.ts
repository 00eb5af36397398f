import type { RecordingMeta, StreamFacts } from '../../../shared/contract';
import type { Db } from '../db/database';
import type { ProbeResult } from '../media/probe';
import { indexForSearch } from '../library/searchIndex';
import { minorsPresentColumn } from '../library/minorsPresent';

/** SQL for the items table during ingest. Every function here runs inside a write transaction. */

export const EMPTY_META: RecordingMeta = {
  officer: '', badge: '', school: '', incident: '', cad: '', recordedStart: null, locationType: '', minorsPresent: null,
  minors: [], useOfForce: false, arrest: false, complaint: false, cjisScreen: false, categories: [], notes: '',
};

export interface ItemFacts {
  sha256: string;
  size: number;
  originalName: string;
  sourcePath: string;
  sourceMtime: string;
  probe: ProbeResult;
}

export interface ItemRow {
  id: string;
  sha256: string;
  size: number;
  original_name: string;
  source_path: string;
  source_mtime: string | null;
  state: 'staged' | 'committed' | 'failed';
  playable: number;
  browser_playable: number;
  unplayable_reason: string | null;
  container: string | null;
  duration_sec: number | null;
  creation_time: string | null;
  streams: string;
}

export function itemBySha(db: Db, sha256: string): ItemRow | undefined {
  return db.prepare('SELECT * FROM items WHERE sha256 = ?').get(sha256) as ItemRow | undefined;
}

/**
 * A short id that sorts by ingest date and says which bytes it is: REC-20240305-1a2b3c4d.
 * On the rare clash of the first 8 hex digits the id grows until it is unique.
 */
export function newItemId(db: Db, sha256: string, now: Date): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const exists = db.prepare('SELECT 1 FROM items WHERE id = ?');
  for (let n = 8; n <= 48; n += 4) {
    const id = `REC-${day}-${sha256.slice(0, n)}`;
    if (!exists.get(id)) return id;
  }
  throw new Error(`no free item id for ${sha256}`);
}

function streamsJson(streams: readonly StreamFacts[]): string {
  return JSON.stringify(streams.map((s) => ({ ...s })));
}

function factParams(f: ItemFacts, now: string, by: string) {
  return {
    sha256: f.sha256,
    size: f.size,
    original_name: f.originalName,
    source_path: f.sourcePath,
    source_mtime: f.sourceMtime,
    ingested_at: now,
    ingested_by: by,
    playable: f.probe.playable ? 1 : 0,
    browser_playable: f.probe.browserPlayable ? 1 : 0,
    unplayable_reason: f.probe.playable ? null : (f.probe.unplayableReason ?? 'ffprobe found nothing it could play in this file.'),
    container: f.probe.container ?? null,
    duration_sec: f.probe.durationSec ?? null,
    creation_time: f.probe.creationTime ?? null,
    streams: streamsJson(f.probe.streams),
  };
}

/** Inserts the item as `staged` (step 4), or reuses the row of an earlier failed attempt at the same bytes. */
export function insertStaged(db: Db, id: string, f: ItemFacts, now: string, by: string): void {
  db.prepare(
    `INSERT INTO items (id, sha256, size, original_name, source_path, source_mtime, kind, state, ingested_at, ingested_by,
       playable, browser_playable, unplayable_reason, container, duration_sec, creation_time, streams)
     VALUES (@id, @sha256, @size, @original_name, @source_path, @source_mtime, 'recording', 'staged', @ingested_at, @ingested_by,
       @playable, @browser_playable, @unplayable_reason, @container, @duration_sec, @creation_time, @streams)`,
  ).run({ id, ...factParams(f, now, by) });
}

export function restage(db: Db, id: string, f: ItemFacts, now: string, by: string): void {
  const r = db
    .prepare(
      `UPDATE items SET state = 'staged', size = @size, original_name = @original_name, source_path = @source_path,
         source_mtime = @source_mtime, ingested_at = @ingested_at, ingested_by = @ingested_by, playable = @playable,
         browser_playable = @browser_playable, unplayable_reason = @unplayable_reason, container = @container,
         duration_sec = @duration_sec, creation_time = @creation_time, streams = @streams
       WHERE id = @id AND state = 'failed' AND sha256 = @sha256`,
    )
    .run({ id, ...factParams(f, now, by) });
  if (r.changes !== 1) throw new Error(`item ${id} is not a failed row for these bytes`);
}

/** Step 6: committed, with its metadata and search row (the custody entry goes in the same transaction). */
export function commitStaged(db: Db, id: string, originalName: string, meta: RecordingMeta, now: string): void {
  const r = db.prepare("UPDATE items SET state = 'committed', ingested_at = ? WHERE id = ? AND state = 'staged'").run(now, id);
  if (r.changes !== 1) throw new Error(`item ${id} is not staged`);
  db.prepare(
    `INSERT OR REPLACE INTO recording_meta (item_id, officer, badge, school, incident, cad, recorded_start, location_type,
       minors_present, minors, use_of_force, arrest, complaint, cjis_screen, categories, notes)
     VALUES (@id, @officer, @badge, @school, @incident, @cad, @recordedStart, @locationType,
       @minorsPresent, @minors, @useOfForce, @arrest, @complaint, @cjisScreen, @categories, @notes)`,
  ).run({
    id,
    ...meta,
    minorsPresent: minorsPresentColumn(meta.minorsPresent),
    useOfForce: meta.useOfForce ? 1 : 0,
    arrest: meta.arrest ? 1 : 0,
    complaint: meta.complaint ? 1 : 0,
    cjisScreen: meta.cjisScreen ? 1 : 0,
    minors: JSON.stringify(meta.minors),
    categories: JSON.stringify(meta.categories),
  });
  indexForSearch(db, id, originalName, meta);
}

export function markFailed(db: Db, id: string): boolean {
  return db.prepare("UPDATE items SET state = 'failed' WHERE id = ? AND state = 'staged'").run(id).changes === 1;
}

/** The probe facts worth keeping in the custody entry. */
export function probeSummary(p: ProbeResult): Record<string, unknown> {
  return {
    container: p.container ?? null,
    durationSec: p.durationSec ?? null,
    creationTime: p.creationTime ?? null,
    browserPlayable: p.browserPlayable,
    streams: p.streams.map((s) =>
      [s.type, s.codec ?? '?', s.width && s.height ? `${s.width}x${s.height}` : '', s.rotation ? `rot${s.rotation}` : '', s.channels ? `${s.channels}ch` : '']
        .filter((x) => x !== '')
        .join(' '),
    ),
  };
}
