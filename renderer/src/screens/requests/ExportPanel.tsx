import { useEffect, useState, type FormEvent } from 'react';
import type { ExportMedium, ExportResult, MediaFit, RequestDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { formatAgencyDateTime } from '../../agencyTime';
import { formatBytes } from '../../format';
import { useJobs } from '../../useJobs';
import { useLoad } from '../../useLoad';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FsBrowser } from '../../components/FsBrowser';
import { ProgressBar } from '../../components/ProgressBar';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';
import { countOf } from '../../../../shared/plural';
import { outgoingCopies } from './releaseReadiness';

const EXPORTABLE = ['approved', 'partially-approved', 'released'];
const MEDIUM_LABELS: Record<ExportMedium, string> = { folder: 'Folder or USB drive', share: 'File share (a mounted share or UNC path)', disc: 'Disc (ISO image to burn)' };

function MediaTable({ media, caption }: { media: MediaFit[]; caption: string }) {
  return (
    <table className="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Disc</th>
          <th scope="col">Capacity</th>
          <th scope="col">Fits</th>
        </tr>
      </thead>
      <tbody>
        {media.map((m) => (
          <tr key={m.name}>
            <td>{m.name}</td>
            <td>{m.capacityBytes.toLocaleString('en-US')} bytes</td>
            <td>{m.fits ? 'Yes' : 'No'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** "Export release package…": a BagIt package that proves itself offline, to a folder, a share or a disc image. */
export function ExportPanel({ detail: d, timeZone, onChanged }: { detail: RequestDetail; timeZone: string; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [destination, setDestination] = useState('');
  const [medium, setMedium] = useState<ExportMedium>('folder');
  const [recipient, setRecipient] = useState(d.requester.organization ? `${d.requester.name}, ${d.requester.organization}` : d.requester.name);
  const [iso, setIso] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [nudge, setNudge] = useState(0);
  const preview = useLoad(() => (open ? call('exports.preview', { id: d.id }) : Promise.resolve(null)), `${d.id}-${open}`);
  const past = useLoad(() => call('exports.list', { id: d.id }), `${d.id}-${nudge}`);
  const action = useAction();
  const cancelling = useAction();
  const { jobs } = useJobs(nudge, jobId !== null);
  const job = jobs?.find((j) => j.id === jobId) ?? null;
  const result = job?.status === 'done' ? (job.result as ExportResult) : null;
  const finishedPackage = result?.packageId ?? null;
  useEffect(() => {
    if (!finishedPackage) return;
    // The export is recorded on the request: show it in the list and the custody history.
    setNudge((n) => n + 1);
    onChanged();
  }, [finishedPackage]);

  // A decision that lets no copy out (view only, on the premises) has nothing to package.
  if (!EXPORTABLE.includes(d.state) || !d.decision?.valid || outgoingCopies(d).length === 0) return null;
  const isoPath = iso.trim() || (destination.trim() ? `${destination.trim().replace(/[\\/]+$/, '')}/${d.reference}.iso` : '');

  function start(e: FormEvent) {
    e.preventDefault();
    return action.run(async () => {
      const r = await call('exports.start', { id: d.id, destination: destination.trim(), medium, recipient: recipient.trim(), ...(medium === 'disc' ? { iso: isoPath } : {}) });
      setJobId(r.jobId);
      setNudge((n) => n + 1);
    });
  }

  const running = job?.status === 'running';
  return (
    <section className="panel stack" aria-labelledby="export-title">
      <h2 id="export-title">Release package</h2>
      {past.data && past.data.length > 0 && (
        <ul className="small" aria-label="Packages exported">
          {past.data.map((x) => (
            <li key={x.id}>
              {x.packageId}: {MEDIUM_LABELS[x.medium]} to {x.recipient}, {formatAgencyDateTime(x.exportedAt, timeZone)} by {x.exportedBy} ({x.files.length} files, {formatBytes(x.totalBytes)})
            </li>
          ))}
        </ul>
      )}
      {!open && (
        <FormActions>
          {/* Not the page's main button: that is the workflow step in "Next steps" (one highlighted button per page). */}
          <button type="button" onClick={() => setOpen(true)}>
            Export release package…
          </button>
        </FormActions>
      )}
      {open && (
        <form className="stack" onSubmit={start} aria-label="Export release package">
          <p className="small">
            Only the copies the legal reviewer approved go out, byte for byte (redacted copies where the approval says so; view-only recordings never). The package holds VERIFY.html so the recipient can check it offline. Your password is asked again.
          </p>
          {preview.data && (
            <>
              <p className="small">
                {countOf(preview.data.recordings.length, 'recording')}, {formatBytes(preview.data.payloadBytes)}:{' '}
                {preview.data.recordings.map((r) => `${r.fileName}${r.redactedCopy ? ' (redacted copy)' : ''}`).join(', ')}
              </p>
              {preview.data.warnings.length > 0 && (
                <ul className="warnings">
                  {preview.data.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              )}
              {medium === 'disc' && <MediaTable media={preview.data.media} caption="Estimated size against common discs" />}
            </>
          )}
          <fieldset>
            <legend>Medium</legend>
            {(Object.keys(MEDIUM_LABELS) as ExportMedium[]).map((m) => (
              <label key={m} className="check">
                <input type="radio" name="medium" value={m} checked={medium === m} onChange={() => setMedium(m)} /> {MEDIUM_LABELS[m]}
              </label>
            ))}
          </fieldset>
          <div className="toolbar">
            <Field label="Destination folder" inline grow>
              <input value={destination} onChange={(e) => setDestination(e.target.value)} placeholder="e.g. the USB drive" required />
            </Field>
            <button type="button" onClick={() => setBrowsing(true)}>
              Browse for destination…
            </button>
          </div>
          {medium === 'disc' && (
            <Field label="Disc image file">
              <input value={iso} onChange={(e) => setIso(e.target.value)} placeholder={isoPath || 'e.g. /media/usb/PRR-00042.iso'} />
            </Field>
          )}
          <Field label="Recipient (who receives it, and how)">
            <input value={recipient} onChange={(e) => setRecipient(e.target.value)} required maxLength={500} />
          </Field>
          <ErrorAlert message={action.error ?? preview.error} />
          <FormActions>
            <button type="button" onClick={() => setOpen(false)} disabled={running}>
              Close
            </button>
            <button type="submit" className="primary" disabled={running || !destination.trim() || !recipient.trim()}>
              Export
            </button>
          </FormActions>
        </form>
      )}
      {job && job.status === 'running' && (
        <div className="stack" aria-live="polite">
          <ProgressBar label="Export progress" value={job.progress} />
          <p className="small">{job.message}</p>
          <ErrorAlert message={cancelling.error} />
          <FormActions>
            <button type="button" onClick={() => void cancelling.run(() => call('jobs.cancel', { id: job.id }))} disabled={cancelling.busy}>
              Cancel export
            </button>
          </FormActions>
        </div>
      )}
      {job && (job.status === 'failed' || job.status === 'cancelled') && <ErrorAlert message={job.status === 'failed' ? job.message : 'Export cancelled. Nothing that looks complete was left at the destination.'} />}
      {result && (
        <div className="stack" role="status" aria-label="Export result">
          <p>
            <strong>Exported {result.packageId}</strong>, read back and verified: {result.files.length} files, {formatBytes(result.totalBytes)}.
          </p>
          <p className="small">
            Package: <code>{result.package}</code>
            {result.iso && (
              <>
                <br />
                Disc image: <code>{result.iso}</code> ({formatBytes(result.isoBytes ?? 0)}), every file read back out of it.
              </>
            )}
            <br />
            Agency key fingerprint (also on the letter): <code>{result.keyFingerprint}</code>
          </p>
          {result.warnings.length > 0 && (
            <ul className="warnings">
              {result.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          )}
          <MediaTable media={result.media} caption={`${result.iso ? 'Image' : 'Package'} size ${(result.isoBytes ?? result.totalBytes).toLocaleString('en-US')} bytes against common discs`} />
        </div>
      )}
      {browsing && (
        <Dialog title="Choose where the package goes" onClose={() => setBrowsing(false)} closeLabel="Close" wide>
          <FsBrowser
            mode="folder"
            label="Destination folder browser"
            onChooseFolder={(p) => {
              setDestination(p);
              setBrowsing(false);
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
