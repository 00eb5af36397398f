import type { RecordingDecisionKind } from '../contract/requestTypes';

/**
 * The one place that says what each legal decision lets leave the agency. A copy (release,
 * export) goes out only for decisions that mean a copy: "approve" (which covers the attorney's
 * and the official's copy, KRS 61.168(5)(e)/(f)) and "approve-redacted". "view-only"
 * (KRS 61.168(5)(d): a directly involved person may view, not take a copy) is shown at a
 * viewing on agency premises and never copied; "withhold" goes nowhere.
 */

export type ReleaseMedium = 'copy' | 'viewing';

const ALLOWS: Record<RecordingDecisionKind, readonly ReleaseMedium[]> = {
  approve: ['copy', 'viewing'],
  'approve-redacted': ['copy', 'viewing'],
  'view-only': ['viewing'],
  withhold: [],
};

export function decisionAllows(decision: RecordingDecisionKind, medium: ReleaseMedium): boolean {
  return (ALLOWS[decision] ?? []).includes(medium);
}

export const COPY_DECISIONS: readonly RecordingDecisionKind[] = (Object.keys(ALLOWS) as RecordingDecisionKind[]).filter((d) => decisionAllows(d, 'copy'));
