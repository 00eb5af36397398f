import { useState } from 'react';
import type { JobInfo } from '../../../../shared/contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobCard } from './JobCard';
import { useJobs } from '../../useJobs';

/** Finished thumbnails and viewing copies are routine; they fold away so ingests stay in view. */
const isRoutine = (j: JobInfo): boolean => j.status === 'done' && j.kind !== 'ingest' && j.kind !== 'backup';

const order = (a: JobInfo, b: JobInfo): number =>
  Number(b.status === 'running') - Number(a.status === 'running') || b.startedAt.localeCompare(a.startedAt);

export function JobsPanel({ nudge }: { nudge: number }) {
  const [own, setOwn] = useState(0);
  const { jobs, error } = useJobs(nudge + own);
  const refresh = () => setOwn((n) => n + 1);
  const sorted = jobs ? [...jobs].sort(order) : null;
  const main = sorted?.filter((j) => !isRoutine(j)) ?? [];
  const routine = sorted?.filter(isRoutine) ?? [];
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <ErrorAlert message={error} />
      {sorted === null && <p className="muted">Loading…</p>}
      {sorted?.length === 0 && <p className="muted">No jobs since Custodian started.</p>}
      {main.length > 0 && (
        <ul className="jobs" aria-label="Jobs">
          {main.map((j) => (
            <JobCard key={j.id} job={j} onChanged={refresh} />
          ))}
        </ul>
      )}
      {routine.length > 0 && (
        <details className="routine-jobs">
          <summary>
            {routine.length} finished background {routine.length === 1 ? 'task' : 'tasks'} (thumbnails, viewing copies)
          </summary>
          <ul className="plain small">
            {routine.map((j) => (
              <li key={j.id}>
                {j.title} <span className="muted">— {j.message || 'done'}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
