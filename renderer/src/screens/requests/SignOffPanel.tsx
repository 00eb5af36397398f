import { useState } from 'react';
import { countOf, nounFor } from '../../../../shared/plural';
import type { RequestDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';

interface Props {
  detail: RequestDetail;
  onChanged: () => void;
}

/** The legal sign-off: signs every recording's decision at once, after the password again. */
export function SignOffPanel({ detail: d, onChanged }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const [warned, setWarned] = useState(false);
  const action = useAction();
  const decided = d.recordings.filter((r) => d.draftDecisions.some((x) => x.itemId === r.itemId)).length;
  // A recording approved with redaction is signed with its rendered copy, so that copy must exist and have passed its check.
  const copies = d.schoolPersonnel ? [] : d.redactedCopies;
  const copiesMissing = copies.filter((c) => c.problem !== null);
  const ready = (decided === d.recordings.length || d.schoolPersonnel) && copiesMissing.length === 0;
  const nameOf = (id: string) => d.recordings.find((r) => r.itemId === id)?.originalName ?? id;

  function signOff() {
    setNote(null);
    return action.run(async () => {
      // The core answers REAUTH_REQUIRED; the shell asks for the password and this call is retried.
      const r = await call('requests.signOff', { id: d.id, decisions: [] });
      setWarned(r.warnings.length > 0);
      setNote([`Signed: ${r.decision.outcome.replace('-', ' ')}. Signature SHA-256 ${r.decision.signatureSha256.slice(0, 16)}…`, ...r.warnings].join(' '));
      onChanged();
    });
  }

  return (
    <section className="panel stack signoff" aria-labelledby="signoff-title">
      <h2 id="signoff-title">Legal sign-off</h2>
      <p>
        {decided} of {d.recordings.length} {nounFor(d.recordings.length, 'recording')} decided.{' '}
        {d.schoolPersonnel
          ? 'School personnel: every recording is withheld (department policy XVI).'
          : decided < d.recordings.length
            ? 'Decide every recording first.'
            : copiesMissing.length > 0
              ? `Not ready: ${copiesMissing.length === 1 ? 'a recording approved with redaction has' : `${copiesMissing.length} recordings approved with redaction have`} no redacted copy that passed its leak check. You sign the exact copy that goes out.`
              : 'Ready to sign.'}
      </p>
      {copies.length > 0 && (
        <div className="stack">
          <h3>Redacted copies you sign</h3>
          <ul className="chosen-list" aria-label="Redacted copies you sign">
            {copies.map((c) => (
              <li key={c.itemId}>
                <strong>{nameOf(c.itemId)}</strong> <span className="muted small mono">{c.itemId}</span>
                <br />
                {c.copyItemId && c.check ? (
                  <span className="small">
                    Copy <a href={hrefFor({ name: 'recording', id: c.copyItemId })}>{c.copyItemId}</a> (watch it before signing) — leak check {c.check.ok ? 'passed' : 'FAILED'}: {c.check.framesChecked} frames checked
                    {c.check.failures > 0 ? `, ${countOf(c.check.failures, 'failure')}` : ''}. <span className="mono">SHA-256 {c.sha256?.slice(0, 16)}…</span>
                  </span>
                ) : (
                  <span className="small">No redacted copy yet.</span>
                )}
                {c.problem && <span className="small warn-text"> {c.problem}</span>}{' '}
                <a className="small" href={hrefFor({ name: 'studio', id: c.itemId })}>
                  Open in the redaction studio
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="muted small">Signing records your decision for every linked recording, with its SHA-256 (and, for a recording approved with redaction, the SHA-256 and leak-check report of its redacted copy), and asks for your password again.</p>
      <ErrorAlert message={action.error} />
      <StatusNote message={note} tone={warned ? 'warn' : 'ok'} />
      <div>
        <button type="button" className="primary" onClick={() => void signOff()} disabled={action.busy || !ready} title={copiesMissing.length > 0 ? copiesMissing.map((c) => `${nameOf(c.itemId)}: ${c.problem ?? ''}`).join(' ') : undefined}>
          {action.busy ? 'Signing…' : 'Sign off'}
        </button>
      </div>
    </section>
  );
}
