import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { Tabs, type TabItem } from '../../components/Tabs';
import { AgencyPanel } from './AgencyPanel';
import { MySignInPanel } from './MySignInPanel';
import { SecurityPanel } from './SecurityPanel';
import { BackupPanel } from './BackupPanel';
import { DistrictsPanel } from './DistrictsPanel';
import { HolidaysPanel } from './HolidaysPanel';
import { DeadlineSettingsPanel } from './DeadlineSettingsPanel';
import { ExemptionLibraryPanel } from './ExemptionLibraryPanel';

type SettingsTab = 'agency' | 'deadlines' | 'districts' | 'exemptions' | 'security' | 'backup' | 'signin';

const ALL_TABS: readonly (TabItem<SettingsTab> & { adminOnly?: boolean })[] = [
  { id: 'agency', label: 'Agency' },
  { id: 'deadlines', label: 'Deadlines & holidays' },
  { id: 'districts', label: 'Districts' },
  { id: 'exemptions', label: 'Exemptions' },
  { id: 'security', label: 'Security', adminOnly: true },
  { id: 'backup', label: 'Backup', adminOnly: true },
  { id: 'signin', label: 'My sign-in' },
];

function WorkstationPanel() {
  const status = useLoad(() => call('setup.status', {}), 'status');
  if (!status.data) return null;
  return (
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
  );
}

/** Settings, one tab per subject; Security and Backup only for an administrator. */
export function SettingsScreen({ session }: { session: SessionInfo }) {
  const isAdmin = session.roles.includes('administrator');
  const tabs = ALL_TABS.filter((t) => isAdmin || !t.adminOnly);
  const [tab, setTab] = useState<SettingsTab>('agency');
  return (
    <section className="stack" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <Tabs label="Settings" tabs={tabs} selected={tab} onSelect={setTab}>
        {tab === 'agency' && (
          <div className="settings-grid">
            <AgencyPanel isAdmin={isAdmin} />
            <WorkstationPanel />
          </div>
        )}
        {tab === 'deadlines' && (
          <div className="settings-grid">
            <DeadlineSettingsPanel isAdmin={isAdmin} />
            <HolidaysPanel isAdmin={isAdmin} />
          </div>
        )}
        {tab === 'districts' && (
          <div className="narrow">
            <DistrictsPanel isAdmin={isAdmin} />
          </div>
        )}
        {tab === 'exemptions' && <ExemptionLibraryPanel />}
        {tab === 'security' && isAdmin && (
          <div className="narrow">
            <SecurityPanel />
          </div>
        )}
        {tab === 'backup' && isAdmin && (
          <div className="narrow">
            <BackupPanel />
          </div>
        )}
        {tab === 'signin' && (
          <div className="narrow">
            <MySignInPanel session={session} />
          </div>
        )}
      </Tabs>
    </section>
  );
}
