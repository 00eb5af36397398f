import { useEffect, useState } from 'react';
import { call } from '../../api';
import { useJobs } from '../../useJobs';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ProgressBar } from '../../components/ProgressBar';
import { formatClock } from '../../components/video/timecode';
import { coreHas, listRenders, startRender, type RenderRecord, type SavedPlan } from './studioApi';
import { RenderedCopy } from './RenderedCopy';
import { useAction } from '../../components/useAction';

interface Props {
  itemId: string;
  problems: readonly string[];
  /** Saves the current plan as a version (or returns the saved one). */
  save: () => Promise<SavedPlan>;
  seek: (t: number) => void;
}

/** Blocking problems, then Render with progress and Cancel, then the leak-check report beside the rendered copy. */
export function RenderPanel({ itemId, problems, save, seek }: Props) {
  const [jobId, setJobId] = useState<string | null>(null);
  const [nudge, setNudge] = useState(0);
  const available = coreHas('redaction.render');
  const renders = useLoad(() => (coreHas('redaction.renders') ? listRenders(itemId) : Promise.resolve([] as RenderRecord[])), `${itemId}:${nudge}`);
  const action = useAction();
  const cancelling = useAction();
  const { jobs } = useJobs(nudge, jobId !== null);
  const job = jobs?.find((j) => j.id === jobId) ?? null;
  const running = job?.status === 'running' || (jobId !== null && job === null);

  useEffect(() => {
    if (job && job.status !== 'running') setNudge((n) => n + 1);
  }, [job?.status]);

  function render() {
    return action.run(async () => {
      const saved = await save();
      const started = await startRender(itemId, saved.planHash);
      setJobId(started.jobId);
      setNudge((n) => n + 1);
    });
  }

  const latest = renders.data?.[0] ?? null;
  return (
    <section className="panel studio-panel" aria-labelledby="render-title">
      <h2 id="render-title">Render</h2>
      {problems.length > 0 && (
        <div className="blocking" role="region" aria-label="Before rendering">
          <strong>Before rendering, fix:</strong>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}
      {!available && <p className="note note-warn small">This build of Custodian cannot render redacted copies yet; the plan is kept as a draft in this window.</p>}
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => void render()} disabled={!available || problems.length > 0 || action.busy || running}>
          Render redacted copy
        </button>
        {job && running && (
          <button type="button" onClick={() => void cancelling.run(() => call('jobs.cancel', { id: job.id }))} disabled={cancelling.busy}>
            Cancel render
          </button>
        )}
      </div>
      <ErrorAlert message={action.error ?? cancelling.error ?? renders.error} />
      {job && (
        <div className="job" aria-label={`Job: ${job.title}`}>
          {job.status === 'running' ? (
            <>
              <ProgressBar label="Render progress" value={job.progress} />
              <p className="small muted">{job.message || 'Rendering…'}</p>
            </>
          ) : job.status === 'done' ? (
            <p className="small ok-text">Render finished.</p>
          ) : (
            <p className="small bad-text">{job.status === 'cancelled' ? 'Render cancelled; nothing was kept.' : (job.error?.message ?? 'The render failed; nothing was kept.')}</p>
          )}
        </div>
      )}
      {latest && <LeakReportView render={latest} seek={seek} />}
    </section>
  );
}

function LeakReportView({ render, seek }: { render: RenderRecord; seek: (t: number) => void }) {
  const c = render.check;
  return (
    <div className="leak-report" role="region" aria-label="Leak check">
      <h3>Leak check</h3>
      {!c ? (
        <p className="muted small">Not checked yet.</p>
      ) : (
        <>
          <p className={c.ok ? 'note note-ok' : 'alert alert-error'}>
            {c.ok ? `Passed: ${c.framesChecked.toLocaleString('en-US')} frames checked, no failures.` : `Failed: ${c.failures.length} problem${c.failures.length === 1 ? '' : 's'} in ${c.framesChecked.toLocaleString('en-US')} frames checked.`}
          </p>
          {c.failures.length > 0 && (
            <ul className="plain failure-list">
              {c.failures.map((f, i) => (
                <li key={i}>
                  {f.scope !== 'file' ? (
                    <button type="button" className="small timecode" onClick={() => seek(f.t)}>
                      {formatClock(f.t)}
                    </button>
                  ) : (
                    <span className="muted">whole file</span>
                  )}{' '}
                  {f.what}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <p className="small muted breakall">
        Copy {render.itemId} · SHA-256 <span className="mono">{render.sha256.slice(0, 16)}…</span>
      </p>
      <RenderedCopy itemId={render.itemId} />
    </div>
  );
}
