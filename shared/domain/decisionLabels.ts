import type { RecordingDecisionKind } from '../contract/requestTypes';
import type { ReleaseOutcome } from './releaseTypes';
import type { RequestState } from './requestWorkflow';

/** The words every screen, letter and custody sentence uses for a request state's, a decision's and an outcome's code. */

export const STATE_LABELS: Record<RequestState, string> = {
  received: 'Received',
  'in-preparation': 'In preparation',
  'awaiting-review': 'Awaiting legal review',
  approved: 'Approved',
  'partially-approved': 'Partially approved',
  denied: 'Denied',
  released: 'Released',
  closed: 'Closed',
};

export const DECISION_LABELS: Record<RecordingDecisionKind, string> = {
  approve: 'Approve as is',
  'approve-redacted': 'Approve with redaction',
  'view-only': 'View only (on premises)',
  withhold: 'Withhold',
};

export const OUTCOME_LABELS: Record<ReleaseOutcome, string> = {
  blocked: 'Blocked: school personnel',
  withhold: 'Withhold',
  'redact-release': 'Redact and release',
  release: 'Release',
  'view-only': 'Viewing on premises only',
  'attorney-copy': 'Copy for the attorney',
  'official-copy': 'Copy for official use',
};
