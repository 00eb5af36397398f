import { useState } from 'react';
import type { RecordingRow } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordingPicker } from './RecordingPicker';

interface Props {
  requestId: number;
  linkedIds: string[];
  onChanged: () => void;
}

/** Links more recordings to a request (each link is a custody event; a signed approval is voided). */
export function LinkRecordings({ requestId, linkedIds, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<RecordingRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function link() {
    setBusy(true);
    setError(null);
    try {
      await call('requests.link', { id: requestId, add: chosen.map((r) => r.id), remove: [] });
      setChosen([]);
      setOpen(false);
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div>
        <button type="button" onClick={() => setOpen(true)}>
          Add recordings…
        </button>
      </div>
    );
  }
  return (
    <div className="stack subpanel" role="group" aria-label="Add recordings">
      <RecordingPicker chosen={chosen} onChange={setChosen} linkedIds={linkedIds} />
      <ErrorAlert message={error} />
      <div className="form-actions">
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void link()} disabled={busy || chosen.length === 0}>
          Link chosen recordings
        </button>
      </div>
    </div>
  );
}
