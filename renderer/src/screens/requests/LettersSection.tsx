import type { LetterKind, RequestDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatAgencyTime } from '../../agencyTime';
import { IssueLetterButton } from './IssueLetterButton';
import { LETTER_LABELS } from './labels';
import { useAction } from '../../components/useAction';

/** The letters the core will build now; it refuses the others anyway (e.g. approval without a signed approval). */
function issuableKinds(d: RequestDetail): LetterKind[] {
  const kinds: LetterKind[] = ['acknowledgement'];
  const outcome = d.decision?.outcome;
  if (!d.schoolPersonnel && (outcome === 'approved' || outcome === 'partially-approved')) kinds.push('approval');
  if (outcome === 'denied') kinds.push('denial');
  if (d.delay) kinds.push('delay-notice');
  return kinds;
}

interface Props {
  detail: RequestDetail;
  timeZone: string;
  canIssue: boolean;
  onChanged: () => void;
}

export function LettersSection({ detail: d, timeZone, canIssue, onChanged }: Props) {
  const action = useAction();

  function download(id: number) {
    return action.run(async () => {
      const got = await call('letters.get', { id });
      downloadBase64(got.base64, got.fileName, 'application/pdf');
    });
  }

  return (
    <section className="panel stack" aria-labelledby="letters-title">
      <h2 id="letters-title">Letters</h2>
      {d.letters.length === 0 ? (
        <p className="muted small">No letters issued yet.</p>
      ) : (
        <ul className="letters">
          {d.letters.map((l) => (
            <li key={l.id} className="letter" aria-label={`${LETTER_LABELS[l.kind]} letter ${l.fileName}`}>
              <div>
                <strong>{LETTER_LABELS[l.kind]}</strong> · {formatAgencyTime(l.issuedAt, timeZone)} by {l.issuedBy}
                <div className="muted small mono breakall">
                  {l.fileName} · SHA-256 {l.sha256.slice(0, 16)}…
                </div>
                {l.warnings.length > 0 && <div className="small warn-text">{l.warnings.join(' ')}</div>}
              </div>
              <button type="button" onClick={() => void download(l.id)} aria-label={`Download ${l.fileName}`}>
                Download PDF
              </button>
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={action.error} />
      {canIssue && (
        <div className="stack">
          <h3>Issue a letter</h3>
          {issuableKinds(d).map((k) => (
            <IssueLetterButton key={k} requestId={d.id} kind={k} onIssued={onChanged} />
          ))}
          {d.schoolPersonnel && !['denied', 'closed'].includes(d.state) && <p className="muted small">The school-personnel denial letter is issued from the red block above.</p>}
        </div>
      )}
    </section>
  );
}
