// The request desk: open-records requests, the recordings they cover, the legal reviewer's
// draft and signed decisions, releases, letters, in-person viewings and the holiday table the
// deadline clock reads. Request letters and outgoing letters are items (kind 'request-letter'
// and 'letter') in the content-addressed store, so fixity and reconciliation cover them.
export const m0030 = {
  version: 30,
  name: 'requests',
  sql: `
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('received','in-preparation','awaiting-review','approved','partially-approved','denied','released','closed')),
  requester_name TEXT NOT NULL,
  organization TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  postal_address TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  received_at TEXT NOT NULL,
  description TEXT NOT NULL,
  residency TEXT NOT NULL,
  residency_statement TEXT NOT NULL DEFAULT '',
  attorney_affidavit INTEGER NOT NULL DEFAULT 0,
  -- Sticky: once a request is found to come from school personnel it stays so (policy XVI).
  school_personnel INTEGER NOT NULL DEFAULT 0,
  school_why TEXT NOT NULL DEFAULT '[]',
  -- KRS 61.872(5) delay notice; the statutory due date is recomputed from received_at.
  delay_until TEXT,
  delay_original_due TEXT,
  delay_explanation TEXT,
  delay_notice_date TEXT,
  answered_at TEXT,
  -- User ids (JSON array) who shaped the release: submitted it or changed its recordings.
  preparers TEXT NOT NULL DEFAULT '[]',
  prepared_by INTEGER,
  prepared_by_name TEXT,
  released_at TEXT,
  released_by TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_by_id INTEGER
) STRICT;
CREATE INDEX requests_state ON requests(state);

CREATE TABLE request_recordings (
  request_id INTEGER NOT NULL REFERENCES requests(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (request_id, item_id)
) STRICT;
CREATE INDEX request_recordings_item ON request_recordings(item_id);

CREATE TABLE request_attachments (
  request_id INTEGER NOT NULL REFERENCES requests(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL,
  PRIMARY KEY (request_id, item_id)
) STRICT;

-- The reviewer's per-recording drafts before signing.
CREATE TABLE request_draft_decisions (
  request_id INTEGER NOT NULL REFERENCES requests(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  body TEXT NOT NULL,
  PRIMARY KEY (request_id, item_id)
) STRICT;

-- Signed decisions. payload is the canonical JSON that was signed; never rewritten.
CREATE TABLE request_decisions (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  outcome TEXT NOT NULL CHECK (outcome IN ('approved','partially-approved','denied')),
  decided_by INTEGER NOT NULL,
  decided_by_name TEXT NOT NULL,
  signed_at TEXT NOT NULL,
  payload TEXT NOT NULL,
  signature_sha256 TEXT NOT NULL,
  ed25519_signature TEXT NOT NULL,
  public_key TEXT NOT NULL,
  rendered_outputs TEXT NOT NULL DEFAULT '[]',
  voided_at TEXT,
  void_reason TEXT
) STRICT;
CREATE INDEX request_decisions_request ON request_decisions(request_id);
CREATE TRIGGER request_decisions_payload_fixed BEFORE UPDATE OF payload, signature_sha256, ed25519_signature, decided_by, signed_at, outcome ON request_decisions
BEGIN SELECT RAISE(ABORT, 'a signed decision cannot be rewritten'); END;
CREATE TRIGGER request_decisions_no_delete BEFORE DELETE ON request_decisions
BEGIN SELECT RAISE(ABORT, 'a signed decision cannot be deleted'); END;

CREATE TABLE request_decision_items (
  decision_id INTEGER NOT NULL REFERENCES request_decisions(id),
  item_id TEXT NOT NULL REFERENCES items(id),
  PRIMARY KEY (decision_id, item_id)
) STRICT;
CREATE INDEX request_decision_items_item ON request_decision_items(item_id);

CREATE TABLE request_releases (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  decision_id INTEGER NOT NULL REFERENCES request_decisions(id),
  released_at TEXT NOT NULL,
  released_by TEXT NOT NULL,
  released_by_id INTEGER,
  items TEXT NOT NULL
) STRICT;
CREATE TRIGGER request_releases_no_update BEFORE UPDATE ON request_releases
BEGIN SELECT RAISE(ABORT, 'a release record cannot be changed'); END;
CREATE TRIGGER request_releases_no_delete BEFORE DELETE ON request_releases
BEGIN SELECT RAISE(ABORT, 'a release record cannot be deleted'); END;

CREATE TABLE request_letters (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  kind TEXT NOT NULL,
  item_id TEXT NOT NULL REFERENCES items(id),
  file_name TEXT NOT NULL,
  issued_at TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  warnings TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX request_letters_request ON request_letters(request_id);

CREATE TABLE request_viewings (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  decision_id INTEGER NOT NULL REFERENCES request_decisions(id),
  at TEXT NOT NULL,
  place TEXT NOT NULL,
  attendees TEXT NOT NULL,
  notes TEXT NOT NULL DEFAULT '',
  scheduled_by TEXT NOT NULL,
  started_at TEXT,
  started_by TEXT,
  ended_at TEXT,
  ended_by TEXT
) STRICT;

-- The agency's holiday table (KRS 61.880(1) "legal holidays"), seeded per year.
CREATE TABLE holidays (
  date TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday','half-day','closure')),
  source TEXT NOT NULL CHECK (source IN ('shipped','computed','agency')),
  added_at TEXT NOT NULL,
  added_by TEXT NOT NULL,
  PRIMARY KEY (date, name)
) STRICT;
CREATE TABLE holiday_years (
  year INTEGER PRIMARY KEY,
  seeded_at TEXT NOT NULL,
  source TEXT NOT NULL
) STRICT;
`,
};
