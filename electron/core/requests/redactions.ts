import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { payloadOf, type DecisionPayloadRecording, type DecisionRow } from './decisionStore';
import { stmt } from './sqlCache';
import { hashObjectSync, latestPassingRender } from '../redaction/renderRows';

/**
 * Recordings a signed decision approves only in a redacted (or masked) form. Such a recording is
 * never shown at a viewing or released as its original: only its rendered redacted copy (a
 * separate evidence item made by the redaction studio, electron/core/redaction/) may go, and
 * only when its leak check passed.
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
  /** The copy's own item id (kind 'redacted-copy'). */
  itemId: string;
}

/**
 * The redacted copy release and viewing use for recording `r` of decision `d`: the newest render
 * in the renders table whose leak check passed, rendered from the approved original's SHA-256
 * (`r.sha256`), committed, with its object in the store at the recorded size. With `rehash`
 * (the release itself) the object is also re-hashed, synchronously, and must still have its
 * SHA-256. Kept synchronous so the release gate, viewings and letters stay as they are.
 */
export function renderedRedactedCopy(core: CoreContext, _d: DecisionRow, r: DecisionPayloadRecording, opts: { rehash?: boolean } = {}): RenderedCopy | null {
  const copy = latestPassingRender(core, r.itemId, r.sha256);
  if (!copy) return null;
  if (opts.rehash && hashObjectSync(core, copy.sha256) !== copy.sha256) return null;
  return { sha256: copy.sha256, itemId: copy.itemId };
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
  const what = `${one ? 'Recording' : 'Recordings'} ${namedRecordings(core.db, ids)} ${one ? 'is' : 'are'} approved only with redaction, and no redacted copy that passed its leak check has been made from the approved original yet.`;
  const next = `Wait until the redacted ${one ? 'copy exists' : 'copies exist'}, or ask the legal reviewer to decide ${one ? 'that recording' : 'those recordings'} again (void the approval first).`;
  const message =
    purpose === 'release'
      ? `Nothing was released. ${what} Releasing now would hand over the unredacted original. ${next}`
      : `There is nothing to show at a viewing. ${what} Showing the original would disclose what the legal reviewer redacted. ${next}`;
  return new CustodianError('POLICY_REFUSED', message, { reason: 'REDACTION_NOT_RENDERED', method, itemIds: ids });
}
