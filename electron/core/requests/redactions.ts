import { CustodianError } from '../../../shared/errors';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { payloadOf, type DecisionPayloadRecording, type DecisionRow } from './decisionStore';
import { stmt } from './sqlCache';
import { needsRedactedCopy, signedCopyProblem } from './signedCopy';

/**
 * Recordings a signed decision approves only in a redacted (or masked) form. Such a recording is
 * never shown at a viewing or released as its original: only its rendered redacted copy (a
 * separate evidence item made by the redaction studio, electron/core/redaction/) may go, and
 * only when its leak check passed.
 *
 * The legal reviewer signs that copy's bytes (requests/signedCopy.ts; needsRedactedCopy says
 * which recordings need one).
 */

export { needsRedactedCopy };

export interface RenderedCopy {
  /** SHA-256 of the rendered redacted file (what is released and listed in the letter). */
  sha256: string;
  /** The copy's own item id (kind 'redacted-copy'). */
  itemId: string;
}

/**
 * The redacted copy release and viewing use for recording `r` of decision `d`: only the copy the
 * signature names (`r.redactedCopy`, requests/signedCopy.ts). Its render row must still hold that
 * item and SHA-256 with a passing leak check (the report the reviewer signed), the item must be
 * committed with that SHA-256 and its object in the store at the recorded size. With `rehash`
 * (the release itself) the object is also re-hashed, synchronously. A decision signed before
 * copies were signed has no `redactedCopy`: its copy stays pending (null), as before. Kept
 * synchronous so the release gate, viewings and letters stay as they are.
 */
export function renderedRedactedCopy(core: CoreContext, _d: DecisionRow, r: DecisionPayloadRecording, opts: { rehash?: boolean } = {}): RenderedCopy | null {
  const signed = r.redactedCopy;
  if (!signed) return null;
  if (signedCopyProblem(core, r.itemId, signed, opts) !== null) return null;
  return { sha256: signed.sha256, itemId: signed.itemId };
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
  const what = `${one ? 'Recording' : 'Recordings'} ${namedRecordings(core.db, ids)} ${one ? 'is' : 'are'} approved only with redaction, and the signed decision names no redacted copy that passed its leak check.`;
  const next = `Void the approval; once the redacted ${one ? 'copy is' : 'copies are'} rendered and ${one ? 'has' : 'have'} passed the leak check, the legal reviewer signs again (or decides ${one ? 'that recording' : 'those recordings'} another way).`;
  const message =
    purpose === 'release'
      ? `Nothing was released. ${what} Releasing now would hand over the unredacted original. ${next}`
      : `There is nothing to show at a viewing. ${what} Showing the original would disclose what the legal reviewer redacted. ${next}`;
  return new CustodianError('POLICY_REFUSED', message, { reason: 'REDACTION_NOT_RENDERED', method, itemIds: ids });
}
