import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { AgencyPanel } from './AgencyPanel';
import { MySignInPanel } from './MySignInPanel';
import { SecurityPanel } from './SecurityPanel';
import { BackupPanel } from './BackupPanel';
import { DistrictsPanel } from './DistrictsPanel';
import { HolidaysPanel } from './HolidaysPanel';
import { DeadlineSettingsPanel } from './DeadlineSettingsPanel';
import { ExemptionLibraryPanel } from './ExemptionLibraryPanel';

export function SettingsScreen({ session }: { session: SessionInfo }) {
  const status = useLoad(() => call('setup.status', {}), 'status');
  const isAdmin = session.roles.includes('administrator');
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <div className="settings-grid">
        <div className="stack">
          <AgencyPanel isAdmin={isAdmin} />
          <MySignInPanel session={session} />
          {status.data && (
            <section className="panel" aria-labelledby="ws-title">
              <h2 id="ws-title">This workstation</h2>
              <dl className="facts">
                <div>
                  <dt>Workstation</dt>
                  <dd>{status.data.workstation}</dd>
                </div>
                <div>
                  <dt>Data folder</dt>
                  <dd className="mono breakall">{status.data.dataDir}</dd>
                </div>
              </dl>
            </section>
          )}
        </div>
        {isAdmin && (
          <div className="stack">
            <SecurityPanel />
            <BackupPanel />
          </div>
        )}
      </div>
      <h2 id="request-desk-settings">Request desk</h2>
      <div className="settings-grid" role="group" aria-labelledby="request-desk-settings">
        <div className="stack">
          <DistrictsPanel isAdmin={isAdmin} />
          <DeadlineSettingsPanel isAdmin={isAdmin} />
        </div>
        <div className="stack">
          <HolidaysPanel isAdmin={isAdmin} />
        </div>
      </div>
      <ExemptionLibraryPanel />
    </section>
  );
}
