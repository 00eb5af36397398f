// Redaction studio: plans are versioned documents with their own hash, and a render is a new
// evidence item (items.kind = 'redacted-copy') linked to its parent, the plan hash, the ffmpeg
// version and arguments and its leak-check report. This is the one place a redacted copy is
// recorded: the decision's old `rendered_outputs` placeholder column (never written) is dropped,
// and the signed payload no longer carries `renderedOutputs` (older payloads keep their empty
// list verbatim, so their signatures still verify).
export const m0090 = {
  version: 90,
  name: 'redaction',
  sql: `
CREATE TABLE redaction_plans (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id),
  version INTEGER NOT NULL,
  plan_json TEXT NOT NULL,
  plan_hash TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_id INTEGER,
  created_at TEXT NOT NULL,
  UNIQUE (item_id, version)
) STRICT;
CREATE INDEX redaction_plans_hash ON redaction_plans(item_id, plan_hash);
CREATE TRIGGER redaction_plans_fixed BEFORE UPDATE ON redaction_plans
BEGIN SELECT RAISE(ABORT, 'a saved redaction plan cannot be rewritten; save a new version'); END;
CREATE TRIGGER redaction_plans_no_delete BEFORE DELETE ON redaction_plans
BEGIN SELECT RAISE(ABORT, 'a saved redaction plan cannot be deleted'); END;

CREATE TABLE renders (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id),
  parent_item_id TEXT NOT NULL REFERENCES items(id),
  parent_sha256 TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  plan_hash TEXT NOT NULL,
  ffmpeg_version TEXT NOT NULL,
  ffmpeg_args TEXT NOT NULL,
  check_report TEXT NOT NULL,
  check_ok INTEGER NOT NULL CHECK (check_ok IN (0, 1)),
  checked_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_id INTEGER
) STRICT;
CREATE INDEX renders_parent ON renders(parent_item_id, id);
CREATE INDEX renders_item ON renders(item_id);

ALTER TABLE request_decisions DROP COLUMN rendered_outputs;
`,
};
