import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/core/db/database';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDir } from '../../helpers/testCore';

/** Migration 160 rebuilds `detection_proposals` (status gains 'replaced') on a database that already holds runs and decided proposals. */
describe('migration 160 (merging and splitting proposals)', () => {
  it('keeps every proposal as it was, and the rule that a decided proposal never changes', () => {
    const dir = tempDir('custodian-m160-');
    const file = path.join(dir, 'custodian.sqlite');
    const old = openDatabase(file, migrations.filter((m) => m.version < 160));
    old.prepare("INSERT INTO items (id, sha256, size, original_name, source_path, kind, state, ingested_at, ingested_by) VALUES ('REC-1', ?, 10, 'a.mp4', '/a.mp4', 'recording', 'committed', '2026-11-01T00:00:00.000Z', 'test')").run('a'.repeat(64));
    old.prepare("INSERT INTO detection_runs (item_id, item_sha256, every_n, fps, frames_sampled, frame_width, frame_height, detectors, options, elapsed_ms, created_at, created_by) VALUES ('REC-1', ?, 5, 15, 12, 320, 240, '[]', '{}', 1, 'now', 'test')").run('a'.repeat(64));
    const insert = old.prepare("INSERT INTO detection_proposals (run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json, status, decided_at, decided_by, plan_version) VALUES (1, ?, 'face', '[]', 0.8, 0, 1, '{}', ?, ?, ?, ?)");
    insert.run('face-1', 'accepted', 'then', 'pat', 3);
    insert.run('face-2', 'proposed', null, null, null);
    old.close();

    const db = openDatabase(file);
    try {
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(160);
      expect(db.prepare('SELECT id, track_id, status, decided_by, plan_version, derived_from, replaced_by FROM detection_proposals ORDER BY id').all()).toEqual([
        { id: 1, track_id: 'face-1', status: 'accepted', decided_by: 'pat', plan_version: 3, derived_from: null, replaced_by: null },
        { id: 2, track_id: 'face-2', status: 'proposed', decided_by: null, plan_version: null, derived_from: null, replaced_by: null },
      ]);
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(() => db.prepare("UPDATE detection_proposals SET status = 'rejected' WHERE id = 1").run()).toThrow(/decided once/);
      expect(() => db.prepare('INSERT INTO detection_proposals (run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json) VALUES (9, \'x\', \'face\', \'[]\', 1, 0, 1, \'{}\')').run()).toThrow(/FOREIGN KEY/);
      db.prepare("UPDATE detection_proposals SET status = 'replaced', replaced_by = 1 WHERE id = 2").run();
      expect(db.prepare('SELECT status FROM detection_proposals WHERE id = 2').get()).toEqual({ status: 'replaced' });
    } finally {
      db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
