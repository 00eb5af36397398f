import type { RequestSummary } from '../../../../shared/contract';
import { DEADLINE_LABELS } from './labels';

/** Due today / overdue / delayed / school personnel, as small badges beside a request. */
export function DeadlineBadges({ request }: { request: Pick<RequestSummary, 'deadline' | 'delayed' | 'schoolPersonnel'> }) {
  return (
    <>
      {request.deadline === 'overdue' && <span className="badge badge-danger">{DEADLINE_LABELS.overdue}</span>}
      {request.deadline === 'due-today' && <span className="badge badge-warn">{DEADLINE_LABELS['due-today']}</span>}
      {request.deadline === 'answered' && <span className="badge badge-done">{DEADLINE_LABELS.answered}</span>}
      {request.delayed && <span className="badge">Delayed (KRS 61.872(5))</span>}
      {request.schoolPersonnel && <span className="badge badge-school">School personnel</span>}
    </>
  );
}
