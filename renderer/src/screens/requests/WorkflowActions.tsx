import { useState, type FormEvent } from 'react';
import type { RequestDetail } from '../../../../shared/contract';
import { EVENT_RULES, type RequestEvent } from '../../../../shared/domain/requestWorkflow';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { STATE_LABELS } from './labels';
import { ReleaseConfirmDialog } from './ReleaseConfirmDialog';
import { outgoingCopies, workflowButtons, type ButtonEvent } from './releaseReadiness';

type SimpleEvent = Exclude<ButtonEvent, 'release'>;
const NEEDS_NOTE: readonly RequestEvent[] = ['return-for-changes', 'void-approval'];

interface Props {
  detail: RequestDetail;
  /** This user may issue letters (the custodian); the school-personnel hint names who can. */
  canIssue: boolean;
  onChanged: () => void;
}

/** One button per workflow step the core says this user may take now (`allowedEvents`). */
export function WorkflowActions({ detail: d, canIssue, onChanged }: Props) {
  const [noteFor, setNoteFor] = useState<SimpleEvent | null>(null);
  const [note, setNote] = useState('');
  const step = useAction();
  const [done, setDone] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  // One button per step the core allows this user now; a step a further check would refuse is disabled with the reason, never the main button.
  const buttons = workflowButtons(d);
  const copies = outgoingCopies(d);
  const click = (e: SimpleEvent | 'release') => {
    if (e === 'release') setConfirming(true);
    else if (NEEDS_NOTE.includes(e)) setNoteFor(e);
    else void run(e);
  };

  async function run(event: SimpleEvent | 'release', withNote?: string) {
    setDone(null);
    await step.run(async () => {
      const r = event === 'release' ? await call('requests.release', { id: d.id }) : await call('requests.transition', { id: d.id, event, ...(withNote ? { note: withNote } : {}) });
      setDone(`${EVENT_RULES[event].label}: done. The request is now: ${STATE_LABELS[r.state]}.`);
      setNoteFor(null);
      setNote('');
    });
    setConfirming(false);
    // A refusal can change the request too (a stale approval is voided): show it as it is now.
    onChanged();
  }

  function submitNote(e: FormEvent) {
    e.preventDefault();
    if (noteFor) void run(noteFor, note.trim());
  }

  return (
    <section className="panel stack workflow" aria-labelledby="workflow-title">
      <h2 id="workflow-title">Next steps</h2>
      {buttons.length === 0 ? (
        <p className="muted small">No workflow step is open to you at this stage.</p>
      ) : (
        <div className="toolbar">
          {buttons.map((b) => (
            <button
              key={b.event}
              type="button"
              className={b.primary ? 'primary' : undefined}
              disabled={step.busy || b.blocked !== null}
              aria-describedby={b.blocked !== null ? `blocked-${b.event}` : undefined}
              onClick={() => click(b.event)}
            >
              {EVENT_RULES[b.event].label}
            </button>
          ))}
        </div>
      )}
      {buttons
        .filter((b) => b.blocked !== null)
        .map((b) => (
          <p key={b.event} id={`blocked-${b.event}`} className="muted small" role="note" aria-label={b.event === 'release' ? 'Why release is not possible' : `Why ${EVENT_RULES[b.event].label.toLowerCase()} is not possible`}>
            {b.event === 'release' ? 'Release is not possible yet' : `${EVENT_RULES[b.event].label} is not possible yet`}: {b.blocked}
          </p>
        ))}
      {d.schoolPersonnel && buttons.length === 0 && !['denied', 'closed'].includes(d.state) && (
        <p className="muted small">
          {canIssue ? 'Issue the school-personnel denial letter in the red block above; that denies the request.' : 'The custodian of records issues the school-personnel denial letter, which denies the request; there is nothing to review.'}
        </p>
      )}
      {confirming && <ReleaseConfirmDialog reference={d.reference} requester={d.requester.name} copies={copies} busy={step.busy} onConfirm={() => void run('release')} onClose={() => setConfirming(false)} />}
      {noteFor && (
        <form className="stack subpanel" onSubmit={submitNote} aria-label={EVENT_RULES[noteFor].label}>
          <Field label={`Why (${EVENT_RULES[noteFor].label.toLowerCase()})`} hint="At least 3 characters; recorded in the custody log.">
            <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} required minLength={3} maxLength={4000} autoFocus />
          </Field>
          <FormActions>
            <button type="button" onClick={() => setNoteFor(null)}>
              Cancel
            </button>
            <button type="submit" className="primary" disabled={step.busy || note.trim().length < 3}>
              {EVENT_RULES[noteFor].label}
            </button>
          </FormActions>
        </form>
      )}
      <ErrorAlert message={step.error} />
      <StatusNote message={done} />
    </section>
  );
}
