// One seal over a run of checkpoints (issue 14, custody/checkpointSeal.ts): "checkpoints 1..N
// as they are now were all checked", so verifying a log with 100,000 checkpoints reads them and
// hashes them once instead of reading and recomputing 100,000 seals. Derived data like
// checkpoint_seals: a missing or wrong range seal only means the per-checkpoint check. One row.
export const m0180 = {
  version: 180,
  name: 'checkpoint_range_seal',
  sql: `
CREATE TABLE checkpoint_range_seal (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  through_id INTEGER NOT NULL,
  seal BLOB NOT NULL
) STRICT;
`,
};
