import type { OutgoingCopy } from './releaseReadiness';
import { ConfirmDialog } from '../../components/ConfirmDialog';

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
    <ConfirmDialog
      title="Release these recordings?"
      confirmLabel={`Release ${one ? '1 recording' : `${copies.length} recordings`}`}
      busyLabel="Releasing…"
      busy={busy}
      onConfirm={onConfirm}
      onClose={onClose}
    >
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
    </ConfirmDialog>
  );
}
