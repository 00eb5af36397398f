import type { DraftStatus } from './usePlanDraft';

/** Where the plan is kept right now, in a word or two. */
export function DraftStatusNote({ status }: { status: DraftStatus }) {
  const text =
    status.kind === 'loading'
      ? 'Loading the plan…'
      : status.kind === 'saving'
        ? 'Saving…'
        : status.kind === 'saved'
          ? `Saved · version ${status.version}`
          : status.kind === 'window'
            ? 'Draft kept in this window'
            : `Not saved: ${status.message}`;
  return (
    <span role="status" aria-label="Plan status" className={`small draft-status draft-${status.kind}`} title={status.kind === 'window' ? 'Saved to Custodian as a new plan version once every region and audio range has its exemption and explanation.' : undefined}>
      {text}
    </span>
  );
}
