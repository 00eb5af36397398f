import { useState } from 'react';
import type { JobInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { formatAgencyDateTime } from '../../agencyTime';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { useAction } from '../../components/useAction';
import { IngestResultView } from './IngestResultView';
import { parseIngestResult } from './ingestResult';

const STATUS_TEXT: Record<JobInfo['status'], string> = {
  running: 'Running',
  done: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

export function JobCard({ job, onChanged }: { job: JobInfo; onChanged: () => void }) {
  const [cancelling, setCancelling] = useState(false);
  const action = useAction();
  const result = parseIngestResult(job.result);
  const { timeZone } = useAgencyTimeZone();

  // Stays "Cancelling…" once asked: the job stops at its next checkpoint and the list then shows it.
  const cancel = () =>
    action.run(async () => {
      await call('jobs.cancel', { id: job.id });
      setCancelling(true);
      onChanged();
    });

  return (
    <li className={`job job-${job.status}`} aria-label={`Job: ${job.title}`}>
      <div className="job-head">
        <strong>{job.title}</strong>
        <span className={`badge badge-${job.status}`}>{STATUS_TEXT[job.status]}</span>
        <span className="muted small">
          started by {job.ownerUsername}, <time dateTime={job.startedAt}>{formatAgencyDateTime(job.startedAt, timeZone)}</time>
          {job.endedAt && (
            <>
              {' · ended '}
              <time dateTime={job.endedAt}>{formatAgencyDateTime(job.endedAt, timeZone)}</time>
            </>
          )}
        </span>
        {job.status === 'running' && (
          <button type="button" onClick={() => void cancel()} disabled={cancelling || action.busy} aria-label={`Cancel ${job.title}`}>
            {cancelling || action.busy ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
      </div>
      {job.status === 'running' && <ProgressBar label={`Progress of ${job.title}`} value={job.progress} />}
      {/* A finished ingest is told once, by its result below; the job's last message would say it again. */}
      {job.message && !(result && job.status !== 'running') && <p className="small">{job.message}</p>}
      {job.error && <p className="bad-text">{job.error.message}</p>}
      {job.status === 'cancelled' && !job.error && <p className="muted small">Stopped at your request. Files finished before the stop are kept.</p>}
      {result && job.status !== 'running' && <IngestResultView result={result} />}
      <ErrorAlert message={action.error} />
    </li>
  );
}
