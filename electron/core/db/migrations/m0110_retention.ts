// Retention and holds (issue 13): rules per category, manual holds, destruction batches and
// their items, and a tombstone per destroyed item. Items gain the state 'destroyed': the CHECK
// constraint needs a table rebuild (SQLite cannot alter a CHECK), done with foreign keys off
// (database.ts migrate) and checked with foreign_key_check before the commit. Every query that
// reads `state = 'committed'` (library, fixity, backup, reconciliation, requests) so skips a
// destroyed item without being changed.
export const m0110 = {
  version: 110,
  name: 'retention',
  sql: `
DROP TRIGGER meta_sort_start_ins;
DROP TRIGGER meta_sort_start_upd;
CREATE TABLE items_rebuilt (
  num INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  sha256 TEXT NOT NULL UNIQUE,
  size INTEGER NOT NULL,
  original_name TEXT NOT NULL,
  source_path TEXT NOT NULL,
  source_mtime TEXT,
  kind TEXT NOT NULL DEFAULT 'recording',
  state TEXT NOT NULL CHECK (state IN ('staged','committed','failed','destroyed')),
  ingested_at TEXT NOT NULL,
  ingested_by TEXT NOT NULL,
  playable INTEGER NOT NULL DEFAULT 0,
  browser_playable INTEGER NOT NULL DEFAULT 0,
  unplayable_reason TEXT,
  container TEXT,
  duration_sec REAL,
  creation_time TEXT,
  streams TEXT NOT NULL DEFAULT '[]',
  sort_start TEXT
) STRICT;
INSERT INTO items_rebuilt (num, id, sha256, size, original_name, source_path, source_mtime, kind, state, ingested_at, ingested_by,
  playable, browser_playable, unplayable_reason, container, duration_sec, creation_time, streams, sort_start)
  SELECT num, id, sha256, size, original_name, source_path, source_mtime, kind, state, ingested_at, ingested_by,
  playable, browser_playable, unplayable_reason, container, duration_sec, creation_time, streams, sort_start FROM items;
DROP TABLE items;
ALTER TABLE items_rebuilt RENAME TO items;
CREATE INDEX items_state ON items(state, kind, sort_start);
CREATE TRIGGER items_sort_start_ins AFTER INSERT ON items BEGIN
  UPDATE items SET sort_start = COALESCE((SELECT recorded_start FROM recording_meta WHERE item_id = NEW.id), NEW.creation_time, NEW.ingested_at) WHERE num = NEW.num;
END;
CREATE TRIGGER items_sort_start_upd AFTER UPDATE OF creation_time, ingested_at ON items BEGIN
  UPDATE items SET sort_start = COALESCE((SELECT recorded_start FROM recording_meta WHERE item_id = NEW.id), NEW.creation_time, NEW.ingested_at) WHERE num = NEW.num;
END;
CREATE TRIGGER meta_sort_start_ins AFTER INSERT ON recording_meta BEGIN
  UPDATE items SET sort_start = COALESCE(NEW.recorded_start, creation_time, ingested_at) WHERE id = NEW.item_id;
END;
CREATE TRIGGER meta_sort_start_upd AFTER UPDATE OF recorded_start ON recording_meta BEGIN
  UPDATE items SET sort_start = COALESCE(NEW.recorded_start, creation_time, ingested_at) WHERE id = NEW.item_id;
END;
-- A destroyed item never comes back.
CREATE TRIGGER items_destroyed_final BEFORE UPDATE ON items WHEN OLD.state = 'destroyed'
BEGIN SELECT RAISE(ABORT, 'a destroyed item cannot be changed'); END;

CREATE TABLE retention_rules (
  category TEXT PRIMARY KEY,
  series TEXT NOT NULL,
  title TEXT NOT NULL,
  schedule_text TEXT NOT NULL,
  days INTEGER NOT NULL CHECK (days BETWEEN 1 AND 36500),
  updated_at TEXT NOT NULL,
  updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE retention_holds (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id),
  kind TEXT NOT NULL CHECK (kind IN ('investigation','litigation','complaint')),
  reason TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  placed_by TEXT NOT NULL,
  lifted_at TEXT,
  lifted_by TEXT,
  lift_reason TEXT
) STRICT;
CREATE INDEX retention_holds_item ON retention_holds(item_id, lifted_at);

CREATE TABLE destruction_batches (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('proposed','approved','destroyed')),
  proposed_at TEXT NOT NULL,
  proposed_by TEXT NOT NULL,
  proposed_by_id INTEGER,
  approved_at TEXT,
  approved_by TEXT,
  approved_by_id INTEGER,
  destroyed_at TEXT,
  checkpoint TEXT,
  certificate_item_id TEXT REFERENCES items(id)
) STRICT;

CREATE TABLE destruction_items (
  batch_id INTEGER NOT NULL REFERENCES destruction_batches(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  state TEXT NOT NULL CHECK (state IN ('proposed','destroying','destroyed')),
  PRIMARY KEY (batch_id, item_id)
) STRICT;
CREATE INDEX destruction_items_item ON destruction_items(item_id, state);

CREATE TABLE tombstones (
  item_id TEXT PRIMARY KEY REFERENCES items(id),
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  kind TEXT NOT NULL,
  parent_item_id TEXT,
  recorded_start TEXT,
  ingested_at TEXT NOT NULL,
  retention_date TEXT,
  rule_category TEXT NOT NULL,
  rule_series TEXT NOT NULL,
  batch_id INTEGER NOT NULL REFERENCES destruction_batches(id),
  proposed_by TEXT NOT NULL,
  approved_by TEXT NOT NULL,
  destroyed_at TEXT NOT NULL,
  objects TEXT NOT NULL
) STRICT;
CREATE TRIGGER tombstones_fixed BEFORE UPDATE ON tombstones
BEGIN SELECT RAISE(ABORT, 'a tombstone cannot be rewritten'); END;
CREATE TRIGGER tombstones_no_delete BEFORE DELETE ON tombstones
BEGIN SELECT RAISE(ABORT, 'a tombstone cannot be deleted'); END;
`,
};
