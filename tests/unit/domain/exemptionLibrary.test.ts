import { describe, it, expect } from 'vitest';
import {
  DEFAULT_EXEMPTIONS,
  EXEMPTION_IDS,
  LOCATION_EXEMPTION,
  exemptionLibrarySchema,
  findExemption,
} from '../../../shared/domain/exemptionLibrary';

describe('exemption library', () => {
  it('ships a valid, editable default list', () => {
    expect(exemptionLibrarySchema.parse(DEFAULT_EXEMPTIONS)).toEqual(DEFAULT_EXEMPTIONS);
  });

  it('has unique ids, one per named ground', () => {
    const ids = DEFAULT_EXEMPTIONS.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.values(EXEMPTION_IDS).sort());
  });

  it('cites KRS 61.168(4) throughout and flags the second-hand letters', () => {
    for (const e of DEFAULT_EXEMPTIONS) expect(e.cite).toMatch(/^KRS 61\.168\(4\)\([a-z]\)$/);
    expect(findExemption(EXEMPTION_IDS.cjis).unverified).toBe(false);
    expect(findExemption(EXEMPTION_IDS.medical).unverified).toBe(true);
  });

  it('maps each sensitive location to an entry', () => {
    expect(Object.keys(LOCATION_EXEMPTION).sort()).toEqual(['jail', 'medical', 'residence', 'shelter']);
    for (const id of Object.values(LOCATION_EXEMPTION)) expect(() => findExemption(id as string)).not.toThrow();
  });

  it('refuses an unknown id', () => {
    expect(() => findExemption('nope')).toThrow(RangeError);
  });
});
