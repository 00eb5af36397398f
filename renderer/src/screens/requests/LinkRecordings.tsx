import { useState } from 'react';
import type { RecordingRow } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { RecordingPicker } from './RecordingPicker';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  requestId: number;
  linkedIds: string[];
  onChanged: () => void;
}

/** Links more recordings to a request (each link is a custody event; a signed approval is voided). */
export function LinkRecordings({ requestId, linkedIds, onChanged }: Props) {
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<RecordingRow[]>([]);
  const action = useAction();

  function link() {
    return action.run(async () => {
      await call('requests.link', { id: requestId, add: chosen.map((r) => r.id), remove: [] });
      setChosen([]);
      setOpen(false);
      onChanged();
    });
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
      <ErrorAlert message={action.error} />
      <FormActions>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
        <button type="button" className="primary" onClick={() => void link()} disabled={action.busy || chosen.length === 0}>
          Link chosen recordings
        </button>
      </FormActions>
    </div>
  );
}
