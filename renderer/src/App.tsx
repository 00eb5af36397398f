import { useState } from 'react';
import { call } from './api';
import { session } from './session';
import { useSession } from './useSession';
import { useLoad } from './useLoad';
import { ErrorAlert } from './components/ErrorAlert';
import { FirstRunScreen } from './screens/auth/FirstRunScreen';
import { LoginScreen } from './screens/auth/LoginScreen';
import { AppShell } from './screens/shell/AppShell';

export function App() {
  const info = useSession();
  const [justSetUp, setJustSetUp] = useState<string | null>(null);
  const status = useLoad(() => call('setup.status', {}), justSetUp ?? '');

  if (info) return <AppShell session={info} agencyName={status.data?.agency?.name ?? ''} />;
  if (status.loading && !status.data) {
    return (
      <main className="centered-page">
        <p className="muted">Opening Custodian…</p>
      </main>
    );
  }
  if (!status.data) {
    return (
      <main className="centered-page">
        <div className="card form-card">
          <h1>Custodian</h1>
          <ErrorAlert message={status.error} />
          <button type="button" onClick={status.reload}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (!status.data.setUp) return <FirstRunScreen onDone={(u) => setJustSetUp(u)} />;
  const notice = justSetUp ? 'Custodian is set up. Sign in with the administrator account you just created.' : session.endedBecause();
  return <LoginScreen agencyName={status.data.agency?.name ?? null} initialUsername={justSetUp ?? ''} notice={notice} />;
}
