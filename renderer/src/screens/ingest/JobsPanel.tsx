import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { JobCard } from './JobCard';
import { useJobs } from './useJobs';

export function JobsPanel({ nudge }: { nudge: number }) {
  const [own, setOwn] = useState(0);
  const { jobs, error } = useJobs(nudge + own);
  const sorted = jobs ? [...jobs].sort((a, b) => b.startedAt.localeCompare(a.startedAt)) : null;
  return (
    <section className="panel" aria-labelledby="jobs-title">
      <h2 id="jobs-title">Jobs</h2>
      <ErrorAlert message={error} />
      {sorted === null ? (
        <p className="muted">Loading…</p>
      ) : sorted.length === 0 ? (
        <p className="muted">No jobs since Custodian started.</p>
      ) : (
        <ul className="jobs" aria-label="Jobs">
          {sorted.map((j) => (
            <JobCard key={j.id} job={j} onChanged={() => setOwn((n) => n + 1)} />
          ))}
        </ul>
      )}
    </section>
  );
}
