import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Core } from '../../../electron/core/core';
import { objectPath } from '../../../electron/core/store/objectPaths';

/**
 * Puts a committed item straight into the store and the database, with its custody entry,
 * the way a finished ingest leaves it (the backup tests need evidence, not the ingest path).
 */
export function addStoredItem(core: Core, bytes: Buffer = randomBytes(64 * 1024 + Math.floor(Math.random() * 4096))): { id: string; sha256: string; size: number } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const file = objectPath(core.paths.objects, sha256);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  const id = randomUUID();
  core.record(core.systemActor(), () => {
    core.db
      .prepare(
        `INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by)
         VALUES (?, ?, ?, ?, ?, 'recording', 'committed', ?, 'test')`,
      )
      .run(id, sha256, bytes.length, `clip-${id.slice(0, 4)}.mp4`, '/media/card/clip.mp4', core.clock().toISOString());
    return { result: null, events: [{ action: 'ingest', objectId: id, objectSha256: sha256, details: { size: bytes.length } }] };
  });
  return { id, sha256, size: bytes.length };
}
