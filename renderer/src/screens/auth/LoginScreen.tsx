import { useState, type FormEvent } from 'react';
import { call } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
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
  const signIn = useAction();

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!acknowledged) {
      signIn.setError('Please read the notice and tick the box before signing in.');
      return;
    }
    const typed = password;
    setPassword('');
    await signIn.run(async () => {
      const res = await call('auth.login', { username, password: typed, acknowledgedBanner: true });
      if (res.mfaRequired) setChallenge(res.challenge);
      else session.signIn(res);
    });
  }

  if (challenge) {
    return <MfaCodeStep challenge={challenge} username={username} onRestart={() => setChallenge(null)} />;
  }

  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title" tabIndex={-1}>Sign in to Custodian</h1>
        {agencyName && <p className="muted">{agencyName}</p>}
        <SystemUseNotice text={banner} acknowledged={acknowledged} onAcknowledged={setAcknowledged} />
        <StatusNote message={notice ?? null} tone="info" />
        <Field label="User name">
          <input value={username} onChange={(e) => setUsername(e.target.value)} autoComplete="username" required />
        </Field>
        <Field label="Password">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" required />
        </Field>
        <ErrorAlert message={signIn.error} />
        <FormActions>
          <button type="submit" className="primary" disabled={signIn.busy || !acknowledged}>
            {signIn.busy ? 'Signing in…' : 'Sign in'}
          </button>
        </FormActions>
      </form>
    </main>
  );
}
