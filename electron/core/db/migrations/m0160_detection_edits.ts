// Detection assist (issue 15): merging and splitting proposals. A custodian may merge two
// undecided proposals (one person the tracker followed as two tracks) or split one at a moment
// (the tracker jumped from one person to another). The proposals are never rewritten: each edit
// marks the old ones 'replaced' (with the proposal that replaced them) and adds new proposals
// that name where they came from (derived_from: a JSON list of proposal ids). The table is
// rebuilt to widen its status CHECK (SQLite's documented procedure); every row is kept as it was.
export const m0160 = {
  version: 160,
  name: 'detection_edits',
  sql: `
CREATE TABLE detection_proposals_v2 (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES detection_runs(id),
  track_id TEXT NOT NULL,
  cls TEXT NOT NULL CHECK (cls IN ('face', 'head', 'screen')),
  detectors TEXT NOT NULL,
  confidence REAL NOT NULL,
  start_t REAL NOT NULL,
  end_t REAL NOT NULL,
  track_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected', 'replaced')),
  decided_at TEXT,
  decided_by TEXT,
  decided_by_id INTEGER,
  plan_version INTEGER,
  derived_from TEXT,
  replaced_by INTEGER,
  UNIQUE (run_id, track_id),
  CHECK ((status = 'replaced') = (replaced_by IS NOT NULL))
) STRICT;
INSERT INTO detection_proposals_v2 (id, run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json, status, decided_at, decided_by, decided_by_id, plan_version)
  SELECT id, run_id, track_id, cls, detectors, confidence, start_t, end_t, track_json, status, decided_at, decided_by, decided_by_id, plan_version FROM detection_proposals;
DROP TABLE detection_proposals;
ALTER TABLE detection_proposals_v2 RENAME TO detection_proposals;
CREATE INDEX detection_proposals_run ON detection_proposals(run_id, id);
CREATE TRIGGER detection_proposals_decided_once BEFORE UPDATE ON detection_proposals
WHEN OLD.status <> 'proposed' OR NEW.track_json IS NOT OLD.track_json OR NEW.run_id IS NOT OLD.run_id OR NEW.track_id IS NOT OLD.track_id
  OR NEW.cls IS NOT OLD.cls OR NEW.confidence IS NOT OLD.confidence OR NEW.derived_from IS NOT OLD.derived_from
BEGIN SELECT RAISE(ABORT, 'a detection proposal is decided once and its track never changes'); END;
`,
};
