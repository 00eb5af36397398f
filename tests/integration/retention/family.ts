import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '../../../electron/core/openCore';
import { writeTx } from '../../../electron/core/db/database';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { addRecording } from '../requests/desk';

/**
 * A recording with what follows it, on real files: a thumbnail and a playable copy under
 * derived/, and a redacted copy (an item of kind 'redacted-copy' with its render row) that has
 * its own thumbnail. The redaction pipeline has its own tests; here the bytes only need to exist.
 */
export interface Family {
  id: string;
  sha256: string;
  copyId: string;
  copySha256: string;
  files: string[];
}

function derivative(core: Core, itemId: string, sha256: string, kind: 'thumbnail' | 'proxy'): string {
  const rel = `${sha256.slice(0, 2)}/${sha256}.${kind === 'proxy' ? 'mp4' : 'jpg'}`;
  const file = path.join(core.paths.derived, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const bytes = randomBytes(32);
  fs.writeFileSync(file, bytes);
  core.db
    .prepare('INSERT INTO derivatives (item_id, kind, path, sha256, size, tool, params, made_at, made_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    .run(itemId, kind, rel, createHash('sha256').update(bytes).digest('hex'), bytes.length, 'ffmpeg', '[]', new Date().toISOString(), 'test');
  return file;
}

export function addFamily(core: Core, meta: Parameters<typeof addRecording>[1] = {}): Family {
  const rec = addRecording(core, meta);
  const bytes = randomBytes(80);
  const copySha256 = createHash('sha256').update(bytes).digest('hex');
  const copyFile = objectPath(core.paths.objects, copySha256);
  fs.mkdirSync(path.dirname(copyFile), { recursive: true });
  fs.writeFileSync(copyFile, bytes, { mode: 0o400 });
  const copyId = `RED-${copySha256.slice(0, 8)}`;
  const files: string[] = [objectPath(core.paths.objects, rec.sha256), copyFile];
  writeTx(core.db, () => {
    core.db
      .prepare("INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by, playable) VALUES (?, ?, ?, ?, ?, 'redacted-copy', 'committed', ?, 'test', 1)")
      .run(copyId, copySha256, bytes.length, `${rec.id}-redacted.mp4`, `render:${rec.id}`, new Date().toISOString());
    core.db
      .prepare(
        `INSERT INTO renders (item_id, parent_item_id, parent_sha256, sha256, plan_hash, ffmpeg_version, ffmpeg_args, check_report, check_ok, checked_at, created_at, created_by)
         VALUES (?, ?, ?, ?, 'plan', 'test', '[]', '{}', 1, ?, ?, 'test')`,
      )
      .run(copyId, rec.id, rec.sha256, copySha256, new Date().toISOString(), new Date().toISOString());
    files.push(derivative(core, rec.id, rec.sha256, 'thumbnail'), derivative(core, rec.id, rec.sha256, 'proxy'), derivative(core, copyId, copySha256, 'thumbnail'));
  });
  return { id: rec.id, sha256: rec.sha256, copyId, copySha256, files };
}

export const RECORDED = '2026-11-02T14:10:00Z';
/** 61 days after the recorded start of the desk's recordings: past the L6707 60 days. */
export const AFTER_61_DAYS = '2027-01-02T15:00:00Z';
