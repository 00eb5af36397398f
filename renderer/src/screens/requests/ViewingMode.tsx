import { useState } from 'react';
import type { SignedDecisionInfo, ViewingInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ViewingVideo } from './ViewingVideo';

interface Props {
  reference: string;
  viewing: ViewingInfo;
  itemIds: string[];
  /** The signed decision the viewing rests on: says which recordings need redaction first. */
  decision: SignedDecisionInfo | null;
  /** Original file names by recording id. */
  names: Record<string, string>;
  onEnded: () => void;
}

/**
 * A recording approved only with redaction must not be shown as the original: no redacted copy
 * is produced yet, so it is held back here with the reason (the core does not yet refuse it).
 */
function needsRedaction(decision: SignedDecisionInfo | null, itemId: string): number | null {
  const r = decision?.recordings.find((x) => x.itemId === itemId);
  if (!r) return null;
  return r.decision === 'approve-redacted' || r.segments.length > 0 ? r.segments.length : null;
}

/** The full-screen, no-export viewing: only the approved recordings, only to watch. */
export function ViewingMode({ reference, viewing, itemIds, decision, names, onEnded }: Props) {
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function end() {
    setBusy(true);
    setError(null);
    try {
      await call('viewing.end', { viewingId: viewing.id, ...(note.trim() ? { note: note.trim() } : {}) });
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
      onEnded();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  }

  return (
    <div className="viewing-mode stack" role="region" aria-label="Viewing in progress">
      <header className="viewing-head">
        <div>
          <h2>In-person viewing · {reference}</h2>
          <p className="small">
            Attendees: {viewing.attendees.join(', ')} · {viewing.place}. Viewing only: recordings cannot be downloaded, copied or exported here.
          </p>
        </div>
        <div className="toolbar">
          <label className="field field-inline">
            <span>Viewing note (optional)</span>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </label>
          <button type="button" className="danger" onClick={() => void end()} disabled={busy}>
            End viewing
          </button>
        </div>
      </header>
      <ErrorAlert message={error} />
      <div className="viewing-grid">
        {itemIds.map((id) => {
          const rows = needsRedaction(decision, id);
          return rows === null ? (
            <ViewingVideo key={id} itemId={id} />
          ) : (
            <div key={id} className="viewing-held" role="note" aria-label={`Not shown: ${names[id] ?? id}`}>
              <strong>Not shown: {names[id] ?? id}</strong>
              <p>
                The legal decision approves this recording only with redaction ({rows} row(s) in the exemption log), and no redacted copy exists yet. Showing the
                original would disclose what the reviewer redacted.
              </p>
            </div>
          );
        })}
      </div>
    </div>
  );
}
