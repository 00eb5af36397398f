// Custody log filters (issue 12): by date range and by user, fast on a million entries. A
// date range is turned into the seq span it covers through `at`; a user filter walks its own
// index (username, case-insensitive as typed). Indexes only: the log's rows are not touched.
export const m0120 = {
  version: 120,
  name: 'custody_log_filters',
  sql: `
CREATE INDEX custody_log_at ON custody_log(at);
CREATE INDEX custody_log_username ON custody_log(username COLLATE NOCASE);
`,
};
