import { useState } from 'react';
import type { DestructionBatchInfo, SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { formatAgencyDate } from '../../agencyTime';

/**
 * Batches awaiting approval, with the second person's step (administrator or legal reviewer,
 * password again, never the proposer: the core refuses and logs it), and the certificate of a
 * destroyed batch.
 */
export function BatchesSection({ batches, session, timeZone, onChanged }: { batches: DestructionBatchInfo[]; session: SessionInfo; timeZone: string; onChanged: () => void }) {
  const action = useAction();
  const [note, setNote] = useState<string | null>(null);
  /** The batch being approved, for its button's "Destroying…". */
  const [approving, setApproving] = useState<number | null>(null);
  const mayApprove = session.roles.includes('administrator') || session.roles.includes('legal-reviewer');
  const waiting = batches.filter((b) => b.state !== 'destroyed');
  const done = batches.filter((b) => b.state === 'destroyed');

  async function approve(b: DestructionBatchInfo) {
    setNote(null);
    setApproving(b.id);
    await action.run(async () => {
      const r = await call('destruction.approve', { batchId: b.id });
      setNote(`Batch ${r.id} approved and destroyed: ${r.items.length} recording${r.items.length === 1 ? '' : 's'}, deletion verified. The certificate is stored.`);
      onChanged();
    });
    setApproving(null);
  }

  function certificate(id: number) {
    setNote(null);
    return action.run(async () => {
      const c = await call('destruction.certificate', { batchId: id });
      downloadBase64(c.base64, c.fileName, 'application/pdf');
      setNote(`Certificate saved as ${c.fileName}.`);
    });
  }

  const items = (b: DestructionBatchInfo) => b.items.map((i) => i.itemId).join(', ');
  return (
    <section className="panel stack" aria-labelledby="batches-title">
      <h2 id="batches-title">Batches awaiting approval</h2>
      <ErrorAlert message={action.error} />
      <StatusNote message={note} />
      {waiting.length === 0 ? (
        <p className="empty-note">No batch is waiting.</p>
      ) : (
        <ul className="plain stack">
          {waiting.map((b) => (
            <li key={b.id} className="card">
              <strong>Batch {b.id}</strong>: {items(b)}
              <div className="muted small">Proposed by {b.proposedBy} on {formatAgencyDate(b.proposedAt, timeZone)}</div>
              {mayApprove && b.state === 'proposed' && (
                <div className="toolbar">
                  <button type="button" disabled={action.busy || b.proposedBy === session.username} onClick={() => void approve(b)}>
                    {approving === b.id ? 'Destroying…' : `Approve and destroy batch ${b.id}`}
                  </button>
                  {b.proposedBy === session.username && <span className="muted small">You proposed it; a second person must approve.</span>}
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {done.length > 0 && (
        <>
          <h3>Destroyed batches</h3>
          <ul className="plain stack">
            {done.map((b) => (
              <li key={b.id}>
                Batch {b.id}: {items(b)}. Approved by {b.approvedBy}, destroyed {formatAgencyDate(b.destroyedAt, timeZone)}.{' '}
                <button type="button" disabled={action.busy} onClick={() => void certificate(b.id)}>Download certificate {b.id} (PDF)</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
