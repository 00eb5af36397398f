import { useState, type FormEvent } from 'react';
import type { SchoolNearMatchInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';

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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setError(`Write at least ${MIN_REASON} characters saying why this is not school personnel.`);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await call('requests.clearSchoolMatch', { id: requestId, matchKey: match.key, reason: reason.trim(), confirmPassword: password });
      onCleared();
      onClose();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <Dialog title="Clear this match" onClose={onClose}>
      <form className="stack" onSubmit={submit} aria-label="Clear this match">
        <p>{match.why}</p>
        <p className="muted small">
          Clear it only if the requester is not school personnel. The clearance covers this match only; another match, a district e-mail address or the
          school-personnel category still blocks the request. It is written to the custody log with your reason.
        </p>
        <label className="field">
          <span>Why this is not school personnel</span>
          <textarea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={4000} required autoFocus />
        </label>
        <label className="field">
          <span>Your password</span>
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Clearing…' : 'Clear the match'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
