import { useState } from 'react';
import type { ExemptionInfo, Output, ProposalInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { ProgressBar } from '../../components/ProgressBar';
import { Tabs } from '../../components/Tabs';
import { useAction } from '../../components/useAction';
import { formatClock } from '../../components/video/timecode';
import { ExemptionFields } from './ExemptionFields';
import { MissedFacesList } from './MissedFacesList';
import { proposalName, spanOf, undecidedFacesIn } from './proposalView';
import { reviewMoments } from './reviewMoments';
import type { DetectionState } from './useDetection';
import './proposals.css';

export type DecideResult = Output<'detection.decide'>;

interface Props {
  detection: DetectionState;
  exemptions: readonly ExemptionInfo[];
  selectedId: number | null;
  onSelect: (proposalId: number | null) => void;
  time: number;
  duration: number;
  marks: { in: number | null; out: number | null };
  seek: (t: number) => void;
  showOnPicture: boolean;
  setShowOnPicture: (on: boolean) => void;
  /** The core made a new plan version from accepted tracks: the studio takes it in; returns what to tell the user. */
  onAccepted: (r: DecideResult) => Promise<string>;
}

type Tab = 'tracks' | 'review';

const STATUS_TEXT: Record<ProposalInfo['status'], string> = { proposed: 'undecided', accepted: 'accepted', rejected: 'rejected', replaced: 'merged or split' };

/** "Detect people and screens": run the detectors, then accept, reject, merge or split what they propose. */
export function DetectionPanel(props: Props) {
  const { detection: d, selectedId, onSelect, time, duration, seek } = props;
  const [tab, setTab] = useState<Tab>('tracks');
  const [chosen, setChosen] = useState<number[]>([]);
  const [accepting, setAccepting] = useState<{ ids: number[]; what: string } | null>(null);
  const [exemption, setExemption] = useState({ exemptionId: '', explanation: '' });
  const [note, setNote] = useState<string | null>(null);
  const act = useAction();

  const live = d.proposals.filter((p) => p.status !== 'replaced');
  const selected = live.find((p) => p.proposalId === selectedId) ?? null;
  const span = spanOf(props.marks, duration);
  const facesInSpan = undecidedFacesIn(live, span);
  const moments = reviewMoments(d.proposals, duration).length;
  const undecidedChosen = chosen.filter((id) => live.some((p) => p.proposalId === id && p.status === 'proposed'));

  const pick = (p: ProposalInfo) => {
    onSelect(p.proposalId);
    seek(p.start);
  };
  const toggle = (id: number, on: boolean) => setChosen((c) => (on ? [...c.filter((x) => x !== id), id].slice(-2) : c.filter((x) => x !== id)));
  // Refreshed whatever happens: a refusal (e.g. decided meanwhile in another window) shows the list as it now is.
  const edit = (task: () => Promise<unknown>) =>
    act.run(async () => {
      setNote(null);
      try {
        await task();
      } finally {
        d.refresh();
      }
    });

  const reject = (p: ProposalInfo) => edit(() => call('detection.decide', { proposalIds: [p.proposalId], decision: 'reject' }).then(() => setNote(`${proposalName(p)} rejected: it will not be hidden.`)));
  const merge = () =>
    edit(async () => {
      const r = await call('detection.merge', { proposalIds: undecidedChosen });
      setChosen([]);
      onSelect(r.proposal.proposalId);
      setNote(`Merged into ${proposalName(r.proposal)} (${formatClock(r.proposal.start)}–${formatClock(r.proposal.end)}). Nothing is hidden until you accept it.`);
    });
  const split = (p: ProposalInfo) =>
    edit(async () => {
      const r = await call('detection.split', { proposalId: p.proposalId, at: time });
      onSelect(r.proposals[1].proposalId);
      setNote(`${proposalName(p)} split at ${formatClock(time)} into ${proposalName(r.proposals[0])} and ${proposalName(r.proposals[1])}.`);
    });
  const accept = () => {
    if (!exemption.exemptionId || !exemption.explanation.trim()) {
      act.setError('Choose the exemption and write a one-line explanation: every accepted track becomes a region in the exemption log.');
      return;
    }
    return act.run(async () => {
      if (!accepting) return;
      setNote(null);
      const r = await call('detection.decide', { proposalIds: accepting.ids, decision: 'accept', exemptionId: exemption.exemptionId, explanation: exemption.explanation.trim() }).finally(d.refresh);
      setAccepting(null);
      setNote(await props.onAccepted(r));
    });
  };

  return (
    <section className="panel studio-panel detection-panel" aria-labelledby="detect-title">
      <h2 id="detect-title">Detect people and screens</h2>
      <p className="muted small">Detectors on this computer propose faces, heads and screens as tracks. Nothing proposed is hidden, saved in the plan or rendered until you accept it.</p>
      <div className="toolbar">
        <button type="button" className="primary" disabled={d.running || act.busy} onClick={() => void act.run(d.start)}>
          {d.runs.length > 0 ? 'Detect again' : 'Detect people and screens'}
        </button>
        {d.running && d.job && (
          <button type="button" onClick={() => void act.run(d.cancel)}>
            Cancel detection
          </button>
        )}
      </div>
      {d.job && (
        <div className="job" aria-label={`Job: ${d.job.title}`}>
          {d.job.status === 'running' ? (
            <>
              <ProgressBar label="Detection progress" value={d.job.progress} />
              <p className="small muted">{d.job.message || 'Waiting…'}</p>
            </>
          ) : d.job.status === 'done' ? (
            <p className="small ok-text">Detection finished. {d.job.message}</p>
          ) : (
            <p className="small bad-text">{d.job.status === 'cancelled' ? 'Detection cancelled; nothing was kept.' : (d.job.error?.message ?? 'Detection failed; nothing was kept.')}</p>
          )}
        </div>
      )}
      <ErrorAlert message={act.error ?? d.error} />
      {note && (
        <p className="note note-info small" role="status">
          {note}
        </p>
      )}
      {d.runs.length > 1 && (
        <label className="small run-pick">
          Detection run{' '}
          <select value={d.runId ?? ''} onChange={(e) => d.chooseRun(Number(e.target.value))}>
            {d.runs.map((r) => (
              <option key={r.runId} value={r.runId}>
                Run {r.runId} · {r.counts.proposed} undecided of {r.counts.proposed + r.counts.accepted + r.counts.rejected}
              </option>
            ))}
          </select>
        </label>
      )}
      {d.run && (
        <>
          <p className="small muted run-summary">
            Run {d.run.runId}: {d.run.framesSampled} frames looked at (every {d.run.every === 1 ? 'frame' : `${d.run.every}th`}) by {d.run.detectors.join(', ') || 'the detectors'} · {d.run.counts.proposed} undecided,{' '}
            {d.run.counts.accepted} accepted, {d.run.counts.rejected} rejected
          </p>
          <Tabs
            label="Detection"
            tabs={[
              { id: 'tracks', label: `Tracks (${live.length})` },
              { id: 'review', label: `Faces missed? (${moments})` },
            ]}
            selected={tab}
            onSelect={setTab}
          >
            {tab === 'tracks' ? (
              <div className="tracks">
                <label className="check small">
                  <input type="checkbox" checked={props.showOnPicture} onChange={(e) => props.setShowOnPicture(e.target.checked)} />
                  Show undecided tracks on the picture (dashed outlines, never rendered)
                </label>
                {live.length === 0 && <p className="small">The detectors found nothing to propose in this run.</p>}
                <ol className="plain proposal-list" aria-label="Proposed tracks">
                  {live.map((p) => (
                    <li key={p.proposalId} className={`proposal-item status-${p.status}${p.proposalId === selectedId ? ' is-selected' : ''}`}>
                      <input type="checkbox" aria-label={`Choose ${proposalName(p)} to merge`} disabled={p.status !== 'proposed'} checked={chosen.includes(p.proposalId)} onChange={(e) => toggle(p.proposalId, e.target.checked)} />
                      <button type="button" className="proposal-pick" aria-pressed={p.proposalId === selectedId} onClick={() => pick(p)}>
                        <span className="proposal-name">{proposalName(p)}</span>
                        <span className="timecode small">
                          {formatClock(p.start)}–{formatClock(p.end)}
                        </span>
                        <span className="muted small">
                          {p.detectors.join(', ')} · confidence {p.confidence.toFixed(2)}
                        </span>
                        <span className={`badge proposal-status-${p.status}`}>{STATUS_TEXT[p.status]}</span>
                      </button>
                    </li>
                  ))}
                </ol>
                <div className="toolbar">
                  <button type="button" disabled={facesInSpan.length === 0 || act.busy} onClick={() => setAccepting({ ids: facesInSpan.map((p) => p.proposalId), what: `${facesInSpan.length} face track${facesInSpan.length === 1 ? '' : 's'}` })}>
                    {span.from === 'marks' ? `Accept every face in ${formatClock(span.start)}–${formatClock(span.end)}` : 'Accept every face'} ({facesInSpan.length})
                  </button>
                  <button type="button" disabled={undecidedChosen.length !== 2 || act.busy} onClick={() => void merge()} title="Two tracks that follow one person">
                    Merge the 2 chosen tracks
                  </button>
                </div>
                <p className="field-hint">
                  “Accept every face” takes the undecided face tracks that overlap the in–out marks{span.from === 'marks' ? '' : ' (no marks are set, so the whole recording)'}; each is accepted whole.
                </p>
                {selected && (
                  <div className="proposal-details" role="group" aria-label={`Selected ${proposalName(selected)}`}>
                    <p className="small">
                      <strong>{proposalName(selected)}</strong> · {STATUS_TEXT[selected.status]}
                      {selected.planVersion !== null ? ` into plan version ${selected.planVersion}` : ''}
                      {selected.derivedFrom ? ` · made from ${selected.derivedFrom.map((x) => `#${x}`).join(' and ')}` : ''}
                    </p>
                    {selected.status === 'proposed' && (
                      <div className="toolbar">
                        <button type="button" className="primary" disabled={act.busy} onClick={() => setAccepting({ ids: [selected.proposalId], what: proposalName(selected) })}>
                          {selected.cls === 'screen' ? 'Accept this screen’s track' : 'Accept this student’s track'}
                        </button>
                        <button type="button" disabled={act.busy} onClick={() => void reject(selected)}>
                          Reject
                        </button>
                        <button type="button" disabled={act.busy || !(time > selected.start && time < selected.end)} onClick={() => void split(selected)} title="The tracker jumped from one person to another here">
                          Split at {formatClock(time)}
                        </button>
                      </div>
                    )}
                  </div>
                )}
                {accepting && (
                  <form
                    className="accept-form"
                    aria-label="Accept proposed tracks"
                    onSubmit={(e) => {
                      e.preventDefault();
                      void accept();
                    }}
                  >
                    <p className="small">
                      Accept {accepting.what}: each becomes a solid-fill region in a new plan version, logged as a machine proposal you accepted.
                    </p>
                    <ExemptionFields what="Accepted tracks" exemptionId={exemption.exemptionId} explanation={exemption.explanation} exemptions={props.exemptions} onChange={(p) => setExemption((x) => ({ ...x, ...p }))} />
                    <FormActions>
                      <button type="button" onClick={() => setAccepting(null)}>
                        Cancel
                      </button>
                      <button type="submit" className="primary" disabled={act.busy}>
                        Accept {accepting.ids.length === 1 ? 'the track' : `${accepting.ids.length} tracks`}
                      </button>
                    </FormActions>
                  </form>
                )}
              </div>
            ) : (
              <MissedFacesList
                proposals={d.proposals}
                duration={duration}
                onPick={(t, id) => {
                  onSelect(id);
                  seek(t);
                }}
              />
            )}
          </Tabs>
        </>
      )}
    </section>
  );
}
