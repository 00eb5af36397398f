import type { RecordingProposalInfo } from '../../../../shared/contract';
import { DECISION_LABELS, OUTCOME_LABELS } from './labels';

const KIND_LABELS = { basis: 'Basis', warning: 'Warning', note: 'Procedure' } as const;

function factsLine(p: RecordingProposalInfo): string {
  const f = p.facts;
  const minors = f.minors.length === 0 ? 'no minors' : `minors: ${f.minors.map((m) => m.role).join(', ')}`;
  const flags = [f.useOfForce && 'use of force', f.arrest && 'arrest', f.complaint && 'complaint against an officer', f.cjisScreen && 'CJIS screen visible'].filter(Boolean);
  return [`location: ${f.location}`, minors, ...flags].join(' · ');
}

/** The engine's proposal for one recording, with the statute behind each reason. */
export function ProposalView({ proposal: p }: { proposal: RecordingProposalInfo }) {
  return (
    <div className="proposal stack" aria-label="Engine's proposal">
      <p>
        Engine&apos;s proposal: <span className={`badge outcome-${p.outcome}`}>{OUTCOME_LABELS[p.outcome]}</span>{' '}
        <span className="muted small">suggested decision: {DECISION_LABELS[p.suggestedDecision]}</span>
      </p>
      <p className="muted small">Facts used: {factsLine(p)}</p>
      <ul className="reasons">
        {p.reasons.map((r, i) => (
          <li key={i} className={`reason reason-${r.kind}`}>
            <span className="reason-kind">{KIND_LABELS[r.kind]}</span> {r.text} <cite>({r.cite})</cite>
          </li>
        ))}
      </ul>
      {p.factWarnings.length > 0 && (
        <ul className="reasons" aria-label="Missing facts">
          {p.factWarnings.map((w) => (
            <li key={w} className="reason reason-warning">
              <span className="reason-kind">Facts</span> {w}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
