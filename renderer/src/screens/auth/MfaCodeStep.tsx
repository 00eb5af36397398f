import { useId, useState, type FormEvent } from 'react';
import { ApiError, call } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  challenge: string;
  username: string;
  onRestart: () => void;
}

/** The second step of sign-in for accounts with an authenticator app. */
export function MfaCodeStep({ challenge, username, onRestart }: Props) {
  const [code, setCode] = useState('');
  const verify = useAction();
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const typed = code;
    setCode('');
    await verify.run(async () => {
      try {
        session.signIn(await call('auth.loginMfa', { challenge, code: typed }));
      } catch (err) {
        // An expired or exhausted challenge cannot be retried: back to the password.
        if (err instanceof ApiError && err.code === 'NOT_SIGNED_IN') onRestart();
        throw err;
      }
    });
  }

  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={(e) => void submit(e)} aria-labelledby="mfa-title">
        <h1 id="mfa-title" tabIndex={-1}>Second sign-in step</h1>
        <p className="muted" id={hintId}>Open the authenticator app set up for {username} and enter the 6-digit code it shows now.</p>
        <Field label="Authenticator code">
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
        </Field>
        <ErrorAlert message={verify.error} />
        <FormActions>
          <button type="button" onClick={onRestart}>
            Start again
          </button>
          <button type="submit" className="primary" disabled={verify.busy}>
            Verify code
          </button>
        </FormActions>
      </form>
    </main>
  );
}
