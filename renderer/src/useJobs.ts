import { useEffect, useState } from 'react';
import type { JobInfo } from '../../shared/contract';
import { call, messageOf } from './api';

const POLL_MS = 500;

/**
 * Polls `jobs.list` every half second while any job is running; `nudge` forces a fresh look.
 * With `enabled` false it does not poll (a panel that has nothing to watch).
 */
export function useJobs(nudge: number, enabled = true): { jobs: JobInfo[] | null; error: string | null } {
  const [jobs, setJobs] = useState<JobInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let live = true;
    let timer: number | undefined;
    const tick = () => {
      call('jobs.list', {}).then(
        (list) => {
          if (!live) return;
          setJobs(list);
          setError(null);
          if (list.some((j) => j.status === 'running')) timer = window.setTimeout(tick, POLL_MS);
        },
        (err: unknown) => {
          if (!live) return;
          setError(messageOf(err));
          timer = window.setTimeout(tick, POLL_MS * 4);
        },
      );
    };
    tick();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [nudge, enabled]);

  return { jobs, error };
}
