import { useEffect, useState } from 'react';
import type { ChainVerificationInfo, FixityInfo, JobInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { findingsSignal } from '../../findingsSignal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { VerifyOutcome } from '../../components/VerifyOutcome';
import { JobCard } from '../ingest/JobCard';

function isFixity(v: unknown): v is FixityInfo {
  return typeof v === 'object' && v !== null && 'checked' in v && 'mismatched' in v;
}

export function IntegrityChecks({ onRan }: { onRan: () => void }) {
  const [chain, setChain] = useState<ChainVerificationInfo | null>(null);
  const [fixityJob, setFixityJob] = useState<JobInfo | null>(null);
  /** A failure while following the fixity job (the job itself reports its own). */
  const [pollError, setPollError] = useState<string | null>(null);
  const verify = useAction();
  const fixityStart = useAction();

  function verifyChain() {
    return verify.run(async () => {
      setChain(await call('custody.verify', {}));
      findingsSignal.changed();
      onRan();
    });
  }

  function startFixity() {
    setPollError(null);
    return fixityStart.run(async () => {
      const { jobId } = await call('custody.fixityStart', {});
      setFixityJob({ id: jobId, kind: 'fixity', title: 'Fixity check', ownerUsername: '', status: 'running', progress: 0, message: 'Starting…', startedAt: new Date().toISOString(), endedAt: null, result: null, error: null });
    });
  }

  const jobId = fixityJob?.id;
  const running = fixityJob?.status === 'running';
  useEffect(() => {
    if (!jobId || !running) return;
    const timer = window.setInterval(() => {
      call('jobs.list', {}).then(
        (jobs) => {
          const job = jobs.find((j) => j.id === jobId);
          if (!job) return;
          setFixityJob(job);
          if (job.status !== 'running') {
            findingsSignal.changed();
            onRan();
          }
        },
        (err: unknown) => setPollError(messageOf(err)),
      );
    }, 500);
    return () => window.clearInterval(timer);
  }, [jobId, running, onRan]);

  const fixity = fixityJob && isFixity(fixityJob.result) ? fixityJob.result : null;
  return (
    <section className="panel stack" aria-labelledby="checks-title">
      <h2 id="checks-title">Integrity checks</h2>
      <p className="muted small">
        Verifying the chain re-computes every custody entry's hash and the signed checkpoint. Fixity re-reads every stored
        file and compares it with its SHA-256; on a large library this takes a while, runs in the background and can be cancelled.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void verifyChain()} disabled={verify.busy}>
          {verify.busy ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" onClick={() => void startFixity()} disabled={running || fixityStart.busy}>
          {running ? 'Checking files…' : 'Run fixity check'}
        </button>
      </div>
      <ErrorAlert message={verify.error ?? fixityStart.error ?? pollError} />
      {fixityJob && fixityJob.status !== 'done' && (
        <ul className="jobs">
          <JobCard job={fixityJob} onChanged={() => undefined} />
        </ul>
      )}
      {(chain || fixity) && <VerifyOutcome chain={chain} fixity={fixity} />}
    </section>
  );
}
