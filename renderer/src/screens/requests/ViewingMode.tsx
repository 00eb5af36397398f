import { useState } from 'react';
import type { ViewingInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ViewingVideo } from './ViewingVideo';
import { Field } from '../../components/Field';
import { useAction } from '../../components/useAction';

interface Props {
  reference: string;
  viewing: ViewingInfo;
  /** The recordings the core allows to be shown (viewing.start). */
  itemIds: string[];
  /** Original file names by recording id. */
  names: Record<string, string>;
  onEnded: () => void;
}

/**
 * The full-screen, no-export viewing: only the approved recordings, only to watch. It shows only
 * what the core hands out: a recording approved only with redaction is never among them while no
 * redacted copy exists (the original would disclose what was redacted); the core names it in
 * `viewing.heldBackForRedaction`, and it is listed here as not shown.
 */
export function ViewingMode({ reference, viewing, itemIds, names, onEnded }: Props) {
  const [note, setNote] = useState('');
  const action = useAction();

  function end() {
    return action.run(async () => {
      await call('viewing.end', { viewingId: viewing.id, ...(note.trim() ? { note: note.trim() } : {}) });
      if (document.fullscreenElement) await document.exitFullscreen().catch(() => undefined);
      onEnded();
    });
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
          <Field label="Viewing note (optional)" inline>
            <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          </Field>
          <button type="button" className="danger" onClick={() => void end()} disabled={action.busy}>
            End viewing
          </button>
        </div>
      </header>
      <ErrorAlert message={action.error} />
      <div className="viewing-grid">
        {itemIds.map((id) => (
          <ViewingVideo key={id} itemId={id} />
        ))}
        {viewing.heldBackForRedaction.map((id) => (
          <div key={id} className="viewing-held" role="note" aria-label={`Not shown: ${names[id] ?? id}`}>
            <strong>Not shown: {names[id] ?? id}</strong>
            <p>The legal decision approves this recording only with redaction, and no redacted copy exists yet. Showing the original would disclose what the reviewer redacted.</p>
          </div>
        ))}
      </div>
    </div>
  );
}
