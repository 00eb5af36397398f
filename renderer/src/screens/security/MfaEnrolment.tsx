import { useState, type FormEvent } from 'react';
import type { MfaEnrolment as Enrolment } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

/** Base32 in groups of four is far easier to type into a phone than one long run. */
const grouped = (secret: string): string => secret.replace(/(.{4})/g, '$1 ').trim();

export function MfaEnrolment({ onDone }: { onDone: () => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const action = useAction();

  function begin() {
    return action.run(async () => {
      setEnrolment(await call('auth.mfa.begin', {}));
    });
  }

  function confirm(e: FormEvent) {
    e.preventDefault();
    void action
      .run(async () => {
        await call('auth.mfa.confirm', { code });
        onDone();
      })
      .then((ok) => {
        if (!ok) setCode('');
      });
  }

  if (!enrolment) {
    return (
      <div className="stack">
        <p>
          You will need an authenticator app (for example on an agency phone). Custodian will show a key to enter in the app,
          then ask for the code the app shows.
        </p>
        <ErrorAlert message={action.error} />
        <div>
          <button type="button" className="primary" onClick={() => void begin()} disabled={action.busy}>
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
      <Field label="Authenticator code">
        <input value={code} onChange={(e) => setCode(e.target.value)} inputMode="numeric" autoComplete="one-time-code" required minLength={6} maxLength={12} />
      </Field>
      <ErrorAlert message={action.error} />
      <FormActions>
        <button type="submit" className="primary" disabled={action.busy}>
          Confirm code
        </button>
      </FormActions>
    </form>
  );
}
