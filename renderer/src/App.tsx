import { useState, useSyncExternalStore } from 'react';
import { call } from './api';
import { session } from './session';
import { useSession } from './useSession';
import { useLoad } from './useLoad';
import { pageKey, pageTitle, useRoute } from './router';
import { ErrorAlert } from './components/ErrorAlert';
import { ReauthHost } from './components/ReauthHost';
import { FirstRunScreen } from './screens/auth/FirstRunScreen';
import { LoginScreen } from './screens/auth/LoginScreen';
import { LockScreen } from './screens/auth/LockScreen';
import { MfaRequiredScreen } from './screens/auth/MfaRequiredScreen';
import { AppShell } from './screens/shell/AppShell';
import { SkipLink } from './screens/shell/SkipLink';
import { usePageHeading } from './screens/shell/usePageHeading';

export function App() {
  return (
    <>
      <SkipLink />
      <Screens />
      <ReauthHost />
    </>
  );
}

/** Which screen is up, for focus and the window title (the shell's pages count one by one). */
function usePageOf(current: ReturnType<typeof useSession>, setUp: boolean | null): void {
  const route = useRoute();
  let page: [string, string];
  if (current?.locked) page = ['lock', 'Custodian is locked'];
  else if (current?.info.mfaEnrolmentRequired) page = ['mfa-required', 'Set up a second sign-in factor'];
  else if (current) page = [`shell:${pageKey(route)}`, pageTitle(route)];
  else if (setUp === null) page = ['opening', 'Custodian'];
  else page = [setUp ? 'sign-in' : 'first-run', setUp ? 'Sign in' : 'Set up Custodian'];
  usePageHeading(page[0], page[1]);
}

function Screens() {
  const current = useSession();
  const resuming = useSyncExternalStore(session.subscribe, session.resuming);
  const [justSetUp, setJustSetUp] = useState<string | null>(null);
  const status = useLoad(() => call('setup.status', {}), `${justSetUp ?? ''}:${current ? 'in' : 'out'}`);
  const banner = status.data?.banner ?? null;
  usePageOf(current, resuming ? null : (status.data?.setUp ?? null));

  if (current?.locked) return <LockScreen info={current.info} />;
  if (current?.info.mfaEnrolmentRequired) return <MfaRequiredScreen info={current.info} />;
  if (current) return <AppShell session={current.info} agencyName={status.data?.agency?.name ?? ''} />;
  if (!status.data || resuming) {
    return (
      <main className="centered-page" id="main" tabIndex={-1}>
        {status.loading || resuming ? (
          <p className="muted">Opening Custodian…</p>
        ) : (
          <div className="card form-card">
            <h1 tabIndex={-1}>Custodian</h1>
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
