import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { SystemUseNotice } from './SystemUseNotice';
import { MfaCodeStep } from './MfaCodeStep';

interface Props {
  agencyName: string | null;
  banner: string | null;
  initialUsername?: string;
  notice?: string | null;
}

export function LoginScreen({ agencyName, banner, initialUsername = '', notice }: Props) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!acknowledged) {
      setError('Please read the notice and tick the box before signing in.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await call('auth.login', { username, password, acknowledgedBanner: true });
      setPassword('');
      if (res.mfaRequired) {
        setChallenge(res.challenge);
        setBusy(false);
      } else {
        session.signIn(res);
      }
    } catch (err) {
      setError(messageOf(err));
      setPassword('');
      setBusy(false);
    }
  }

  if (challenge) {
    return <MfaCodeStep challenge={challenge} username={username} onRestart={() => setChallenge(null)} />;
  }

  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title" tabIndex={-1}>Sign in to Custodian</h1>
        {agencyName && <p className="muted">{agencyName}</p>}
        <SystemUseNotice text={banner} acknowledged={acknowledged} onAcknowledged={setAcknowledged} />
        <StatusNote message={notice ?? null} tone="info" />
        <label className="field">
          <span>User name</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </label>
        <label className="field">
          <span>Password</span>
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </label>
        <ErrorAlert message={error} />
        <div className="form-actions">
          <button type="submit" className="primary" disabled={busy || !acknowledged}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </main>
  );
}
