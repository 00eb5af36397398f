import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';

interface Props {
  detail: RequestDetail;
  onChanged: () => void;
}

/** The legal sign-off: signs every recording's decision at once, after the password again. */
export function SignOffPanel({ detail: d, onChanged }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const [busy, setBusy] = useState(false);
  const decided = d.recordings.filter((r) => d.draftDecisions.some((x) => x.itemId === r.itemId)).length;
  const ready = decided === d.recordings.length || d.schoolPersonnel;

  async function signOff() {
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      // The core answers REAUTH_REQUIRED; the shell asks for the password and this call is retried.
      const r = await call('requests.signOff', { id: d.id, decisions: [] });
      setWarned(r.warnings.length > 0);
      setNote([`Signed: ${r.decision.outcome.replace('-', ' ')}. Signature SHA-256 ${r.decision.signatureSha256.slice(0, 16)}…`, ...r.warnings].join(' '));
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel stack signoff" aria-labelledby="signoff-title">
      <h2 id="signoff-title">Legal sign-off</h2>
      <p>
        {decided} of {d.recordings.length} recordings decided.{' '}
        {d.schoolPersonnel ? 'School personnel: every recording is withheld (department policy XVI).' : ready ? 'Ready to sign.' : 'Decide every recording first.'}
      </p>
      <p className="muted small">Signing records your decision for every linked recording, with its SHA-256, and asks for your password again.</p>
      <ErrorAlert message={error} />
      <StatusNote message={note} tone={warned ? 'warn' : 'ok'} />
      <div>
        <button type="button" className="primary" onClick={() => void signOff()} disabled={busy || !ready}>
          {busy ? 'Signing…' : 'Sign off'}
        </button>
      </div>
    </section>
  );
}
