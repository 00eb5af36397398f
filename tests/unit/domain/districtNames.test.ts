import { describe, expect, it } from 'vitest';
import { editDistance, nameKey, plainName } from '../../../shared/domain/districtNames';
import { detectSchoolPersonnel } from '../../../shared/domain/schoolPersonnel';

/** Who is school personnel, by the organization and the requester's name. */

const districts = { domains: [], names: ['Fayette County Public Schools', 'Scott County Board of Education', 'Lincoln District'] };

function check(organization: string, name = 'Pat Public') {
  return detectSchoolPersonnel({ email: '', organization, name, category: 'public' }, districts);
}

describe('normal forms', () => {
  it.each([
    ['Fayette Co. Pub. Schs.', 'fayette county public schools'],
    ['FAYETTE  CNTY   PUBLIC-SCHOOLS', 'fayette county public schools'],
    ['Scott Co. Bd. of Ed.', 'scott county board of education'],
    ['Scott County Bd of Educ', 'scott county board of education'],
    ['Smith & Jones', 'smith and jones'],
    ['ＦＡＹＥＴＴＥ County', 'fayette county'],
    ['Fay\u200Bette Coun\u00ADty', 'fayette county'],
    ["St. Mary's", 'st marys'],
  ])('plainName(%j) = %j', (value, plain) => {
    expect(plainName(value)).toBe(plain);
  });

  it('nameKey makes words singular', () => {
    expect(nameKey('Fayette County Public Schools')).toBe(nameKey('Fayette County Public School'));
    expect(nameKey('Counties')).toBe('county');
    expect(nameKey('Boards of Education')).toBe('board of education');
  });

  it('editDistance counts a swap of two letters as one', () => {
    expect(editDistance('fayette', 'fayete')).toBe(1);
    expect(editDistance('fayette', 'fayettte')).toBe(1);
    expect(editDistance('public', 'pubilc')).toBe(1);
    expect(editDistance('county', 'country')).toBe(1);
  });
});

describe('district names: exact matches are definite', () => {
  it.each([
    ['case and spacing', 'fayette  county PUBLIC schools'],
    ['abbreviations', 'Fayette Co. Pub. Schs.'],
    ['singular', 'Fayette County Public School'],
    ['inside a longer name', 'Fayette County Public Schools, Office of Safety'],
    ['Bd. of Ed.', 'Scott Co. Bd. of Ed.'],
    ['invisible characters and fullwidth letters', 'Ｆａｙｅｔｔｅ Coun\u200Bty Public Schools'],
    ['two-word district', 'Lincoln District Office of Safety'],
  ])('%s', (_label, organization) => {
    const r = check(organization);
    expect(r.schoolPersonnel).toBe(true);
    expect(r.definite.some((w) => w.includes('listed in settings'))).toBe(true);
  });

  it('the requester NAME field counts too', () => {
    const r = check('', 'Fayette County Public Schools');
    expect(r.schoolPersonnel).toBe(true);
    expect(r.definite[0]).toBe('The requester name "Fayette County Public Schools" is the school district "Fayette County Public Schools" listed in settings.');
  });
});

describe('district names: near matches block until cleared', () => {
  it.each([
    // Without a school phrase ("schools", "board of education"), which alone is definite.
    ['another order', 'Education Board, Scott County'],
    ['one word missing', 'Fayette County School'],
    ['one word missing, abbreviated', 'Fayette Pub. Sch.'],
    ['a misspelling', 'Fayete County Public School'],
    ['two typos in a long word', 'Scott County Board of Eductaoin'],
    ['a swap of letters', 'Fayette County Pubilc School'],
  ])('%s', (_label, organization) => {
    const r = check(organization);
    expect(r.definite).toEqual([]);
    expect(r.nearMatches).toHaveLength(1);
    expect(r.schoolPersonnel).toBe(true);
    expect(r.why[0]).toMatch(/is close to the school district .* until a legal reviewer clears this match\.$/);
  });

  it('a school phrase in the organization stays definite', () => {
    expect(check('Fayette County Schools').definite.join(' ')).toContain('"schools"');
  });

  it('a near match in the name field', () => {
    const r = check('', 'Fayette Co School');
    expect(r.nearMatches.map((m) => m.field)).toEqual(['name']);
    expect(r.schoolPersonnel).toBe(true);
  });

  it('a school phrase in the requester name is near (Teacher is also a surname)', () => {
    const r = check('', 'Jane Teacher');
    expect(r.definite).toEqual([]);
    expect(r.nearMatches.map((m) => m.matched)).toEqual(['teacher']);
  });

  it('a clearance covers the keys it names and nothing else', () => {
    const first = check('Fayette County School');
    const key = first.nearMatches[0].key;
    const cleared = detectSchoolPersonnel({ email: '', organization: 'Fayette County School', name: 'Pat', category: 'public' }, districts, { clearedNearMatches: [key] });
    expect(cleared.schoolPersonnel).toBe(false);
    expect(cleared.nearMatches[0].cleared).toBe(true);
    // Another near match, an exact name, a district address or the category still block.
    const other = detectSchoolPersonnel({ email: '', organization: 'Fayete County Public School', name: 'Pat', category: 'public' }, districts, { clearedNearMatches: [key] });
    expect(other.schoolPersonnel).toBe(true);
    for (const change of [{ organization: 'Fayette County Public Schools' }, { category: 'school-personnel' as const }, { email: 'x@fayette.kyschools.us' }]) {
      const r = detectSchoolPersonnel({ email: '', organization: 'Fayette County School', name: 'Pat', category: 'public', ...change }, districts, { clearedNearMatches: [key] });
      expect(r.schoolPersonnel, JSON.stringify(change)).toBe(true);
    }
  });
});

describe('district names: what does not match', () => {
  it.each([
    ['another county', 'Lincoln County Public School'],
    ['the public defender', 'Fayette County Public Defender'],
    ['the public library', 'Fayette County Public Library'],
    ['the sheriff', 'Fayette County Sheriff'],
    ['part of a word', 'Lincoln Districtwide News'],
    ['one word of a two-word district', 'Lincoln Memorial Hospital'],
    ['the county attorney', 'Scott County Attorney'],
    ['a newspaper', 'Lexington Herald-Leader'],
    ['a law school', 'Brandeis School of Law'],
    ['short words are not fuzzy', 'Fayette Count Public'],
  ])('%s', (_label, organization) => {
    expect(check(organization)).toMatchObject({ schoolPersonnel: false, why: [], nearMatches: [] });
  });
});
