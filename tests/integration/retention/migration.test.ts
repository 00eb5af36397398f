import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDir } from '../requests/desk';

/** Migration 110 rebuilds `items` (a CHECK gains 'destroyed') on a database that already holds recordings and rows pointing at them. */
describe('migration 110 (retention)', () => {
  it('keeps every item and every reference, the sort triggers, and accepts the destroyed state only', () => {
    const dir = tempDir('custodian-m110-');
    const file = path.join(dir, 'custodian.sqlite');
    const before = migrations.filter((m) => m.version < 110);
    const old = openDatabase(file, before);
    old.prepare("INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by) VALUES ('REC-1', ?, 10, 'a.mp4', '/a.mp4', 'recording', 'committed', '2026-11-01T00:00:00.000Z', 'test')").run('a'.repeat(64));
    old.prepare("INSERT INTO recording_meta (item_id, recorded_start) VALUES ('REC-1', '2026-10-01T10:00:00.000Z')").run();
    old.prepare("INSERT INTO derivatives (item_id, kind, path, sha256, size, tool, params, made_at, made_by) VALUES ('REC-1', 'thumbnail', 'aa/x.jpg', ?, 1, 'ffmpeg', '[]', 'now', 'test')").run('b'.repeat(64));
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(110);
      expect(db.prepare('SELECT id, state, sort_start FROM items').all()).toEqual([{ id: 'REC-1', state: 'committed', sort_start: '2026-10-01T10:00:00.000Z' }]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
      // The references still point at the rebuilt table (a missing item is refused).
      expect(() => db.prepare("INSERT INTO derivatives (item_id, kind, path, sha256, size, tool, params, made_at, made_by) VALUES ('NOPE', 'proxy', 'p', 'c', 1, 'f', '[]', 'n', 't')").run()).toThrow(/FOREIGN KEY/);
      db.prepare("UPDATE recording_meta SET recorded_start = '2026-10-02T10:00:00.000Z' WHERE item_id = 'REC-1'").run();
      expect(db.prepare('SELECT sort_start FROM items').get()).toEqual({ sort_start: '2026-10-02T10:00:00.000Z' });
      expect(() => db.prepare("UPDATE items SET state = 'gone' WHERE id = 'REC-1'").run()).toThrow(/CHECK/);
      db.prepare("UPDATE items SET state = 'destroyed' WHERE id = 'REC-1'").run();
      expect(() => db.prepare("UPDATE items SET state = 'committed' WHERE id = 'REC-1'").run()).toThrow(/destroyed item cannot be changed/);
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
