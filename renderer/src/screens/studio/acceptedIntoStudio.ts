import type { Output } from '../../../../shared/contract';
import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { getPlan, type StoredPlan } from './studioApi';

interface Draft {
  hasUnsavedEdits: (p: RedactionPlan) => boolean;
  adopt: (stored: StoredPlan) => void;
}

/**
 * Accepted tracks are saved by the core as a new plan version built on the core's newest plan.
 * If the studio's draft is that plan (no unsaved edits), the studio simply shows the new version.
 * If the draft has edits the core does not hold, the new version lacks them: the draft is kept,
 * the accepted regions are added to it (as an edit that can be undone), and the user is told
 * plainly what to do so that their edits and the tracks end up in one saved version.
 * Returns the sentence to show.
 */
export async function acceptedIntoStudio(
  r: Output<'detection.decide'>,
  itemId: string,
  plan: RedactionPlan,
  draft: Draft,
  commit: (p: RedactionPlan) => void,
): Promise<string> {
  const n = r.decided === 1 ? 'The track' : `The ${r.decided} tracks`;
  if (r.planVersion === null) return `${n} had no box inside the picture, so nothing was added to the plan.`;
  if (!draft.hasUnsavedEdits(plan)) {
    const stored = await getPlan(itemId);
    if (stored) draft.adopt(stored);
    return `Accepted. ${n} ${r.decided === 1 ? 'is' : 'are'} now ${r.regions.length === 1 ? 'a solid-fill region' : 'solid-fill regions'} in plan version ${r.planVersion} (see Regions).`;
  }
  const have = new Set(plan.regions.map((x) => x.id));
  const merged = { ...plan, regions: [...plan.regions, ...r.regions.filter((x) => !have.has(x.id))] };
  // The draft only looked unsaved (its own save of the same plan was still on its way): the core's new version is exactly the draft plus the tracks, so show that version.
  const stored = await getPlan(itemId);
  if (stored && stored.version === r.planVersion && JSON.stringify(stored.plan) === JSON.stringify(merged)) {
    draft.adopt(stored);
    return `Accepted. ${n} ${r.decided === 1 ? 'is' : 'are'} now ${r.regions.length === 1 ? 'a solid-fill region' : 'solid-fill regions'} in plan version ${r.planVersion} (see Regions).`;
  }
  commit(merged);
  return (
    `Accepted into plan version ${r.planVersion}, which Custodian made from the last saved plan — it does not have the changes you have not saved yet. ` +
    `Your changes are kept here, and the accepted ${r.regions.length === 1 ? 'region was' : 'regions were'} added to them. ` +
    'Give every region and audio range its exemption and explanation: the draft is then saved as the next version, with your changes and the tracks. Until then it is kept only in this window.'
  );
}
