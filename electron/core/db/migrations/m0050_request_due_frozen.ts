// The request desk: a request's response due date is fixed once it is answered (a written
// answer went out, or it was denied, released or closed). Until then the date follows the
// agency's holiday table and closing time; after, editing the table must not move the date
// the agency was held to. NULL while the request is open; a request answered before this column
// existed gets it at its next transition or letter (requests/workflowGuard.ts, letterService.ts).
export const m0050 = {
  version: 50,
  name: 'request-due-date-frozen',
  sql: `
ALTER TABLE requests ADD COLUMN due_date_frozen TEXT;
`,
};
