import { useEffect, useRef, useState } from 'react';
import type { JobInfo, RecordingDetail, ViewingCopyKind } from '../../../../shared/contract';
import { call } from '../../api';
import { useJobs } from '../../useJobs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { useAction } from '../../components/useAction';

const KIND_TEXT: Record<ViewingCopyKind, string> = { proxy: 'playable copy', thumbnail: 'thumbnail' };

function describeMissing(kinds: readonly ViewingCopyKind[]): string {
  return kinds.map((k) => KIND_TEXT[k]).join(' and ');
}

interface Props {
  detail: RecordingDetail;
  /** Only custodians may start one (recordings.makeProxy); others see the state. */
  canMake: boolean;
  /** A copy was made (or an attempt ended): reload the recording and its custody timeline. */
  onChanged: () => void;
}

/**
 * Shown while a recording lacks a viewing copy it should have (the playable copy of a format
 * this window cannot play, or its thumbnail): the running job with progress and cancel, or,
 * after a failed or cancelled attempt, a button to make it again.
 */
export function ViewingCopyPanel({ detail, canMake, onChanged }: Props) {
  const missing = detail.viewingCopiesMissing;
  const starting = useAction();
  const cancelling = useAction();
  const [cancellingId, setCancellingId] = useState<string | null>(null);
  const [lastEnded, setLastEnded] = useState<JobInfo[]>([]);
  const [nudge, setNudge] = useState(0);
  const active = missing.length > 0;
  const changed = useRef(onChanged);
  changed.current = onChanged;
  const { jobs: allJobs, error: pollError } = useJobs(nudge, active);
  const mine = (allJobs ?? []).filter((j) => j.itemId === detail.id && (j.kind === 'proxy' || j.kind === 'thumbnail'));
  const jobs = mine.filter((j) => j.status === 'running');
  const error = starting.error ?? cancelling.error ?? pollError;

  // When this recording's last running job ends, keep how it ended and reload the page.
  const sawRunning = useRef(false);
  useEffect(() => {
    const ours = (allJobs ?? []).filter((j) => j.itemId === detail.id && (j.kind === 'proxy' || j.kind === 'thumbnail'));
    if (ours.some((j) => j.status === 'running')) {
      sawRunning.current = true;
    } else if (sawRunning.current) {
      sawRunning.current = false;
      setLastEnded(ours.filter((j) => j.endedAt !== null).slice(0, missing.length));
      changed.current();
    }
  }, [allJobs, detail.id, missing.length]);

  if (!active) return null;

  const make = () => {
    setLastEnded([]);
    return starting.run(async () => {
      await call('recordings.makeProxy', { id: detail.id });
      setNudge((n) => n + 1);
    });
  };

  const cancel = (job: JobInfo) => {
    setCancellingId(job.id);
    return cancelling.run(() => call('jobs.cancel', { id: job.id })).then(() => setCancellingId(null));
  };

  const failed = lastEnded.find((j) => j.status === 'failed');
  const cancelled = lastEnded.some((j) => j.status === 'cancelled');
  return (
    <section className="panel viewing-copy" aria-labelledby="viewing-copy-title">
      <h2 id="viewing-copy-title">Viewing copy</h2>
      {jobs.length > 0 ? (
        <ul className="jobs">
          {jobs.map((job) => (
            <li key={job.id} className="job job-running" aria-label={`Job: ${job.title}`}>
              <div className="job-head">
                <strong>Making the {KIND_TEXT[job.kind as ViewingCopyKind] ?? job.kind}</strong>
                <button type="button" onClick={() => void cancel(job)} disabled={cancelling.busy && cancellingId === job.id} aria-label={`Cancel ${job.title}`}>
                  {cancelling.busy && cancellingId === job.id ? 'Cancelling…' : 'Cancel'}
                </button>
              </div>
              <ProgressBar label={`Progress of ${job.title}`} value={job.progress} />
              {job.message && <p className="small">{job.message}</p>}
            </li>
          ))}
        </ul>
      ) : (
        <div className="stack">
          <p className="small">
            {missing.includes('proxy')
              ? 'This window cannot play this recording’s format, and no playable copy has been made (an earlier attempt failed or was cancelled). '
              : 'This recording has no thumbnail yet (an earlier attempt failed or was cancelled). '}
            The original is preserved byte for byte either way; the copy is for viewing only and its making is recorded in the chain of custody.
          </p>
          {failed?.error && <p className="bad-text">Last attempt failed: {failed.error.message}</p>}
          {!failed && cancelled && <p className="muted small">The last attempt was cancelled. Nothing half-finished was kept.</p>}
          {canMake ? (
            <div className="toolbar">
              <button type="button" className="primary" onClick={() => void make()} disabled={starting.busy}>
                {starting.busy ? 'Starting…' : `Make ${describeMissing(missing)}`}
              </button>
            </div>
          ) : (
            <p className="muted small">A custodian can make it.</p>
          )}
        </div>
      )}
      <ErrorAlert message={error} />
    </section>
  );
}
