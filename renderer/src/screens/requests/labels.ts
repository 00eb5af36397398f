import type { DeadlineState, LetterKind, RequestChannel, ResidencyBasis } from '../../../../shared/contract';
import type { RequesterCategory } from '../../../../shared/domain/releaseTypes';
import { dayOfWeek, isLocalDate } from '../../../../shared/domain/localDate';

/** The words the request desk shows for the core's codes. */

export { STATE_LABELS } from '../../../../shared/domain/decisionLabels';

export const CATEGORY_LABELS: Record<RequesterCategory, string> = {
  public: 'Member of the public',
  media: 'News media',
  'directly-involved': 'Directly involved person (or parent/guardian)',
  attorney: 'Kentucky attorney for a directly involved person',
  agency: 'Other law-enforcement agency (official use)',
  court: 'Prosecutor, court order, subpoena or discovery',
  'school-personnel': 'School personnel',
};

export const CHANNEL_LABELS: Record<RequestChannel, string> = {
  email: 'E-mail',
  mail: 'Mail',
  fax: 'Fax',
  'hand-delivery': 'Hand delivery',
  'ag-form': "Attorney General's standard request form",
};

export const RESIDENCY_LABELS: Record<ResidencyBasis, string> = {
  'ky-resident': 'Kentucky resident',
  'ky-business': 'Business with a location in Kentucky',
  'employed-in-ky': 'Employed in Kentucky',
  'ky-property-owner': 'Owns property in Kentucky',
  'agent-of-resident': 'Agent of a Kentucky resident',
  'news-media': 'News media in Kentucky',
  'not-stated': 'Not stated',
};

export { DECISION_LABELS, OUTCOME_LABELS } from '../../../../shared/domain/decisionLabels';

export const LETTER_LABELS: Record<LetterKind, string> = {
  acknowledgement: 'Acknowledgement',
  approval: 'Approval',
  denial: 'Denial',
  'viewing-appointment': 'Viewing appointment',
  'delay-notice': 'Delay notice',
  'school-personnel-denial': 'School-personnel denial',
};

export const DEADLINE_LABELS: Record<DeadlineState, string> = {
  'due-today': 'Due today',
  overdue: 'Overdue',
  upcoming: 'Upcoming',
  answered: 'Answered',
};

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Wed 2026-12-02": the weekday matters when counting business days by eye. */
export function formatLocalDate(date: string): string {
  return isLocalDate(date) ? `${WEEKDAYS[dayOfWeek(date)]} ${date}` : date;
}
