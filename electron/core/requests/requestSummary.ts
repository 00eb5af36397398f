import type { DashboardInfo, DelayInfo, DeadlineState, RequestSummary } from '../../../shared/contract';
import { addBusinessDays, deadlineStatus, type DeadlineOptions } from '../../../shared/domain/deadlines';
import type { LocalDate } from '../../../shared/domain/localDate';
import { REQUEST_STATES, type RequestState } from '../../../shared/domain/requestWorkflow';
import type { CoreContext } from '../coreContext';
import { deadlineContext, deadlineSettings, statutoryDueDate, todayLocal } from './deadlineClock';
import { schoolStatus } from './requestFacts';
import { listRequestRows, reference, type RequestRow } from './requestRows';
import { stmt } from './sqlCache';

/**
 * Due dates and the dashboard. While a request is open its due date is recomputed from the
 * receipt instant with the holiday table as it is now (an added closure moves open deadlines),
 * unless a delay notice set one. Once it is answered (a written answer went out) or denied,
 * released or closed, the due date it had then is stored (`due_date_frozen`) and used from then
 * on: a later holiday edit must not rewrite the date the agency was held to.
 * "Today" is the core's clock in the agency's zone, so tests can set it.
 */

export function delayInfo(row: RequestRow): DelayInfo | null {
  if (row.delay_until === null) return null;
  return { originalDueDate: row.delay_original_due ?? row.delay_until, earliestAvailable: row.delay_until, explanation: row.delay_explanation ?? '', noticeDate: row.delay_notice_date ?? '' };
}

export function dueDateOf(core: CoreContext, row: RequestRow, options?: DeadlineOptions): LocalDate {
  return row.due_date_frozen ?? row.delay_until ?? statutoryDueDate(core, row.received_at, options);
}

/**
 * The KRS 61.880(1) date counted from receipt, without a delay notice. Fixed with the due date:
 * the delay's recorded original date when there was a delay, else the fixed due date itself.
 */
export function statutoryDueDateOf(core: CoreContext, row: RequestRow, options?: DeadlineOptions): LocalDate {
  if (row.due_date_frozen !== null) return row.delay_until === null ? row.due_date_frozen : (row.delay_original_due ?? statutoryDueDate(core, row.received_at, options));
  return statutoryDueDate(core, row.received_at, options);
}

/** States after which the due date no longer moves (with a written answer, `answered_at`). */
const FIXED_STATES: ReadonlySet<RequestState> = new Set(['denied', 'released', 'closed']);

export function dueDateIsFixed(row: Pick<RequestRow, 'answered_at' | 'state'>): boolean {
  return row.answered_at !== null || FIXED_STATES.has(row.state);
}

/**
 * Stores the due date as it stands now, inside the caller's transaction, when the request is
 * being answered (letter, denial, release, close). A no-op once stored. Returns the date.
 */
export function freezeDueDate(core: CoreContext, row: RequestRow): LocalDate {
  if (row.due_date_frozen !== null) return row.due_date_frozen;
  const due = dueDateOf(core, row);
  stmt(core.db, 'UPDATE requests SET due_date_frozen = ? WHERE id = ? AND due_date_frozen IS NULL').run(due, row.id);
  row.due_date_frozen = due;
  return due;
}

export function isAnswered(row: RequestRow): boolean {
  return row.answered_at !== null || row.state === 'released' || row.state === 'closed';
}

export function deadlineOf(row: RequestRow, due: LocalDate, today: LocalDate): DeadlineState {
  return isAnswered(row) ? 'answered' : deadlineStatus(due, today);
}

function countRecordings(core: CoreContext, id: number): number {
  return (stmt(core.db, 'SELECT COUNT(*) AS n FROM request_recordings WHERE request_id = ?').get(id) as { n: number }).n;
}

export function requestSummary(core: CoreContext, row: RequestRow, today: LocalDate = todayLocal(core), options?: DeadlineOptions): RequestSummary {
  const due = dueDateOf(core, row, options);
  return {
    id: row.id,
    reference: reference(row.id),
    state: row.state,
    requesterName: row.requester_name,
    organization: row.organization,
    category: row.category,
    schoolPersonnel: schoolStatus(core, row).schoolPersonnel,
    receivedAt: row.received_at,
    dueDate: due,
    deadline: deadlineOf(row, due, today),
    delayed: row.delay_until !== null,
    recordingCount: countRecordings(core, row.id),
  };
}

export function listSummaries(core: CoreContext, filter: { states?: readonly RequestState[]; text?: string; limit: number }): RequestSummary[] {
  const rows = listRequestRows(core.db);
  const options = deadlineContext(core, rows.map((r) => r.received_at));
  const today = todayLocal(core);
  const text = filter.text?.trim().toLowerCase() ?? '';
  return rows
    .filter((r) => !filter.states || filter.states.includes(r.state))
    .filter(
      (r) =>
        text === '' ||
        [r.requester_name, r.organization, r.email, reference(r.id), r.description].some((f) => f.toLowerCase().includes(text)),
    )
    .slice(0, filter.limit)
    .map((r) => requestSummary(core, r, today, options));
}

export function dashboard(core: CoreContext): DashboardInfo {
  const rows = listRequestRows(core.db);
  const options = deadlineContext(core, rows.map((r) => r.received_at));
  const today = todayLocal(core);
  const soon = addBusinessDays(today, 5, options.holidays ?? []);
  const byStatus = Object.fromEntries(REQUEST_STATES.map((s) => [s, 0])) as Record<RequestState, number>;
  const info: DashboardInfo = { today, timeZone: deadlineSettings(core).timeZone, byStatus, open: 0, dueToday: [], overdue: [], awaitingReview: [], dueSoon: [] };
  for (const row of rows) {
    byStatus[row.state] += 1;
    const s = requestSummary(core, row, today, options);
    if (!isAnswered(row)) info.open += 1;
    if (s.deadline === 'due-today') info.dueToday.push(s);
    if (s.deadline === 'overdue') info.overdue.push(s);
    if (s.deadline === 'upcoming' && s.dueDate <= soon) info.dueSoon.push(s);
    if (row.state === 'awaiting-review') info.awaitingReview.push(s);
  }
  const byDue = (a: RequestSummary, b: RequestSummary) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id);
  info.overdue.sort(byDue);
  info.dueSoon.sort(byDue);
  info.awaitingReview.sort(byDue);
  return info;
}
