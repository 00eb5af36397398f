/** What the leak check reports for one redacted copy (the CLI prints it as `check`); the shape is in the contract. */
export type { LeakFailure, LeakReport } from '../../../shared/contract/redaction';

/** At most this many failures are listed; the last entry says how many more there were. */
export const MAX_LISTED_FAILURES = 200;
