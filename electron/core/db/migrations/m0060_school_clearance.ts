// Release gate, who is school personnel: a NEAR match (a district name almost matching, a school
// phrase in the requester's name, a district domain written outside an address) blocks like a
// definite finding until a legal reviewer clears it with a written reason.
// - request_school_near_matches: the near matches found so far, sticky like requests.school_why
//   (a later edit of the district list does not make them go away); `detail` is the JSON of the
//   match as shared/domain/schoolPersonnel.ts NearMatch describes it.
// - request_school_clearances: each clearance, with the keys of the matches it covered then
//   (`match_keys`, JSON array); a match found later is not covered. Append-only by design: the
//   custody log holds the same facts (`school-match-cleared`).
export const m0060 = {
  version: 60,
  name: 'school-near-match-clearance',
  sql: `
CREATE TABLE request_school_near_matches (
  request_id INTEGER NOT NULL REFERENCES requests(id),
  match_key TEXT NOT NULL,
  detail TEXT NOT NULL,
  detected_at TEXT NOT NULL,
  PRIMARY KEY (request_id, match_key)
);
CREATE TABLE request_school_clearances (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  match_keys TEXT NOT NULL,
  match_text TEXT NOT NULL,
  reason TEXT NOT NULL,
  cleared_by INTEGER REFERENCES users(id),
  cleared_by_name TEXT NOT NULL,
  cleared_at TEXT NOT NULL
);
CREATE INDEX request_school_clearances_request ON request_school_clearances(request_id);
`,
};
