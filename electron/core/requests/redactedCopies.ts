import type { RedactedCopyInfo } from '../../../shared/contract';
import type { CoreContext } from '../coreContext';
import { rendersOf, type RenderRow } from '../redaction/renderRows';
import type { LeakReport } from '../redaction/leakReport';
import { draftRows, payloadOf, type DecisionRow } from './decisionStore';
import { itemSnapshot } from './requestFacts';
import { copyToSign, needsRedactedCopy, newerRender, signedCopyProblem } from './signedCopy';
import { stmt } from './sqlCache';

/**
 * What the sign-off panel and the request page show about redacted copies: while the request
 * awaits review, for each drafted recording that needs one, the copy signing would cover (or why
 * there is none); once signed, the copy the decision names and whether it still holds.
 */

function checkOf(r: RenderRow | undefined): RedactedCopyInfo['check'] {
  if (!r) return null;
  try {
    const rep = JSON.parse(r.check_report) as LeakReport;
    return { ok: r.check_ok === 1 && rep.ok, framesChecked: rep.framesChecked, failures: rep.failures.length };
  } catch {
    return { ok: false, framesChecked: 0, failures: 0 };
  }
}

function renderById(core: CoreContext, id: number): RenderRow | undefined {
  return stmt(core.db, 'SELECT * FROM renders WHERE id = ?').get(id) as RenderRow | undefined;
}

const NOT_RENDERED = 'No redacted copy has passed its leak check yet: render it in the redaction studio, then sign.';

function draftCopy(core: CoreContext, itemId: string): RedactedCopyInfo {
  const snap = itemSnapshot(core, itemId);
  const copy = snap ? copyToSign(core, itemId, snap.sha256) : null;
  if (copy) return { itemId, copyItemId: copy.itemId, sha256: copy.sha256, renderId: copy.renderId, check: checkOf(renderById(core, copy.renderId)), signed: false, problem: null };
  const newest = rendersOf(core.db, itemId)[0];
  const problem = newest && newest.check_ok !== 1 ? 'The newest redacted copy did not pass its leak check: correct the plan in the redaction studio and render again.' : NOT_RENDERED;
  return { itemId, copyItemId: newest?.item_id ?? null, sha256: newest?.sha256 ?? null, renderId: newest?.id ?? null, check: checkOf(newest), signed: false, problem };
}

export function redactedCopies(core: CoreContext, state: string, requestId: number, active: DecisionRow | undefined): RedactedCopyInfo[] {
  if (state === 'awaiting-review') return draftRows(core.db, requestId).filter((d) => needsRedactedCopy(d.body)).map((d) => draftCopy(core, d.itemId));
  if (!active) return [];
  return payloadOf(active)
    .recordings.filter((r) => needsRedactedCopy(r))
    .map((r): RedactedCopyInfo => {
      const c = r.redactedCopy;
      if (!c) return { itemId: r.itemId, copyItemId: null, sha256: null, renderId: null, check: null, signed: false, problem: 'Signed before redacted copies were signed: no copy can go out under this decision.' };
      const newer = newerRender(core.db, r.itemId, c) ? 'A newer redacted copy was rendered after signing; the legal reviewer must sign again.' : null;
      return { itemId: r.itemId, copyItemId: c.itemId, sha256: c.sha256, renderId: c.renderId, check: checkOf(renderById(core, c.renderId)), signed: true, problem: newer ?? signedCopyProblem(core, r.itemId, c) };
    });
}
