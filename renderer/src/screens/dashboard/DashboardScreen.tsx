import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { formatCount } from '../../format';
import { hrefFor } from '../../router';
import { useFindings } from '../../useFindings';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FindingsList } from '../../components/FindingsList';
import { RequestDashboardSection } from '../requests/RequestDashboardSection';

export function DashboardScreen({ session }: { session: SessionInfo }) {
  const findings = useFindings(false);
  const library = useLoad(() => call('recordings.query', { limit: 1 }), 'count');
  const open = findings.data?.filter((f) => !f.acknowledgedAt) ?? [];
  return (
    <section aria-labelledby="dashboard-title" className="stack">
      <h1 id="dashboard-title">Dashboard</h1>
      <div className="tiles">
        <a className="tile" href={hrefFor({ name: 'library' })}>
          <span className="tile-number">{library.data ? formatCount(library.data.total) : '…'}</span>
          <span>recordings in the library</span>
        </a>
        <a className={open.length ? 'tile tile-danger' : 'tile'} href={hrefFor({ name: 'custody' })}>
          <span className="tile-number">{findings.data ? open.length : '…'}</span>
          <span>open integrity findings</span>
        </a>
      </div>
      <ErrorAlert message={findings.error ?? library.error} />
      {(session.roles.includes('custodian') || session.roles.includes('legal-reviewer')) && <RequestDashboardSection />}
      {open.length > 0 && (
        <section aria-labelledby="dash-findings">
          <h2 id="dash-findings">Open integrity findings</h2>
          <FindingsList findings={open} session={session} />
        </section>
      )}
    </section>
  );
}
