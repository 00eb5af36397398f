// Release gate: "are minors present?" has three answers, yes, no and not set, and not set is the
// protective case (a school with children of unknown role). The column keeps 1 (yes) and 0 (no)
// and gains -1 for not set (MINORS_UNSET in library/recordingsRepo.ts). Before this version
// the form's unticked box wrote 0 whether or not anybody had looked, so every 0 becomes "not
// set": a custodian confirms "no" once more rather than the engine reading silence as "no".
export const m0080 = {
  version: 80,
  name: 'minors-present-unset',
  sql: `
UPDATE recording_meta SET minors_present = -1 WHERE minors_present = 0;
`,
};
