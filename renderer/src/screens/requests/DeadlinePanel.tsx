import type { RequestDetail } from '../../../../shared/contract';
import { formatAgencyTime } from '../../agencyTime';
import { DeadlineBadges } from './DeadlineBadges';
import { DelayForm } from './DelayForm';
import { DEADLINE_LABELS, formatLocalDate } from './labels';

interface Props {
  detail: RequestDetail;
  timeZone: string;
  canDelay: boolean;
  onChanged: () => void;
}

export function DeadlinePanel({ detail: d, timeZone, canDelay, onChanged }: Props) {
  const open = d.deadline !== 'answered' && !['released', 'closed', 'denied'].includes(d.state);
  return (
    <section className={`panel stack deadline-${d.deadline}`} aria-labelledby="deadline-title">
      <h2 id="deadline-title">Response due</h2>
      <p className="due-date" aria-label="Response due date">
        {formatLocalDate(d.dueDate)}
      </p>
      <p>
        <span className="badges">
          <DeadlineBadges request={{ ...d, schoolPersonnel: false }} />
        </span>{' '}
        <span className="muted small">{d.deadline === 'upcoming' ? DEADLINE_LABELS.upcoming : ''}</span>
      </p>
      <dl className="facts">
        <div>
          <dt>Statutory due date</dt>
          <dd>{formatLocalDate(d.statutoryDueDate)} (5 business days, KRS 61.880(1))</dd>
        </div>
        {d.delay && (
          <div>
            <dt>Delayed</dt>
            <dd>
              from {formatLocalDate(d.delay.originalDueDate)} to {formatLocalDate(d.delay.earliestAvailable)}; notice dated {formatLocalDate(d.delay.noticeDate)}. {d.delay.explanation}
            </dd>
          </div>
        )}
        {d.answeredAt && (
          <div>
            <dt>Answered</dt>
            <dd>{formatAgencyTime(d.answeredAt, timeZone)}</dd>
          </div>
        )}
      </dl>
      {canDelay && open && <DelayForm requestId={d.id} onChanged={onChanged} />}
    </section>
  );
}
