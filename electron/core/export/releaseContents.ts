import { CustodianError } from '../../../shared/errors';
import { decisionAllows } from '../../../shared/domain/releaseOutcomes';
import type { CoreContext } from '../coreContext';
import { payloadOf, type DecisionPayloadRecording, type DecisionRow } from '../requests/decisionStore';
import { listLetters } from '../requests/letters/letterService';
import { needsRedactedCopy, redactionNotRendered, renderedRedactedCopy } from '../requests/redactions';
import { stmt } from '../requests/sqlCache';
import { objectPath } from '../store/objectPaths';
import { asciiName, csvField, uniqueNames } from './packageNames';

/**
 * What a release package holds, decided from the signed decision alone: only recordings whose
 * decision means a copy (shared/domain/releaseOutcomes.ts; view-only and withheld never), each as
 * the bytes the decision covers (the original approved as is, or the rendered redacted copy of
 * the approved original), the latest approval letter, and the exemption log.
 */

export interface ReleasedMedia {
  /** Path inside the package. */
  path: string;
  /** The recording the decision names. */
  itemId: string;
  /** The item whose bytes go out: the recording itself, or its redacted copy. */
  sourceItemId: string;
  objectFile: string;
  sha256: string;
  size: number;
  decision: DecisionPayloadRecording['decision'];
  /** The signed SHA-256 of the approved original. */
  originalSha256: string;
  redactedCopy: { itemId: string; sha256: string; planHash: string | null } | null;
  exemptionId: string | null;
  segments: DecisionPayloadRecording['segments'];
}

export interface ReleasedLetter {
  path: string;
  itemId: string;
  objectFile: string;
  sha256: string;
  size: number;
  letterId: number;
}

export interface ReleaseContents {
  media: ReleasedMedia[];
  letter: ReleasedLetter | null;
  exemptionCsv: string;
  warnings: string[];
}

function itemRow(core: CoreContext, id: string): { original_name: string; size: number; sha256: string } {
  const row = stmt(core.db, 'SELECT original_name, size, sha256 FROM items WHERE id = ?').get(id) as { original_name: string; size: number; sha256: string } | undefined;
  if (!row) throw new CustodianError('NOT_FOUND', `Recording ${id} is no longer in the library.`, { itemId: id });
  return row;
}

const FOUR_GIB = 4 * 1024 ** 3;

export function releaseContents(core: CoreContext, d: DecisionRow, method: string): ReleaseContents {
  const payload = payloadOf(d);
  const copies = payload.recordings.filter((r) => decisionAllows(r.decision, 'copy'));
  if (copies.length === 0) {
    throw new CustodianError('POLICY_REFUSED', 'Nothing was exported. The legal decision approves no copy: a view-only recording is shown at an in-person viewing on agency premises (KRS 61.168(5)(d)), never handed over.', {
      reason: 'NO_COPY_APPROVED',
      method,
    });
  }
  const warnings: string[] = [];
  const picked = copies.map((r) => {
    const original = itemRow(core, r.itemId);
    if (!needsRedactedCopy(r)) return { r, sourceItemId: r.itemId, sha256: r.sha256, size: original.size, name: original.original_name, copy: null };
    const copy = renderedRedactedCopy(core, d, r, { rehash: true });
    if (!copy) throw redactionNotRendered(core, [r], method);
    const copyRow = itemRow(core, copy.itemId);
    const plan = stmt(core.db, 'SELECT plan_hash FROM renders WHERE item_id = ? ORDER BY id DESC LIMIT 1').get(copy.itemId) as { plan_hash: string } | undefined;
    const dot = original.original_name.lastIndexOf('.');
    const copyExt = copyRow.original_name.lastIndexOf('.') > 0 ? copyRow.original_name.slice(copyRow.original_name.lastIndexOf('.')) : '.mp4';
    const name = `${dot > 0 ? original.original_name.slice(0, dot) : original.original_name}-redacted${copyExt}`;
    return { r, sourceItemId: copy.itemId, sha256: copy.sha256, size: copyRow.size, name, copy: { itemId: copy.itemId, sha256: copy.sha256, planHash: plan?.plan_hash ?? null } };
  });
  const names = uniqueNames(picked.map((p) => asciiName(p.name, p.r.itemId)));
  const media: ReleasedMedia[] = picked.map((p, i) => {
    if (p.size >= FOUR_GIB) warnings.push(`${names[i]} is 4 GiB or larger: on a disc it is stored as a multi-extent file, which some older players and operating systems cannot read. Consider splitting the render at keyframes.`);
    return {
      path: `data/media/${names[i]}`,
      itemId: p.r.itemId,
      sourceItemId: p.sourceItemId,
      objectFile: objectPath(core.paths.objects, p.sha256),
      sha256: p.sha256,
      size: p.size,
      decision: p.r.decision,
      originalSha256: p.r.sha256,
      redactedCopy: p.copy,
      exemptionId: p.r.exemptionId,
      segments: p.r.segments,
    };
  });

  // The approval letter of this signed decision (one issued before a re-signing would describe another).
  const approval = listLetters(core.db, d.request_id)
    .filter((l) => l.kind === 'approval' && l.issuedAt >= d.signed_at)
    .pop();
  const letter: ReleasedLetter | null = approval
    ? { path: `data/letters/${asciiName(approval.fileName, `letter-${approval.id}`).replace(/\.pdf$/i, '')}.pdf`, itemId: approval.itemId, objectFile: objectPath(core.paths.objects, approval.sha256), sha256: approval.sha256, size: approval.size, letterId: approval.id }
    : null;
  if (!letter) warnings.push('No approval letter has been issued for this request yet, so the package holds no letter. Issue the approval letter and export again if the requester should receive it in the package.');

  return { media, letter, exemptionCsv: exemptionCsv(payload.recordings, media), warnings };
}

/** One row per recording of the decision (one per redaction row where there are rows): what was decided and under which exemption. */
function exemptionCsv(recordings: readonly DecisionPayloadRecording[], media: readonly ReleasedMedia[]): string {
  const fileOf = new Map(media.map((m) => [m.itemId, m.path]));
  const head = ['recording_id', 'package_file', 'decision', 'exemption_id', 'exemption_cite', 'explanation', 'segment_start', 'segment_end', 'segment_what', 'segment_exemption_id', 'segment_explanation'];
  const lines = [head.join(',')];
  for (const r of recordings) {
    const base = [r.itemId, fileOf.get(r.itemId) ?? '', r.decision, r.exemptionId, r.exemptionCite, r.explanation];
    if (r.segments.length === 0) lines.push([...base, '', '', '', '', ''].map(csvField).join(','));
    for (const s of r.segments) lines.push([...base, s.start, s.end, s.what, s.exemptionId, s.explanation].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
