import { useState, type FormEvent } from 'react';
import type { MfaEnrolment as Enrolment } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

/** Base32 in groups of four is far easier to type into a phone than one long run. */
const grouped = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

export function MfaEnrolment({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function begin() {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await call('auth.mfa.begin', {}));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function confirm(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('auth.mfa.confirm', { code });
      onDone();
    } catch (err) {
      setError(messageOf(err));
      setCode('');
      setBusy(false);
    }
  }

  if (!enrolment) {
    return (
      <div className="stack">
        <p>
          You will need an authenticator app (for example on an agency phone). Custodian will show a key to enter in the app,
          then ask for the code the app shows.
        </p>
        <ErrorAlert message={error} />
        <div>
          <button type="button" className="primary" onClick={() => void begin()} disabled={busy}>
            Set up authenticator app
          </button>
        </div>
      </div>
    );
  }
  return (
    <form className="stack" onSubmit={confirm}>
      <p>In the authenticator app, add an account by entering this key (time-based, {enrolment.digits} digits, every {enrolment.period} seconds):</p>
      <dl className="facts">
        <div>
          <dt>Account</dt>
          <dd>
            {enrolment.issuer}: {enrolment.account}
          </dd>
        </div>
        <div>
          <dt>Key</dt>
          <dd className="mono secret-key" aria-label="Authenticator key">
            {grouped(enrolment.secret)}
          </dd>
        </div>
        <div>
          <dt>Set-up link</dt>
          <dd className="mono small breakall">{enrolment.otpauthUri}</dd>
        </div>
      </dl>
      <p className="muted small">The key is shown only now. Do not write it down or photograph it.</p>
      <label className="field">
        <span>Authenticator code</span>
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required minLength={6} maxLength={12} />
      </label>
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          Confirm code
        </button>
      </div>
    </form>
  );
}
