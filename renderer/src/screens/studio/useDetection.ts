import { useEffect, useState } from 'react';
import type { DetectionRunInfo, JobInfo, ProposalInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { useJobs } from '../../useJobs';
import { useLoad } from '../../useLoad';

/**
 * The studio's view of detection assist (shared/contract/detection.ts): the recording's runs, the
 * chosen run's proposals, and the detection job running now (on the shared media queue).
 */
export interface DetectionState {
  runs: DetectionRunInfo[];
  runId: number | null;
  chooseRun: (id: number) => void;
  run: DetectionRunInfo | null;
  proposals: ProposalInfo[];
  error: string | null;
  /** The detection job this window started or found running for this recording. */
  job: JobInfo | null;
  running: boolean;
  start: () => Promise<void>;
  cancel: () => Promise<void>;
  /** Loads runs and proposals again (after a decision, merge or split). */
  refresh: () => void;
}

export function useDetection(itemId: string): DetectionState {
  const [nudge, setNudge] = useState(0);
  const [chosen, setChosen] = useState<number | null>(null);
  const [jobId, setJobId] = useState<string | null>(null);
  const [jobNudge, setJobNudge] = useState(0);
  const runs = useLoad(() => call('detection.runs', { recordingId: itemId }), `${itemId}:${nudge}`);
  const list = runs.data?.runs ?? [];
  const runId = chosen !== null && list.some((r) => r.runId === chosen) ? chosen : (list[0]?.runId ?? null);
  const proposals = useLoad(() => (runId === null ? Promise.resolve(null) : call('detection.proposals', { runId })), `${runId}:${nudge}`);

  // A detection of this recording already running (started before the studio was opened) is shown too.
  const { jobs, error: jobsError } = useJobs(jobNudge);
  const found = jobs?.find((j) => j.kind === 'detection' && j.itemId === itemId && j.status === 'running') ?? null;
  useEffect(() => {
    if (jobId === null && found) setJobId(found.id);
  }, [jobId, found?.id]);
  const job = (jobId !== null ? jobs?.find((j) => j.id === jobId) : found) ?? null;
  const running = job?.status === 'running' || (jobId !== null && job === null);
  useEffect(() => {
    if (job && job.status !== 'running') {
      setNudge((n) => n + 1);
      if (job.status === 'done') setChosen((job.result as { runId?: number } | null)?.runId ?? null);
    }
  }, [job?.id, job?.status]);

  return {
    runs: list,
    runId,
    chooseRun: setChosen,
    run: proposals.data?.run ?? null,
    proposals: proposals.data?.proposals ?? [],
    error: runs.error ?? proposals.error ?? jobsError,
    job,
    running,
    start: async () => {
      const s = await call('detection.start', { recordingId: itemId, options: {} });
      setJobId(s.jobId);
      setJobNudge((n) => n + 1);
    },
    cancel: async () => {
      if (job) await call('jobs.cancel', { id: job.id });
      setJobNudge((n) => n + 1);
    },
    refresh: () => setNudge((n) => n + 1),
  };
}
