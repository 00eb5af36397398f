import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { objectPath } from '../store/objectPaths';
import type { LeakReport } from './leakReport';

/** SQL for the renders table: one row per render of a redacted copy (a new evidence item). */

export interface RenderRow {
  id: number;
  item_id: string;
  parent_item_id: string;
  parent_sha256: string;
  sha256: string;
  plan_hash: string;
  ffmpeg_version: string;
  ffmpeg_args: string;
  check_report: string;
  check_ok: number;
  checked_at: string;
  created_at: string;
  created_by: string;
  created_by_id: number | null;
}

export interface NewRender {
  itemId: string;
  parentItemId: string;
  parentSha256: string;
  sha256: string;
  planHash: string;
  ffmpegVersion: string;
  ffmpegArgs: unknown;
  report: LeakReport;
  at: string;
  by: string;
  byId: number | null;
}

export function insertRender(db: Db, r: NewRender): number {
  const info = db
    .prepare(
      `INSERT INTO renders (item_id, parent_item_id, parent_sha256, sha256, plan_hash, ffmpeg_version, ffmpeg_args, check_report, check_ok, checked_at, created_at, created_by, created_by_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.itemId, r.parentItemId, r.parentSha256, r.sha256, r.planHash, r.ffmpegVersion, JSON.stringify(r.ffmpegArgs), JSON.stringify(r.report), r.report.ok ? 1 : 0, r.at, r.at, r.by, r.byId);
  return Number(info.lastInsertRowid);
}

export function updateRenderCheck(db: Db, renderId: number, report: LeakReport, at: string): void {
  db.prepare('UPDATE renders SET check_report = ?, check_ok = ?, checked_at = ? WHERE id = ?').run(JSON.stringify(report), report.ok ? 1 : 0, at, renderId);
}

export function rendersOf(db: Db, parentItemId: string): RenderRow[] {
  return db.prepare('SELECT * FROM renders WHERE parent_item_id = ? ORDER BY id DESC').all(parentItemId) as RenderRow[];
}

/** The newest render that made this item (a redacted copy), or undefined for any other item. */
export function renderOfItem(db: Db, itemId: string): RenderRow | undefined {
  return db.prepare('SELECT * FROM renders WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(itemId) as RenderRow | undefined;
}

/**
 * The newest render of `parentItemId` that was made from exactly `parentSha256`, whose leak check
 * passed, whose item is committed with that SHA-256, and whose object is in the store with the
 * recorded size. The release path re-hashes it (redactions.ts).
 */
export function latestPassingRender(core: CoreContext, parentItemId: string, parentSha256: string): { itemId: string; sha256: string; size: number; renderId: number } | null {
  const row = core.db
    .prepare(
      `SELECT r.id, r.item_id, r.sha256, i.size FROM renders r JOIN items i ON i.id = r.item_id
       WHERE r.parent_item_id = ? AND r.parent_sha256 = ? AND r.check_ok = 1 AND i.state = 'committed' AND i.sha256 = r.sha256
       ORDER BY r.id DESC LIMIT 1`,
    )
    .get(parentItemId, parentSha256) as { id: number; item_id: string; sha256: string; size: number } | undefined;
  if (!row) return null;
  try {
    const st = fs.statSync(objectPath(core.paths.objects, row.sha256));
    if (!st.isFile() || st.size !== row.size) return null;
  } catch {
    return null;
  }
  return { itemId: row.item_id, sha256: row.sha256, size: row.size, renderId: row.id };
}

/** SHA-256 of a stored object, read synchronously in large chunks (the release re-checks its copy); null if unreadable. */
export function hashObjectSync(core: CoreContext, sha256: string): string | null {
  let fd: number | null = null;
  try {
    fd = fs.openSync(objectPath(core.paths.objects, sha256), 'r');
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    for (let n = fs.readSync(fd, buf, 0, buf.length, null); n > 0; n = fs.readSync(fd, buf, 0, buf.length, null)) hash.update(buf.subarray(0, n));
    return hash.digest('hex');
  } catch {
    return null;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}
