import { useState, type FormEvent } from 'react';
import { RECORDING_DECISIONS, type ExemptionInfo, type RecordingDecisionInfo, type RecordingDecisionKind, type RecordingProposalInfo, type Segment } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { DECISION_LABELS } from './labels';
import { SegmentsEditor } from './SegmentsEditor';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  proposal: RecordingProposalInfo;
  draft: RecordingDecisionInfo | undefined;
  exemptions: ExemptionInfo[];
  onSaved: () => void;
}

/** The legal reviewer's draft decision for one recording; signed later for all at once. */
export function DecisionForm({ requestId, proposal, draft, exemptions, onSaved }: Props) {
  const [decision, setDecision] = useState<RecordingDecisionKind>(draft?.decision ?? proposal.suggestedDecision);
  const [exemptionId, setExemptionId] = useState(draft?.exemptionId ?? '');
  const [explanation, setExplanation] = useState(draft?.explanation ?? '');
  const [reason, setReason] = useState(draft?.reason ?? '');
  const [segments, setSegments] = useState<Segment[]>(draft?.segments ?? []);
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const action = useAction();
  const differs = decision !== proposal.suggestedDecision;
  const withSegments = decision === 'approve-redacted' || decision === 'view-only';

  function submit(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      const r = await call('requests.setDecision', {
        id: requestId,
        itemId: proposal.itemId,
        decision,
        ...(decision === 'withhold' ? { exemptionId: exemptionId || undefined, explanation } : {}),
        ...(differs ? { reason } : {}),
        segments: withSegments ? segments : [],
      });
      setWarned(r.warnings.length > 0);
      setNote([`Decision saved (draft): ${DECISION_LABELS[r.decision.decision]}. Sign off when every recording is decided.`, ...r.warnings].join(' '));
      onSaved();
    });
  }

  return (
    <form className="decision-form stack" onSubmit={submit} aria-label="Legal decision">
      <fieldset>
        <legend>Decision</legend>
        {RECORDING_DECISIONS.map((k) => {
          const forbidden = proposal.forbiddenDecisions.includes(k);
          return (
            <label key={k} className="check">
              <input type="radio" name={`decision-${proposal.itemId}`} value={k} checked={decision === k} disabled={forbidden} onChange={() => setDecision(k)} />
              <span>
                {DECISION_LABELS[k]}
                {k === proposal.suggestedDecision && <span className="muted small"> (proposed)</span>}
              </span>
            </label>
          );
        })}
        {proposal.forbiddenDecisions.length > 0 && <p className="small muted">The law leaves no judgment here: the recording can only be withheld.</p>}
      </fieldset>
      {decision === 'withhold' && (
        <div className="grid-2 align-start">
          <Field label="Exemption">
            <select value={exemptionId} onChange={(e) => setExemptionId(e.target.value)} required>
              <option value="">Choose the exemption…</option>
              {exemptions.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.cite} — {x.title}
                  {x.unverified ? ' (paragraph unverified)' : ''}
                </option>
              ))}
            </select>
          </Field>
          <Field label="How it applies to this recording (fact-specific)">
            <textarea rows={3} value={explanation} onChange={(e) => setExplanation(e.target.value)} required maxLength={4000} />
          </Field>
        </div>
      )}
      {differs && (
        <Field label="Reason for departing from the proposal">
          <textarea rows={2} value={reason} onChange={(e) => setReason(e.target.value)} required minLength={10} maxLength={4000} />
        </Field>
      )}
      {withSegments && <SegmentsEditor segments={segments} onChange={setSegments} exemptions={exemptions} />}
      <ErrorAlert message={action.error} />
      <StatusNote message={note} tone={warned ? 'warn' : 'ok'} />
      <FormActions>
        <button type="submit" className="primary" disabled={action.busy}>
          {action.busy ? 'Saving…' : 'Save decision'}
        </button>
      </FormActions>
    </form>
  );
}
