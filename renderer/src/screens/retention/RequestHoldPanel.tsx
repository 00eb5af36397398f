import type { SessionInfo } from '../../../../shared/contract';
import { HoldPanel } from './HoldPanel';

/**
 * For the request page: a hold panel per linked recording (the request already holds them
 * automatically until it is closed and its appeal window has passed; an investigation,
 * litigation or complaint hold keeps them longer).
 */
export function RequestHoldPanel({ recordingIds, session, requestState }: { recordingIds: readonly string[]; session: SessionInfo; requestState: string }) {
  if (recordingIds.length === 0) return null;
  return (
    <section className="stack" aria-label="Holds on the linked recordings">
      {recordingIds.map((id) => (
        <HoldPanel key={id} id={id} session={session} refreshKey={requestState} />
      ))}
    </section>
  );
}
