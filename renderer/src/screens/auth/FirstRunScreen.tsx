import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { PasswordFields } from '../../components/PasswordFields';
import { useAction } from '../../components/useAction';
import { SystemUseNotice } from './SystemUseNotice';
import { RecoveryCodeScreen } from './RecoveryCodeScreen';

interface Props {
  banner: string | null;
  /** Called with the administrator's user name once the agency is set up. */
  onDone: (username: string) => void;
}

export function FirstRunScreen({ banner, onDone }: Props) {
  const [agencyName, setAgencyName] = useState('');
  const [agencyAddress, setAgencyAddress] = useState('');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [recovery, setRecovery] = useState<{ code: string; username: string } | null>(null);
  const setUp = useAction();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setUp.setError('The two passwords do not match.');
      return;
    }
    void setUp.run(async () => {
      const s = await call('setup.run', { agencyName, agencyAddress, username, displayName, password, acknowledgedBanner: acknowledged });
      // Everyone, the first administrator included, enters through the sign-in screen; the
      // session set-up opened is closed once the recovery code has been put away.
      await window.custodian?.invoke({ method: 'auth.logout', input: {}, session: s.token });
      setRecovery({ code: s.recoveryCode, username: s.username });
    });
  }

  if (recovery) return <RecoveryCodeScreen code={recovery.code} onDone={() => onDone(recovery.username)} />;

  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={submit} aria-labelledby="first-run-title">
        <h1 id="first-run-title" tabIndex={-1}>Set up Custodian</h1>
        <p className="muted">
          This is the first time Custodian has run with this data folder. Enter your agency and create the first administrator
          account.
        </p>
        <fieldset>
          <legend>Agency</legend>
          <Field label="Agency name">
            <input value={agencyName} onChange={(e) => setAgencyName(e.target.value)} required minLength={2} maxLength={200} />
          </Field>
          <Field label="Agency address (for letterheads)">
            <textarea value={agencyAddress} onChange={(e) => setAgencyAddress(e.target.value)} rows={3} maxLength={1000} />
          </Field>
        </fieldset>
        <fieldset>
          <legend>First administrator</legend>
          <Field label="User name" hint="Letters, digits, dot, dash, underscore or @.">
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
          </Field>
          <Field label="Display name">
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" required />
          </Field>
          <PasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
        </fieldset>
        <SystemUseNotice text={banner} acknowledged={acknowledged} onAcknowledged={setAcknowledged} />
        <ErrorAlert message={setUp.error} />
        <FormActions>
          <button type="submit" className="primary" disabled={setUp.busy || !acknowledged}>
            {setUp.busy ? 'Setting up…' : 'Set up Custodian'}
          </button>
        </FormActions>
      </form>
    </main>
  );
}
