import type { SessionInfo } from '../../../../shared/contract';
import { DEFAULT_TIME_ZONE } from '../../../../shared/domain/deadlines';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DeadlineBadges } from './DeadlineBadges';
import { DeadlinePanel } from './DeadlinePanel';
import { ExportPanel } from './ExportPanel';
import { RequestHoldPanel } from '../retention/RequestHoldPanel';
import { LettersSection } from './LettersSection';
import { LinkedRecordings } from './LinkedRecordings';
import { RequestCustody } from './RequestCustody';
import { RequesterFacts } from './RequesterFacts';
import { SchoolPersonnelBlock } from './SchoolPersonnelBlock';
import { SignedDecisionPanel } from './SignedDecisionPanel';
import { SignOffPanel } from './SignOffPanel';
import { STATE_LABELS } from './labels';
import { ViewingSection } from './ViewingSection';
import { WorkflowActions } from './WorkflowActions';

const LINKABLE = ['received', 'in-preparation', 'awaiting-review', 'approved', 'partially-approved'];
const SIGNING = ['approve', 'approve-partially', 'deny'];

export function RequestScreen({ id, session }: { id: number; session: SessionInfo }) {
  const detail = useLoad(() => call('requests.get', { id }), String(id));
  const custody = useLoad(() => call('custody.forItem', { id: `request:${id}` }), String(id));
  const exemptions = useLoad(() => call('exemptions.list', {}), 'exemptions');
  const settings = useLoad(() => call('deadlines.settings.get', {}), 'deadline-settings');
  const timeZone = settings.data?.timeZone ?? DEFAULT_TIME_ZONE;
  const d = detail.data;
  const isCustodian = session.roles.includes('custodian');
  const reload = () => {
    detail.reload();
    custody.reload();
  };

  if (!d) {
    return (
      <section className="stack" aria-labelledby="request-title">
        <p>
          <a href={hrefFor({ name: 'requests' })}>← Back to requests</a>
        </p>
        <h1 id="request-title">Request</h1>
        <ErrorAlert message={detail.error} />
        {detail.loading && <p className="muted">Loading request…</p>}
      </section>
    );
  }

  // School personnel: the outcome is forced (policy XVI) and the custodian's letter denies it; nothing is left to decide.
  const canDecide = !d.schoolPersonnel && d.state === 'awaiting-review' && session.roles.includes('legal-reviewer') && d.allowedEvents.some((e) => SIGNING.includes(e));
  return (
    <section className="stack request-page" aria-labelledby="request-title">
      <p>
        <a href={hrefFor({ name: 'requests' })}>← Back to requests</a>
      </p>
      <div className="request-head">
        <h1 id="request-title">
          {d.reference} · {d.requester.name}
        </h1>
        <p className="badges">
          <span className={`badge state-${d.state}`} aria-label="Status">
            {STATE_LABELS[d.state]}
          </span>{' '}
          <DeadlineBadges request={d} />
        </p>
      </div>
      <ErrorAlert message={detail.error ?? exemptions.error} />
      {d.schoolPersonnel && <SchoolPersonnelBlock detail={d} timeZone={timeZone} canIssue={isCustodian} canClear={session.roles.includes('legal-reviewer')} onChanged={reload} />}
      {d.warnings.length > 0 && (
        <ul className="warnings" aria-label="Things to look at">
          {d.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <div className="request-grid">
        <div className="stack">
          <WorkflowActions detail={d} canIssue={isCustodian} onChanged={reload} />
          <LinkedRecordings detail={d} exemptions={exemptions.data ?? []} timeZone={timeZone} canLink={isCustodian && LINKABLE.includes(d.state)} canDecide={canDecide} onChanged={reload} />
          {canDecide && <SignOffPanel detail={d} onChanged={reload} />}
          <SignedDecisionPanel detail={d} timeZone={timeZone} />
          {isCustodian && <ExportPanel detail={d} timeZone={timeZone} onChanged={reload} />}
        </div>
        <div className="stack">
          <DeadlinePanel detail={d} timeZone={timeZone} canDelay={isCustodian} onChanged={reload} />
          <RequesterFacts detail={d} timeZone={timeZone} canAttach={isCustodian && !['released', 'closed'].includes(d.state)} onChanged={reload} />
          <LettersSection detail={d} timeZone={timeZone} canIssue={isCustodian} onChanged={reload} />
          <ViewingSection detail={d} timeZone={timeZone} canRun={isCustodian} onChanged={reload} />
          <RequestHoldPanel recordingIds={d.recordings.map((r) => r.itemId)} session={session} requestState={d.state} />
        </div>
      </div>
      <RequestCustody entries={custody.data} error={custody.error} />
    </section>
  );
}
