// Checkpoint seals (issue 14, custody/checkpointSeal.ts): per signed checkpoint, a keyed hash
// under a key derived from the private checkpoint key (outside the database) that says its
// signature was checked, so verifying a log with many checkpoints does not repeat ~150 µs of
// Ed25519 per checkpoint. Derived data: a missing or wrong seal only means the full check. No
// foreign key, so removing a checkpoint behind the app's back is still caught by verification,
// not refused here.
export const m0140 = {
  version: 140,
  name: 'checkpoint_seals',
  sql: `
CREATE TABLE checkpoint_seals (
  checkpoint_id INTEGER PRIMARY KEY,
  seal BLOB NOT NULL
) STRICT;
`,
};
