import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { payloadOf, type DecisionPayloadRecording, type DecisionRow } from './decisionStore';
import { stmt } from './sqlCache';

/**
 * Recordings a signed decision approves only in a redacted (or masked) form. Redaction
 * rendering does not exist yet, so no such recording has a redacted copy: it is never shown at
 * a viewing and never released, because the only bytes there are would be the unredacted
 * original, which is exactly what the legal reviewer decided must not go out.
 *
 * A recording needs a redacted copy when the decision is "approve with redaction", or when it
 * is "view-only" with masking rows (segments): showing the original would disclose the rows.
 */

export function needsRedactedCopy(r: Pick<DecisionPayloadRecording, 'decision' | 'segments'>): boolean {
  return r.decision === 'approve-redacted' || (r.decision === 'view-only' && r.segments.length > 0);
}

export interface RenderedCopy {
  /** SHA-256 of the rendered redacted file (what is released and listed in the letter). */
  sha256: string;
}

/**
 * The hook where a rendered redacted copy is found and checked. There is none yet, so this is
 * always null. When redaction rendering lands, this is where to:
 *  - find the decision's `rendered_outputs` entry `{ itemId, kind: 'redacted', sha256 }`;
 *  - check it was rendered from the approved original (its source SHA-256 is `r.sha256`) with
 *    exactly the signed segments;
 *  - check the object with that SHA-256 is committed in the store and still re-hashes to it.
 * Only a copy passing all three is returned; release then records the copy's hash (never the
 * original's) and the approval letter lists it.
 */
export function renderedRedactedCopy(_core: CoreContext, _d: DecisionRow, _r: DecisionPayloadRecording): RenderedCopy | null {
  return null;
}

/** The recordings of `d` that need a redacted copy and do not have one. */
export function pendingRedactions(core: CoreContext, d: DecisionRow): DecisionPayloadRecording[] {
  return payloadOf(d).recordings.filter((r) => needsRedactedCopy(r) && renderedRedactedCopy(core, d, r) === null);
}

/** "AXON_12.mp4 (REC-…)" for each recording, for messages a custodian reads. */
export function namedRecordings(db: Db, itemIds: readonly string[]): string {
  return itemIds
    .map((id) => {
      const row = stmt(db, 'SELECT original_name FROM items WHERE id = ?').get(id) as { original_name: string } | undefined;
      return row ? `${row.original_name} (${id})` : id;
    })
    .join(', ');
}

/**
 * The refusal when a release path meets a recording approved only with redaction that has no
 * rendered redacted copy: a release (or, for a viewing, a viewing with nothing else to show).
 * Nothing is released or shown: the original would disclose what was redacted.
 */
export function redactionNotRendered(core: CoreContext, pending: readonly DecisionPayloadRecording[], method: string, purpose: 'release' | 'viewing' = 'release'): CustodianError {
  const ids = pending.map((r) => r.itemId);
  const one = ids.length === 1;
  const what = `${one ? 'Recording' : 'Recordings'} ${namedRecordings(core.db, ids)} ${one ? 'is' : 'are'} approved only with redaction, and no redacted copy has been produced yet (this version of Custodian cannot render redactions).`;
  const next = `Wait until the redacted ${one ? 'copy exists' : 'copies exist'}, or ask the legal reviewer to decide ${one ? 'that recording' : 'those recordings'} again (void the approval first).`;
  const message =
    purpose === 'release'
      ? `Nothing was released. ${what} Releasing now would hand over the unredacted original. ${next}`
      : `There is nothing to show at a viewing. ${what} Showing the original would disclose what the legal reviewer redacted. ${next}`;
  return new CustodianError('POLICY_REFUSED', message, { reason: 'REDACTION_NOT_RENDERED', method, itemIds: ids });
}
