import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { ROLE_LABELS } from '../../../../shared/roles';
import { call } from '../../api';
import { session } from '../../session';
import { useRoute } from '../../router';
import { StatusNote } from '../../components/StatusNote';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { NavBar } from './NavBar';
import { FindingsBanner } from './FindingsBanner';
import { RouteView } from './RouteView';
import { useSessionWatch } from './useSessionWatch';

interface Props {
  session: SessionInfo;
  agencyName: string;
}

export function AppShell({ session: info, agencyName }: Props) {
  const route = useRoute();
  const [changingPassword, setChangingPassword] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  useSessionWatch();

  async function signOut() {
    try {
      await call('auth.logout', {});
    } catch {
      // Signing out of a session the core already ended is still signing out.
    }
    session.end();
  }

  async function lock() {
    try {
      await call('auth.lock', {});
      session.markLocked();
    } catch {
      // A session the core no longer knows has already taken the user back to sign-in.
    }
  }

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          <strong>Custodian</strong>
          {agencyName && <span className="muted"> · {agencyName}</span>}
        </div>
        <div className="topbar-user">
          <span aria-label="Signed in as">
            {info.displayName} <span className="muted">({info.roles.map((r) => ROLE_LABELS[r]).join(', ')})</span>
          </span>
          <button type="button" onClick={() => void lock()}>
            Lock
          </button>
          <button type="button" onClick={() => setChangingPassword(true)}>
            Change password
          </button>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <NavBar route={route} session={info} />
      <main className="content" id="main" tabIndex={-1}>
        <FindingsBanner session={info} />
        <StatusNote message={note} />
        <RouteView route={route} session={info} />
      </main>
      {changingPassword && (
        <ChangePasswordDialog
          onClose={(changed) => {
            setChangingPassword(false);
            setNote(changed ? 'Your password was changed.' : null);
          }}
        />
      )}
    </div>
  );
}
