import { useId, useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordFields } from '../../components/PasswordFields';
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
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [acknowledged, setAcknowledged] = useState(false);
  const usernameHintId = useId();
  const [recovery, setRecovery] = useState<{ code: string; username: string } | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (password !== confirm) {
      setError('The two passwords do not match.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await call('setup.run', { agencyName, agencyAddress, username, displayName, password, acknowledgedBanner: acknowledged });
      // Everyone, the first administrator included, enters through the sign-in screen; the
      // session set-up opened is closed once the recovery code has been put away.
      await window.custodian?.invoke({ method: 'auth.logout', input: {}, session: s.token });
      setRecovery({ code: s.recoveryCode, username: s.username });
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
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
          <label className="field">
            <span>Agency name</span>
            <input value={agencyName} onChange={(e) => setAgencyName(e.target.value)} required minLength={2} maxLength={200} />
          </label>
          <label className="field">
            <span>Agency address (for letterheads)</span>
            <textarea value={agencyAddress} onChange={(e) => setAgencyAddress(e.target.value)} rows={3} maxLength={1000} />
          </label>
        </fieldset>
        <fieldset>
          <legend>First administrator</legend>
          <label className="field">
            <span>User name</span>
            <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" aria-describedby={usernameHintId} required />
            <small className="field-hint" id={usernameHintId}>Letters, digits, dot, dash, underscore or @.</small>
          </label>
          <label className="field">
            <span>Display name</span>
            <input value={displayName} onChange={(e) => setDisplayName(e.target.value)} autoComplete="name" required />
          </label>
          <PasswordFields password={password} confirm={confirm} onPassword={setPassword} onConfirm={setConfirm} />
        </fieldset>
        <SystemUseNotice text={banner} acknowledged={acknowledged} onAcknowledged={setAcknowledged} />
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !acknowledged}>
            {busy ? 'Setting up…' : 'Set up Custodian'}
          </button>
        </div>
      </form>
    </main>
  );
}
