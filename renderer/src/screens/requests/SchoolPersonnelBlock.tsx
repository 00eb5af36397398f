import { useState } from 'react';
import type { RequestDetail, SchoolNearMatchInfo } from '../../../../shared/contract';
import { ClearSchoolMatchDialog } from './ClearSchoolMatchDialog';
import { IssueLetterButton } from './IssueLetterButton';

interface Props {
  detail: RequestDetail;
  canIssue: boolean;
  /** A legal reviewer may clear a near match (never a definite finding). */
  canClear: boolean;
  onChanged: () => void;
}

/** Department policy XVI: no release path exists for school personnel, on any face. */
export function SchoolPersonnelBlock({ detail, canIssue, canClear, onChanged }: Props) {
  const issued = detail.letters.some((l) => l.kind === 'school-personnel-denial');
  const [clearing, setClearing] = useState<SchoolNearMatchInfo | null>(null);
  const open = detail.schoolNearMatches.filter((m) => m.cleared === null);
  const nearWhy = new Set(open.map((m) => m.why));
  const definite = detail.schoolPersonnelWhy.filter((w) => !nearWhy.has(w));
  const cleared = detail.schoolNearMatches.filter((m) => m.cleared !== null);
  return (
    <>
      <section className="school-block stack" aria-labelledby="school-title">
        <h2 id="school-title">School personnel: release blocked</h2>
        <p>
          <strong>No release path exists for this request.</strong> Department policy XVI forbids releasing SRO recordings to school personnel: no copy and no
          viewing. The request can only be denied, with the school-personnel denial letter (policy XVI, KRS 158.4414, FERPA 34 CFR 99.8(b)(2)).
        </p>
        <div>
          <strong>Why this request is treated as school personnel:</strong>
          <ul aria-label="Why school personnel">
            {definite.map((w) => (
              <li key={w}>{w}</li>
            ))}
            {open.map((m) => (
              <li key={m.key}>
                <span className="badge">Near match</span> {m.why}{' '}
                {canClear && (
                  <button type="button" onClick={() => setClearing(m)}>
                    Clear this match…
                  </button>
                )}
              </li>
            ))}
          </ul>
          {cleared.length > 0 && (
            <ul aria-label="Cleared matches">
              {cleared.map((m) => (
                <li key={m.key}>
                  Cleared by {m.cleared?.by}: {m.text} ~ {m.matched} ({m.cleared?.reason})
                </li>
              ))}
            </ul>
          )}
        </div>
        {canIssue && (
          <>
            {issued && <p>The school-personnel denial letter has been issued; it is listed under Letters.</p>}
            <IssueLetterButton requestId={detail.id} kind="school-personnel-denial" onIssued={onChanged} />
          </>
        )}
      </section>
      {/* Outside the red block, whose white text would hide the dialog's. */}
      {clearing && <ClearSchoolMatchDialog requestId={detail.id} match={clearing} onClose={() => setClearing(null)} onCleared={onChanged} />}
    </>
  );
}
