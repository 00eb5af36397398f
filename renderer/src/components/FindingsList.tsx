import type { FindingInfo, SessionInfo } from '../../../shared/contract';
import { formatAgencyDateTime } from '../agencyTime';
import { useAgencyTimeZone } from '../useAgencyTimeZone';
import { DetailsSummary } from './DetailsSummary';
import { AcknowledgeFinding } from './AcknowledgeFinding';

/** Enough to act on; thousands of findings mean one cause (a missing disk), not thousands. */
const SHOW_AT_MOST = 200;

interface Props {
  findings: FindingInfo[];
  session: SessionInfo;
}

export function FindingsList({ findings, session }: Props) {
  const isAdmin = session.roles.includes('administrator');
  const { timeZone } = useAgencyTimeZone();
  if (findings.length === 0) return <p className="muted">No integrity findings.</p>;
  return (
    <>
      <ul className="findings" aria-label="Integrity findings">
        {findings.slice(0, SHOW_AT_MOST).map((f) => (
          <li key={f.id} className={f.acknowledgedAt ? 'finding finding-ack' : 'finding finding-open'} aria-label={`Finding ${f.id}`}>
            <div className="finding-head">
              <span className={f.acknowledgedAt ? 'badge' : 'badge badge-danger'}>{f.acknowledgedAt ? 'Acknowledged' : 'Open'}</span>
              <strong>{f.summary}</strong>
            </div>
            <div className="muted small">
              {f.kind} · found {formatAgencyDateTime(f.foundAt, timeZone)}
              {f.acknowledgedAt && ` · acknowledged ${formatAgencyDateTime(f.acknowledgedAt, timeZone)} by ${f.acknowledgedBy ?? 'unknown'}`}
            </div>
            <DetailsSummary details={f.details} />
            {!f.acknowledgedAt && isAdmin && <AcknowledgeFinding id={f.id} />}
          </li>
        ))}
      </ul>
      {findings.length > SHOW_AT_MOST && (
        <p className="muted">
          Showing the first {SHOW_AT_MOST} of {findings.length.toLocaleString('en-US')} findings.
        </p>
      )}
    </>
  );
}
