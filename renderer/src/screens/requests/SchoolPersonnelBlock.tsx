import type { RequestDetail } from '../../../../shared/contract';
import { IssueLetterButton } from './IssueLetterButton';

interface Props {
  detail: RequestDetail;
  canIssue: boolean;
  onChanged: () => void;
}

/** Department policy XVI: no release path exists for school personnel, on any face. */
export function SchoolPersonnelBlock({ detail, canIssue, onChanged }: Props) {
  const issued = detail.letters.some((l) => l.kind === 'school-personnel-denial');
  return (
    <section className="school-block stack" aria-labelledby="school-title">
      <h2 id="school-title">School personnel: release blocked</h2>
      <p>
        <strong>No release path exists for this request.</strong> Department policy XVI forbids releasing SRO recordings to school personnel: no copy and no
        viewing. The request can only be denied, with the school-personnel denial letter (policy XVI, KRS 158.4414, FERPA 34 CFR 99.8(b)(2)).
      </p>
      <div>
        <strong>Why this request is treated as school personnel:</strong>
        <ul aria-label="Why school personnel">
          {detail.schoolPersonnelWhy.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
      {canIssue && (
        <>
          {issued && <p>The school-personnel denial letter has been issued; it is listed under Letters.</p>}
          <IssueLetterButton requestId={detail.id} kind="school-personnel-denial" onIssued={onChanged} />
        </>
      )}
    </section>
  );
}
