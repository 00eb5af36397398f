import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import type { ExemptionInfo } from '../../../../shared/contract';
import { formatClock } from '../../components/video/timecode';
import { covers, type DecisionSegment } from './studioProblems';

interface Props {
  segments: readonly DecisionSegment[] | null;
  error: string | null;
  plan: RedactionPlan;
  exemptions: readonly ExemptionInfo[];
  seek: (t: number) => void;
}

/** The legal reviewer's decision segments for this recording, each marked covered or not by the plan. */
export function SegmentsPanel({ segments, error, plan, exemptions, seek }: Props) {
  return (
    <section className="panel studio-panel" aria-labelledby="segments-title">
      <h2 id="segments-title">Reviewer's segments</h2>
      {error && <p className="muted small">The reviewer's decisions could not be read here: {error}</p>}
      {segments && segments.length === 0 && <p className="muted small">No request with a legal reviewer's decision names segments of this recording.</p>}
      <ul className="plain segment-list">
        {(segments ?? []).map((s, i) => {
          const ok = s.startSec !== null && s.endSec !== null && covers(plan, s.startSec, s.endSec);
          const ex = exemptions.find((e) => e.id === s.exemptionId);
          return (
            <li key={i} className={`segment-item${ok ? '' : ' is-uncovered'}`}>
              <button type="button" className="small timecode" onClick={() => s.startSec !== null && seek(s.startSec)} disabled={s.startSec === null}>
                {s.startSec !== null ? formatClock(s.startSec) : s.start}–{s.endSec !== null ? formatClock(s.endSec) : s.end}
              </button>{' '}
              <strong>{s.what || 'Redaction'}</strong> <span className="muted small">({s.requestRef})</span>
              <div className="small">
                {ex ? `${ex.cite} — ${ex.title}` : s.exemptionId}: {s.explanation}
              </div>
              <div className={ok ? 'ok-text small' : 'bad-text small'}>{ok ? 'Covered by the plan' : 'Not covered by any region or audio range'}</div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
