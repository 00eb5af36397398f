import type { TombstoneInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { formatAgencyDate, formatAgencyDateTime } from '../../agencyTime';
import { downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';
import { formatBytes } from '../../format';
import { hrefFor } from '../../router';

interface Props {
  tombstone: TombstoneInfo;
  timeZone: string;
  /** Administrators, custodians and legal reviewers may download the certificate (destruction.certificate). */
  canDownload: boolean;
}

/**
 * The page of a recording destroyed under the retention schedule: its tombstone (what was
 * destroyed, under which rule, who proposed and approved it, when and by whom it was destroyed)
 * and the destruction certificate, instead of a "not in the library" error.
 */
export function DestroyedRecording({ tombstone: t, timeZone, canDownload }: Props) {
  const download = useAction();

  function downloadCertificate() {
    return download.run(async () => {
      const got = await call('destruction.certificate', { batchId: t.batchId });
      downloadBase64(got.base64, got.fileName, 'application/pdf');
    });
  }

  const facts: [string, React.ReactNode, string?][] = [
    ['What was destroyed', t.kind === 'redacted-copy' ? 'A redacted copy, with its file' : 'The original recording, with its playable copy, thumbnail and any redacted copies made from it'],
    ['Evidence ID', t.itemId, 'mono breakall'],
    ...(t.parentItemId ? [['Redacted copy of', <a key="p" href={hrefFor({ name: 'recording', id: t.parentItemId })}>{t.parentItemId}</a>] as [string, React.ReactNode]] : []),
    ['SHA-256', t.sha256, 'mono breakall'],
    ['Size', `${formatBytes(t.size)} (${t.size.toLocaleString('en-US')} bytes)`],
    ['Recorded', formatAgencyDateTime(t.recordedStart, timeZone)],
    ['Ingested', formatAgencyDateTime(t.ingestedAt, timeZone)],
    ['Retention rule', `${t.ruleSeries} (${t.ruleCategory})`],
    ['Kept until', formatAgencyDate(t.retentionDate, timeZone)],
    ['Proposed by', t.proposedBy],
    ['Approved by', t.approvedAt ? `${t.approvedBy}, ${formatAgencyDateTime(t.approvedAt, timeZone)}` : t.approvedBy],
    ['Destroyed', `${formatAgencyDateTime(t.destroyedAt, timeZone)}${t.destroyedBy ? ` by ${t.destroyedBy}` : ''} (batch ${t.batchId})`],
  ];

  return (
    <>
      <div className="screen-head">
        <h1 id="recording-title" className="breakall">
          {t.originalName ?? t.itemId}
        </h1>
        <span className="badge badge-danger">Destroyed</span>
      </div>
      <p className="note note-warn" role="note">
        This recording was destroyed on {formatAgencyDate(t.destroyedAt, timeZone)} under the retention schedule, after a second person approved the destruction. Its bytes are gone; this tombstone and the custody log are what remain.
      </p>
      <section className="panel stack" aria-labelledby="tombstone-title">
        <h2 id="tombstone-title">Tombstone</h2>
        <dl className="facts">
          {facts.map(([k, v, cls]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd className={cls}>{v}</dd>
            </div>
          ))}
          <div>
            <dt>Certificate of destruction</dt>
            <dd>
              {t.certificateItemId ? (
                <>
                  <span className="mono breakall">{t.certificateItemId}</span>{' '}
                  {canDownload && (
                    <button type="button" onClick={() => void downloadCertificate()} disabled={download.busy}>
                      {download.busy ? 'Downloading…' : 'Download certificate (PDF)'}
                    </button>
                  )}
                </>
              ) : (
                'Not written yet: it is written when the approved destruction has finished.'
              )}
            </dd>
          </div>
        </dl>
        <ErrorAlert message={download.error} />
      </section>
    </>
  );
}
