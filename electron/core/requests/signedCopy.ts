import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { CoreContext } from '../coreContext';
import type { Db } from '../db/database';
import { hashObjectSync, latestPassingRender, rendersOf, type RenderRow } from '../redaction/renderRows';
import { objectPath } from '../store/objectPaths';
import { stmt } from './sqlCache';

/**
 * The redacted copy a legal decision signs (issue 10, "Sign-off binds the bytes"). For a
 * recording approved with redaction the signature covers the rendered copy itself: its item id
 * and SHA-256, the render row, the plan hash and the SHA-256 of the leak-check report stored at
 * signing. Release, viewing, letters and export use only that copy; a newer render of the same
 * original voids the approval.
 */

export interface SignedRedactedCopy {
  itemId: string;
  sha256: string;
  renderId: number;
  planHash: string;
  /** SHA-256 of the render's stored `check_report` text at signing. */
  checkSha256: string;
}

/**
 * A recording needs a redacted copy when the decision is "approve with redaction", or when it
 * is "view-only" with masking rows (segments): showing the original would disclose the rows.
 */
export function needsRedactedCopy(r: { decision: string; segments: readonly unknown[] }): boolean {
  return r.decision === 'approve-redacted' || (r.decision === 'view-only' && r.segments.length > 0);
}

export function checkReportSha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function renderById(db: Db, id: number): RenderRow | undefined {
  return stmt(db, 'SELECT * FROM renders WHERE id = ?').get(id) as RenderRow | undefined;
}

/**
 * The copy the reviewer signs for recording `itemId` (bytes `sha256`): the newest render of that
 * original, when it was made from those bytes, passed its leak check, and is committed with its
 * object in the store. Null when there is none, or when the newest render failed its check (an
 * older passing copy is not signed: the newer render would void it at once).
 */
export function copyToSign(core: CoreContext, itemId: string, sha256: string): SignedRedactedCopy | null {
  const passing = latestPassingRender(core, itemId, sha256);
  const newest = rendersOf(core.db, itemId)[0];
  if (!passing || !newest || newest.id !== passing.renderId) return null;
  return { itemId: newest.item_id, sha256: newest.sha256, renderId: newest.id, planHash: newest.plan_hash, checkSha256: checkReportSha256(newest.check_report) };
}

/** A render of `parentItemId` newer than the signed one, if any. */
export function newerRender(db: Db, parentItemId: string, c: SignedRedactedCopy): RenderRow | null {
  const newest = rendersOf(db, parentItemId)[0];
  return newest && newest.id !== c.renderId ? newest : null;
}

/**
 * Why the signed copy `c` of recording `parentItemId` can no longer go out, as a sentence a
 * custodian reads; null while it can. With `rehash` the object is also re-hashed.
 */
export function signedCopyProblem(core: CoreContext, parentItemId: string, c: SignedRedactedCopy, opts: { rehash?: boolean } = {}): string | null {
  const name = `The signed redacted copy ${c.itemId} of recording ${parentItemId}`;
  const render = renderById(core.db, c.renderId);
  if (!render || render.item_id !== c.itemId || render.sha256 !== c.sha256 || render.parent_item_id !== parentItemId || render.plan_hash !== c.planHash) {
    return `${name} is no longer recorded as rendered from the approved plan.`;
  }
  if (render.check_ok !== 1) return `${name} no longer passes its leak check.`;
  if (checkReportSha256(render.check_report) !== c.checkSha256) return `${name} has a different leak-check report than the one the legal reviewer signed.`;
  const item = stmt(core.db, 'SELECT state, sha256, size FROM items WHERE id = ?').get(c.itemId) as { state: string; sha256: string; size: number } | undefined;
  if (!item || item.state !== 'committed' || item.sha256 !== c.sha256) return `${name} is no longer in the library with the SHA-256 that was signed.`;
  try {
    const st = fs.statSync(objectPath(core.paths.objects, c.sha256));
    if (!st.isFile() || st.size !== item.size) return `${name} is missing from the evidence store or its size changed.`;
  } catch {
    return `${name} is missing from the evidence store.`;
  }
  if (opts.rehash && hashObjectSync(core, c.sha256) !== c.sha256) return `${name} no longer has the SHA-256 that was signed.`;
  return null;
}
