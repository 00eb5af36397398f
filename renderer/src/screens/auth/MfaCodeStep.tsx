import { useId, useState, type FormEvent } from 'react';
import { ApiError, call, messageOf } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';

interface Props {
  challenge: string;
  username: string;
  onRestart: () => void;
}

/** The second step of sign-in for accounts with an authenticator app. */
export function MfaCodeStep({ challenge, username, onRestart }: Props) {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      session.signIn(await call('auth.loginMfa', { challenge, code }));
    } catch (err) {
      // An expired or exhausted challenge cannot be retried: back to the password.
      if (err instanceof ApiError && err.code === 'NOT_SIGNED_IN') onRestart();
      setError(messageOf(err));
      setCode('');
      setBusy(false);
    }
  }

  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={submit} aria-labelledby="mfa-title">
        <h1 id="mfa-title" tabIndex={-1}>Second sign-in step</h1>
        <p className="muted" id={hintId}>Open the authenticator app set up for {username} and enter the 6-digit code it shows now.</p>
        <label className="field">
          <span>Authenticator code</span>
          <input
            value={code}
            onChange={(e) => setCode(e.target.value)}
            inputMode="numeric"
            autoComplete="one-time-code"
            aria-describedby={hintId}
            autoFocus
            required
            minLength={6}
            maxLength={12}
          />
        </label>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="button" onClick={onRestart}>
            Start again
          </button>
          <button type="submit" className="primary" disabled={busy}>
            Verify code
          </button>
        </div>
      </form>
    </main>
  );
}
