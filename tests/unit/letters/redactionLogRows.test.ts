import { describe, expect, test } from 'vitest';
import { redactionPlanSchema } from '../../../shared/domain/redactionPlan';
import { planLogRows } from '../../../electron/core/requests/letters/redactionLog';

/** Issue 15: the exemption log names the regions that began as machine proposals, and only those. */
describe('exemption log rows', () => {
  const exemption = { exemptionId: 'krs-61.878-1-a', explanation: 'A student’s face.' };
  const plan = redactionPlanSchema.parse({
    regions: [
      { label: 'drawn face', keyframes: [{ t: 1, x: 0.1, y: 0.1, w: 0.2, h: 0.2 }], ...exemption },
      { label: 'face (proposed)', source: { kind: 'proposal', detector: 'human/blazeface', confidence: 0.912, trackId: 't3' }, keyframes: [{ t: 0, x: 0.5, y: 0.5, w: 0.2, h: 0.2 }, { t: 3, x: 0.6, y: 0.5, w: 0.2, h: 0.2 }], ...exemption },
    ],
  });

  test('a proposal accepted by a person is named as such, with its detector and confidence', () => {
    const rows = planLogRows(plan, 4);
    expect(rows.map((r) => r.what)).toEqual([
      'picture area "face (proposed)" (rectangle) covered with a solid fill, proposed by the detector human/blazeface (confidence 0.91) and accepted by a person',
      'picture area "drawn face" (rectangle) covered with a solid fill',
    ]);
    expect(rows[0]).toMatchObject({ start: 0, end: 3, exemptionId: exemption.exemptionId });
  });
});
