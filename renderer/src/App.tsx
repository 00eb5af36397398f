import { useState } from 'react';
import { call } from './api';
import { session } from './session';
import { useSession } from './useSession';
import { useLoad } from './useLoad';
import { ErrorAlert } from './components/ErrorAlert';
import { ReauthHost } from './components/ReauthHost';
import { FirstRunScreen } from './screens/auth/FirstRunScreen';
import { LoginScreen } from './screens/auth/LoginScreen';
import { LockScreen } from './screens/auth/LockScreen';
import { MfaRequiredScreen } from './screens/auth/MfaRequiredScreen';
import { AppShell } from './screens/shell/AppShell';

export function App() {
  return (
    <>
      <Screens />
      <ReauthHost />
    </>
  );
}

function Screens() {
  const current = useSession();
  const [justSetUp, setJustSetUp] = useState<string | null>(null);
  const status = useLoad(() => call('setup.status', {}), `${justSetUp ?? ''}:${current ? 'in' : 'out'}`);
  const banner = status.data?.banner ?? null;

  if (current?.locked) return <LockScreen info={current.info} />;
  if (current?.info.mfaEnrolmentRequired) return <MfaRequiredScreen info={current.info} />;
  if (current) return <AppShell session={current.info} agencyName={status.data?.agency?.name ?? ''} />;
  if (!status.data) {
    return (
      <main className="centered-page">
        {status.loading ? (
          <p className="muted">Opening Custodian…</p>
        ) : (
          <div className="card form-card">
            <h1>Custodian</h1>
            <ErrorAlert message={status.error} />
            <button type="button" onClick={status.reload}>
              Try again
            </button>
          </div>
        )}
      </main>
    );
  }
  if (!status.data.setUp) return <FirstRunScreen banner={banner} onDone={(u) => setJustSetUp(u)} />;
  const notice = justSetUp ? 'Custodian is set up. Sign in with the administrator account you just created.' : session.endedBecause();
  return <LoginScreen key={justSetUp ?? ''} agencyName={status.data.agency?.name ?? null} banner={banner} initialUsername={justSetUp ?? ''} notice={notice} />;
}
