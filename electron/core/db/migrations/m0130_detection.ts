// Detection assist (issue 15, docs/detection.md): a run of the detectors over one recording and
// the tracks it proposes to hide. A run is written whole, with its proposals, in one transaction
// when it finishes (a cancelled run leaves nothing). A proposal's track never changes; its
// status moves once, from 'proposed' to 'accepted' (it then becomes a region of a new plan
// version) or 'rejected', and each decision is in the custody log.
export const m0130 = {
  version: 130,
  name: 'detection',
  sql: `
CREATE TABLE detection_runs (
  id INTEGER PRIMARY KEY,
  item_id TEXT NOT NULL REFERENCES items(id),
  item_sha256 TEXT NOT NULL,
  every_n INTEGER NOT NULL CHECK (every_n >= 1),
  fps REAL NOT NULL,
  frames_sampled INTEGER NOT NULL,
  frame_width INTEGER NOT NULL,
  frame_height INTEGER NOT NULL,
  detectors TEXT NOT NULL,
  options TEXT NOT NULL,
  elapsed_ms INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_id INTEGER
) STRICT;
CREATE INDEX detection_runs_item ON detection_runs(item_id, id);
CREATE TRIGGER detection_runs_fixed BEFORE UPDATE ON detection_runs
BEGIN SELECT RAISE(ABORT, 'a detection run cannot be rewritten'); END;

CREATE TABLE detection_proposals (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES detection_runs(id),
  track_id TEXT NOT NULL,
  cls TEXT NOT NULL CHECK (cls IN ('face', 'head', 'screen')),
  detectors TEXT NOT NULL,
  confidence REAL NOT NULL,
  start_t REAL NOT NULL,
  end_t REAL NOT NULL,
  track_json TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'accepted', 'rejected')),
  decided_at TEXT,
  decided_by TEXT,
  decided_by_id INTEGER,
  plan_version INTEGER,
  UNIQUE (run_id, track_id)
) STRICT;
CREATE INDEX detection_proposals_run ON detection_proposals(run_id, id);
CREATE TRIGGER detection_proposals_decided_once BEFORE UPDATE ON detection_proposals
WHEN OLD.status <> 'proposed' OR NEW.track_json IS NOT OLD.track_json OR NEW.run_id IS NOT OLD.run_id OR NEW.track_id IS NOT OLD.track_id
  OR NEW.cls IS NOT OLD.cls OR NEW.confidence IS NOT OLD.confidence
BEGIN SELECT RAISE(ABORT, 'a detection proposal is decided once and its track never changes'); END;
`,
};
