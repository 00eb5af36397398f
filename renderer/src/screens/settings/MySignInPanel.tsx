import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { MfaEnrolment } from '../security/MfaEnrolment';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

/** The user's own second factor. A session opened with a code means the account has one. */
export function MySignInPanel({ session }: { session: SessionInfo }) {
  const [enabled, setEnabled] = useState(session.mfa === true);
  const [enrolling, setEnrolling] = useState(false);
  const [code, setCode] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();

  function disable(e: FormEvent) {
    e.preventDefault();
    return action.run(async () => {
      await call('auth.mfa.disable', { code });
      setEnabled(false);
      setCode('');
      setNote('The second factor is off for your account.');
    });
  }

  return (
    <section className="panel stack" aria-labelledby="mysignin-title">
      <h2 id="mysignin-title">My sign-in</h2>
      <p>
        Second factor (authenticator app): <strong>{enabled ? 'On' : 'Off'}</strong>
      </p>
      <StatusNote message={note} />
      {!enabled && !enrolling && (
        <div>
          <button type="button" onClick={() => setEnrolling(true)}>
            Turn on second factor…
          </button>
        </div>
      )}
      {!enabled && enrolling && (
        <MfaEnrolment
          onDone={() => {
            setEnabled(true);
            setEnrolling(false);
            setNote('The second factor is on. From now on you will be asked for a code when you sign in.');
          }}
        />
      )}
      {enabled && (
        <form className="toolbar" onSubmit={disable}>
          <Field label="Current authenticator code" inline>
            <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required minLength={6} maxLength={12} />
          </Field>
          <button type="submit" disabled={action.busy}>
            Turn off second factor
          </button>
        </form>
      )}
      <ErrorAlert message={action.error} />
    </section>
  );
}
