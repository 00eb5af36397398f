import { useState, type FormEvent } from 'react';
import type { SchoolNearMatchInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  match: SchoolNearMatchInfo;
  onClose: () => void;
  onCleared: () => void;
}

const MIN_REASON = 10;

/**
 * A legal reviewer clears one near match to a school district: a written reason and the
 * password again (the core checks both and logs the clearance with the match and the reason).
 */
export function ClearSchoolMatchDialog({ requestId, match, onClose, onCleared }: Props) {
  const [reason, setReason] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      action.setError(`Write at least ${MIN_REASON} characters saying why this is not school personnel.`);
      return;
    }
    return action.run(async () => {
      await call('requests.clearSchoolMatch', { id: requestId, matchKey: match.key, reason: reason.trim(), confirmPassword: password });
      onCleared();
      onClose();
    });
  }

  return (
    <Dialog title="Clear this match" onClose={onClose}>
      <form className="stack" onSubmit={submit} aria-label="Clear this match">
        <p>{match.why}</p>
        <p className="muted small">
          Clear it only if the requester is not school personnel. The clearance covers this match only; another match, a district e-mail address or the
          school-personnel category still blocks the request. It is written to the custody log with your reason.
        </p>
        <Field label="Why this is not school personnel">
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} required autoFocus />
        </Field>
        <Field label="Your password">
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <ErrorAlert message={action.error} />
        <FormActions>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            {action.busy ? 'Clearing…' : 'Clear the match'}
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
