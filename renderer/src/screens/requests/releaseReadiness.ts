import type { RequestDetail } from '../../../../shared/contract';
import { decisionAllows } from '../../../../shared/domain/releaseOutcomes';

/** One recording that a release hands over, as the confirmation names it. */
export interface OutgoingCopy {
  itemId: string;
  name: string;
  redacted: boolean;
}

/** The copies the signed decision lets out: approved as they are, or as the signed redacted copy. */
export function outgoingCopies(d: RequestDetail): OutgoingCopy[] {
  const names = new Map(d.recordings.map((r) => [r.itemId, r.originalName]));
  return (d.decision?.recordings ?? [])
    .filter((r) => decisionAllows(r.decision, 'copy'))
    .map((r) => ({ itemId: r.itemId, name: names.get(r.itemId) ?? r.itemId, redacted: d.redactedCopies.some((c) => c.itemId === r.itemId) }));
}

/**
 * Why the core would refuse `requests.release` now, read from the request detail (the same
 * checks as requestRelease.ts: school personnel, a valid signed decision, every redacted copy
 * ready, at least one copy approved); null when release should go through.
 */
export function releaseBlocker(d: RequestDetail): string | null {
  if (d.schoolPersonnel) return 'This request comes from school personnel; department policy XVI forbids any release.';
  if (!d.decision || d.decision.outcome === 'denied') return 'No signed legal decision approves a release.';
  if (!d.decision.valid) return `The signed decision no longer holds: ${d.decision.problems.join(' ')}`;
  const pending = d.warnings.find((w) => w.includes('cannot be released'));
  if (pending) return pending;
  const notReady = d.redactedCopies.filter((c) => c.problem !== null);
  if (notReady.length > 0) return notReady.map((c) => c.problem).join(' ');
  if (outgoingCopies(d).length === 0) return 'The legal decision approves no copy (view-only recordings are shown at a viewing, never handed over).';
  return null;
}
