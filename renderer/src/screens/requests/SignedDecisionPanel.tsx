import type { RequestDetail } from '../../../../shared/contract';
import { formatAgencyTime } from '../../agencyTime';
import { STATE_LABELS } from './labels';

/** The decision in force (what release, letters and viewings rest on), and earlier voided ones. */
export function SignedDecisionPanel({ detail: d, timeZone }: { detail: RequestDetail; timeZone: string }) {
  const x = d.decision;
  if (!x && d.voidedDecisions.length === 0) return null;
  return (
    <section className="panel stack" aria-labelledby="decision-title">
      <h2 id="decision-title">Signed legal decision</h2>
      {x ? (
        <dl className="facts">
          <div>
            <dt>Outcome</dt>
            <dd>
              <strong>{STATE_LABELS[x.outcome]}</strong> {x.valid ? <span className="badge badge-done">Signature valid</span> : <span className="badge badge-danger">No longer valid</span>}
            </dd>
          </div>
          <div>
            <dt>Signed by</dt>
            <dd>
              {x.decidedBy}, {formatAgencyTime(x.signedAt, timeZone)}
            </dd>
          </div>
          <div>
            <dt>Signature SHA-256</dt>
            <dd className="mono breakall">{x.signatureSha256}</dd>
          </div>
          {x.problems.length > 0 && (
            <div>
              <dt>Problems</dt>
              <dd className="bad-text">{x.problems.join(' ')}</dd>
            </div>
          )}
        </dl>
      ) : (
        <p className="muted">No decision is in force.</p>
      )}
      {d.voidedDecisions.length > 0 && (
        <ul className="plain small muted">
          {d.voidedDecisions.map((v) => (
            <li key={v.id}>
              Voided decision #{v.id} ({STATE_LABELS[v.outcome]}) by {v.decidedBy}: {v.voidReason ?? 'no reason recorded'}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
