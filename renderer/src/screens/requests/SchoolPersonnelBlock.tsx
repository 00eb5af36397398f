import { useState } from 'react';
import type { RequestDetail, SchoolNearMatchInfo } from '../../../../shared/contract';
import { formatAgencyTime } from '../../agencyTime';
import { ClearSchoolMatchDialog } from './ClearSchoolMatchDialog';
import { IssueLetterButton } from './IssueLetterButton';

interface Props {
  detail: RequestDetail;
  timeZone: string;
  canIssue: boolean;
  /** A legal reviewer may clear a near match (never a definite finding). */
  canClear: boolean;
  onChanged: () => void;
}

/** Department policy XVI: no release path exists for school personnel, on any face. */
export function SchoolPersonnelBlock({ detail, timeZone, canIssue, canClear, onChanged }: Props) {
  const letter = detail.letters.find((l) => l.kind === 'school-personnel-denial');
  // Issuing the letter is the forced denial: once the request is denied there is nothing left to ask for.
  const finished = detail.state === 'denied' || detail.state === 'closed';
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
          viewing.{' '}
          {finished
            ? 'The request is denied.'
            : 'The outcome is forced, so no legal review is needed: issuing the school-personnel denial letter (policy XVI, KRS 158.4414, FERPA 34 CFR 99.8(b)(2)) denies the request.'}
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
        {letter && (
          <p role="note" aria-label="School-personnel denial issued">
            The school-personnel denial letter was issued by {letter.issuedBy} on {formatAgencyTime(letter.issuedAt, timeZone)}; it is listed under Letters.
          </p>
        )}
        {canIssue && !finished && <IssueLetterButton requestId={detail.id} kind="school-personnel-denial" onIssued={onChanged} primary />}
      </section>
      {/* Outside the red block, whose white text would hide the dialog's. */}
      {clearing && <ClearSchoolMatchDialog requestId={detail.id} match={clearing} onClose={() => setClearing(null)} onCleared={onChanged} />}
    </>
  );
}
