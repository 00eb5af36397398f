import type { OutgoingCopy } from './releaseReadiness';
import { Dialog } from '../../components/Dialog';

interface Props {
  reference: string;
  requester: string;
  copies: OutgoingCopy[];
  busy: boolean;
  onConfirm: () => void;
  onClose: () => void;
}

/** Names exactly what goes out before `requests.release` records it. */
export function ReleaseConfirmDialog({ reference, requester, copies, busy, onConfirm, onClose }: Props) {
  const one = copies.length === 1;
  return (
    <Dialog title="Release these recordings?" onClose={onClose}>
      <div className="stack">
        <p>
          {reference} will be marked released to {requester}. {one ? 'One recording goes' : `${copies.length} recordings go`} out:
        </p>
        <ul aria-label="Recordings released">
          {copies.map((c) => (
            <li key={c.itemId}>
              {c.name}
              {c.redacted ? ' (the signed redacted copy, not the original)' : ''}
            </li>
          ))}
        </ul>
        <p className="muted small">The release is written to the custody log and cannot be undone.</p>
        <div className="form-actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={onConfirm} disabled={busy}>
            {busy ? 'Releasing…' : `Release ${one ? '1 recording' : `${copies.length} recordings`}`}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
