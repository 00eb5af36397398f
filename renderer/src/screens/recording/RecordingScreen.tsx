import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor, navigate } from '../../router';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Player } from './Player';
import { FactsPanel } from './FactsPanel';
import { MetadataForm } from './MetadataForm';
import { CustodyTimeline } from './CustodyTimeline';
import { RecordingActions } from './RecordingActions';
import { ViewingCopyPanel } from './ViewingCopyPanel';
import { HoldPanel } from '../retention/HoldPanel';
import { DestroyedRecording } from './DestroyedRecording';

export function RecordingScreen({ id, session }: { id: string; session: SessionInfo }) {
  const detail = useLoad(() => call('recordings.get', { id }), id);
  const timeline = useLoad(() => call('custody.forItem', { id }), id);
  const agencyZone = useAgencyTimeZone();
  const { timeZone } = agencyZone;
  // The core lets only custodians change recording details (recordings.updateMeta).
  const canEdit = session.roles.includes('custodian');
  const d = detail.data;
  // A recording the library no longer has may have been destroyed under the retention schedule: then its tombstone is the page.
  const tomb = useLoad(
    () => (detail.error && !d ? call('retention.forItem', { id }).then((r) => r.destroyed, () => null) : Promise.resolve(null)),
    `${id}|${detail.error && !d ? 'gone' : ''}`,
  );
  const tombstone = !d ? tomb.data : null;

  return (
    <section className="recording" aria-labelledby="recording-title">
      <p>
        <a href={hrefFor({ name: 'library' })}>← Back to library</a>
      </p>
      {tombstone ? (
        <>
          <DestroyedRecording tombstone={tombstone} timeZone={timeZone} canDownload={session.roles.length > 0} />
          <CustodyTimeline entries={timeline.data} error={timeline.error} />
        </>
      ) : (
        !(detail.error && tomb.loading) && <ErrorAlert message={detail.error} />
      )}
      {d && (
        <>
          <div className="screen-head">
            <h1 id="recording-title" className="breakall">
              {d.originalName}
            </h1>
            <div className="toolbar">
              {canEdit && d.playable && d.kind === 'recording' && (
                <button type="button" onClick={() => navigate({ name: 'studio', id })} title="Open the redaction studio for this recording">
                  Redact…
                </button>
              )}
              <RecordingActions id={id} onLogged={timeline.reload} />
            </div>
          </div>
          {d.redactedFrom && (
            <p className={d.redactedFrom.checkOk ? 'note note-info' : 'note note-warn'} role="note">
              Redacted copy rendered in the studio from{' '}
              <a href={hrefFor({ name: 'recording', id: d.redactedFrom.itemId })}>{d.redactedFrom.itemId}</a> (original SHA-256{' '}
              <code className="breakall">{d.redactedFrom.sha256.slice(0, 16)}…</code>, plan <code>{d.redactedFrom.planHash.slice(0, 12)}…</code>).{' '}
              {d.redactedFrom.checkOk ? 'Its leak check passed.' : 'Its leak check did not pass: it cannot be signed or released.'}{' '}
              <a href={hrefFor({ name: 'studio', id: d.redactedFrom.itemId })}>Open the studio</a> for its report.
            </p>
          )}
          <div className="recording-grid">
            <div className="stack">
              <Player detail={d} />
              <ViewingCopyPanel
                detail={d}
                canMake={canEdit}
                onChanged={() => {
                  detail.reload();
                  timeline.reload();
                }}
              />
              <CustodyTimeline entries={timeline.data} error={timeline.error} />
            </div>
            <div className="stack">
              <FactsPanel detail={d} timeZone={timeZone} />
              <HoldPanel id={id} session={session} onLogged={timeline.reload} />
              {/* Typed on the agency's clock: wait for the zone, and start afresh if it changes. */}
              {agencyZone.settled ? (
                <MetadataForm
                  key={timeZone}
                  id={id}
                  meta={d.meta}
                  timeZone={timeZone}
                  readOnly={!canEdit}
                  onSaved={() => {
                    detail.reload();
                    timeline.reload();
                  }}
                />
              ) : (
                <p className="muted">Loading details…</p>
              )}
            </div>
          </div>
        </>
      )}
      {!d && detail.loading && <p className="muted">Loading recording…</p>}
    </section>
  );
}
