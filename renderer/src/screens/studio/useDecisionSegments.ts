import { call } from '../../api';
import { useLoad, type Loaded } from '../../useLoad';
import { parseOffset, type DecisionSegment } from './studioProblems';

/** Requests looked at for decisions on this recording (newest first). */
const MAX_REQUESTS = 40;

/**
 * The legal reviewer's decision segments for this recording, from every request it is linked
 * to: the signed decision when there is one, else the draft awaiting signature.
 */
export function useDecisionSegments(itemId: string): Loaded<DecisionSegment[]> {
  return useLoad(async () => {
    const list = await call('requests.list', { limit: 500 });
    const candidates = list.filter((r) => r.recordingCount > 0).slice(0, MAX_REQUESTS);
    const details = await Promise.all(candidates.map((r) => call('requests.get', { id: r.id }).catch(() => null)));
    const out: DecisionSegment[] = [];
    for (const d of details) {
      if (!d || !d.recordings.some((r) => r.itemId === itemId)) continue;
      const signed = d.decision && !d.decision.voidedAt ? d.decision.recordings.find((r) => r.itemId === itemId) : undefined;
      const decision = signed ?? d.draftDecisions.find((r) => r.itemId === itemId);
      for (const s of decision?.segments ?? []) {
        out.push({ ...s, startSec: parseOffset(s.start), endSec: parseOffset(s.end), requestRef: `${d.reference}${signed ? '' : ', draft'}` });
      }
    }
    return out.sort((a, b) => (a.startSec ?? 0) - (b.startSec ?? 0));
  }, itemId);
}
