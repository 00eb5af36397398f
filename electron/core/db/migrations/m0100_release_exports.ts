// Release export: one row per package that left the agency (what, when, to whom, on what
// medium, the package id), written in the same transaction as the custody entries on the
// request and on each item. Rows are never rewritten or deleted. Also the custody log's stored
// Merkle block roots (derived data).
export const m0100 = {
  version: 100,
  name: 'release_exports',
  sql: `
CREATE TABLE release_exports (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  decision_id INTEGER NOT NULL REFERENCES request_decisions(id),
  package_id TEXT NOT NULL UNIQUE,
  exported_at TEXT NOT NULL,
  exported_by TEXT NOT NULL,
  exported_by_id INTEGER,
  recipient TEXT NOT NULL,
  medium TEXT NOT NULL CHECK (medium IN ('folder', 'share', 'disc')),
  destination TEXT NOT NULL,
  iso_path TEXT,
  iso_sha256 TEXT,
  statement_sha256 TEXT NOT NULL,
  tree_size INTEGER NOT NULL,
  root_hash TEXT NOT NULL,
  files TEXT NOT NULL,
  total_bytes INTEGER NOT NULL
) STRICT;
CREATE INDEX release_exports_request ON release_exports(request_id);
CREATE TRIGGER release_exports_fixed BEFORE UPDATE ON release_exports
BEGIN SELECT RAISE(ABORT, 'a recorded release export cannot be rewritten'); END;
CREATE TRIGGER release_exports_no_delete BEFORE DELETE ON release_exports
BEGIN SELECT RAISE(ABORT, 'a recorded release export cannot be deleted'); END;

-- Derived: the Merkle roots of complete 1024-entry blocks of the custody log (custody/merkle.ts),
-- each with an HMAC under a key derived from the private checkpoint key. Rows that do not check
-- out are recomputed from the log; the table can be emptied at any time.
CREATE TABLE custody_merkle_blocks (
  block INTEGER PRIMARY KEY,
  node BLOB NOT NULL,
  mac BLOB NOT NULL,
  last_entry_hash TEXT NOT NULL
) STRICT;
`,
};
