import { useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { SYSTEM_USE_NOTICE } from './systemUseNotice';

interface Props {
  agencyName: string | null;
  initialUsername?: string;
  notice?: string | null;
}

export function LoginScreen({ agencyName, initialUsername = '', notice }: Props) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [acknowledged, setAcknowledged] = useState(false);
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
      const info = await call('auth.login', { username, password });
      session.start(info);
    } catch (err) {
      setError(messageOf(err));
      setPassword('');
      setBusy(false);
    }
  }

  return (
    <main className="centered-page">
      <form className="card form-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Sign in to Custodian</h1>
        {agencyName && <p className="muted">{agencyName}</p>}
        <section className="system-notice" aria-labelledby="notice-title">
          <h2 id="notice-title">System use notice</h2>
          {SYSTEM_USE_NOTICE.map((p) => (
            <p key={p}>{p}</p>
          ))}
          <label className="check">
            <input type="checkbox" checked={acknowledged} onChange={(e) => setAcknowledged(e.target.checked)} />
            <span>I have read and accept this notice</span>
          </label>
        </section>
        <StatusNote message={notice ?? null} tone="info" />
        <label className="field">
          <span>User name</span>
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required autoFocus={!initialUsername} />
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
