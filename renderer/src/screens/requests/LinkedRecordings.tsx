import type { ExemptionInfo, RequestDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatAgencyTime } from '../../agencyTime';
import { DecisionForm } from './DecisionForm';
import { DECISION_LABELS } from './labels';
import { LinkRecordings } from './LinkRecordings';
import { ProposalView } from './ProposalView';
import { useAction } from '../../components/useAction';

interface Props {
  detail: RequestDetail;
  exemptions: ExemptionInfo[];
  timeZone: string;
  canLink: boolean;
  canDecide: boolean;
  onChanged: () => void;
}

export function LinkedRecordings({ detail: d, exemptions, timeZone, canLink, canDecide, onChanged }: Props) {
  const action = useAction();

  function unlink(itemId: string) {
    return action.run(async () => {
      await call('requests.link', { id: d.id, add: [], remove: [itemId] });
      onChanged();
    });
  }

  return (
    <section className="panel stack" aria-labelledby="linked-title">
      <h2 id="linked-title">Recordings ({d.recordings.length})</h2>
      {d.recordings.length === 0 && <p className="muted">No recordings are linked yet.</p>}
      <ErrorAlert message={action.error} />
      {d.recordings.map((r) => {
        const proposal = d.proposals.find((p) => p.itemId === r.itemId);
        const draft = d.draftDecisions.find((x) => x.itemId === r.itemId);
        const signed = d.decision?.recordings.find((x) => x.itemId === r.itemId);
        return (
          <section key={r.itemId} className="linked-recording stack" aria-label={`Recording ${r.originalName}`}>
            <div className="screen-head">
              <h3>
                <a href={hrefFor({ name: 'recording', id: r.itemId })}>{r.originalName}</a> <span className="muted small mono">{r.itemId}</span>
              </h3>
              {canLink && (
                <button type="button" onClick={() => void unlink(r.itemId)} aria-label={`Remove ${r.originalName} from this request`}>
                  Remove from request
                </button>
              )}
            </div>
            <p className="muted small">
              Recorded {r.recordedStart ? formatAgencyTime(r.recordedStart, timeZone) : 'time not set'} · {r.school || 'school not set'} · {r.officer || 'officer not set'} · linked by {r.addedBy}
            </p>
            {proposal ? <ProposalView proposal={proposal} /> : <p className="bad-text">This recording is no longer in the library.</p>}
            {draft && !signed && (
              <p className="draft-line">
                Draft decision: <strong>{DECISION_LABELS[draft.decision]}</strong>
                {draft.exemptionCite && ` under ${draft.exemptionCite}`} by {draft.decidedBy}
                {draft.segments.length > 0 && ` · ${draft.segments.length} redaction row(s)`}
              </p>
            )}
            {signed && (
              <p className="signed-line">
                Signed decision: <strong>{DECISION_LABELS[signed.decision]}</strong>
                {signed.exemptionCite && ` under ${signed.exemptionCite}`}
                {signed.explanation && ` — ${signed.explanation}`}
                {signed.segments.length > 0 && ` · ${signed.segments.length} redaction row(s) in the exemption log`}
              </p>
            )}
            {canDecide && proposal && <DecisionForm key={`${proposal.itemId}:${proposal.outcome}`} requestId={d.id} proposal={proposal} draft={draft} exemptions={exemptions} onSaved={onChanged} />}
          </section>
        );
      })}
      {canLink && <LinkRecordings requestId={d.id} linkedIds={d.recordings.map((r) => r.itemId)} onChanged={onChanged} />}
    </section>
  );
}
