import { describe, it, expect } from 'vitest';
import { detectSchoolPersonnel, domainMatches, emailDomain, isSchoolPersonnel } from '../../../shared/domain/schoolPersonnel';
import type { RequesterCategory } from '../../../shared/domain/releaseTypes';

const districts = {
  domains: ['fcps.kyschools.us', '@Boone.KySchools.us.', 'lincolnschools.org'],
  names: ['Fayette County Public Schools', 'Lincoln  District'],
};

function req(email: string, organization = '', category: RequesterCategory = 'public') {
  return { email, organization, category };
}

describe('isSchoolPersonnel', () => {
  it.each([
    ['claimed category', req('', '', 'school-personnel'), true],
    ['exact district domain', req('staff@fcps.kyschools.us'), true],
    ['district subdomain', req('staff@mail.fcps.kyschools.us'), true],
    ['upper case address', req('STAFF@MAIL.FCPS.KYSCHOOLS.US'), true],
    ['display-name form', req('Jane Doe <jane@lincolnschools.org>'), true],
    ['domain configured with @, dot and capitals', req('t@boone.kyschools.us'), true],
    ['trailing dot in address', req('t@lincolnschools.org.'), true],
    ['lookalike: district domain inside attacker domain', req('x@evilfcps.kyschools.us.attacker.com'), false],
    ['lookalike: district domain as a subdomain of attacker', req('x@fcps.kyschools.us.attacker.com'), false],
    ['lookalike: prefix glued to district domain', req('x@notlincolnschools.org'), false],
    ['generic kyschools.us (any Kentucky district)', req('x@evilfcps.kyschools.us'), true],
    ['generic k12 label', req('x@jefferson.k12.ky.us'), true],
    ['district name, case and spacing differ', req('', 'fayette  county PUBLIC schools'), true],
    ['district name inside a longer name', req('', 'Lincoln District Office of Safety'), true],
    ['district name only as part of a word', req('', 'Lincoln Districtwide News'), false],
    ['Public Schools', req('', 'Kenton County Public Schools'), true],
    ['Independent Schools', req('', 'Bowling Green Independent Schools'), true],
    ['Board of Education', req('', 'Scott County Board of Education'), true],
    ['School District', req('', 'Acme School District'), true],
    ['Elementary', req('', 'Lincoln Elementary PTA'), true],
    ['Middle School', req('', 'Morton Middle School'), true],
    ['High School', req('', 'Tates Creek High School'), true],
    ['K-12 in the organization', req('', 'Acme K-12 Services'), true],
    ['newspaper', req('reporter@herald-leader.com', 'Lexington Herald-Leader'), false],
    ['law school is not school personnel', req('clinic@louisville.edu', 'Brandeis School of Law'), false],
    ['police academy is not school personnel', req('', 'Kentucky Law Enforcement Academy'), false],
    ['no e-mail, no organization', req('', ''), false],
    ['address without @', req('not-an-address', 'Citizen'), false],
  ])('%s', (_label, request, expected) => {
    expect(isSchoolPersonnel(request, districts)).toBe(expected);
  });

  it('works with no districts configured', () => {
    expect(isSchoolPersonnel(req('staff@fcps.org'))).toBe(false);
    expect(isSchoolPersonnel(req('staff@fcps.kyschools.us'))).toBe(true);
  });

  it('ignores empty configured entries', () => {
    expect(isSchoolPersonnel(req('a@b.com', 'Citizen'), { domains: ['', '  '], names: ['', ' '] })).toBe(false);
  });
});

describe('detectSchoolPersonnel explains every trigger', () => {
  it('gives one sentence per trigger', () => {
    const r = detectSchoolPersonnel(req('staff@mail.fcps.kyschools.us', 'Fayette County Public Schools', 'media'), districts);
    expect(r.schoolPersonnel).toBe(true);
    expect(r.why).toHaveLength(4);
    expect(r.why[0]).toContain('fcps.kyschools.us');
    expect(r.why[0]).toContain('listed in settings');
    expect(r.why[1]).toContain('Kentucky public-school address');
    expect(r.why[2]).toContain('Fayette County Public Schools');
    expect(r.why[3]).toContain('"schools"');
  });

  it('is silent when nothing fires', () => {
    expect(detectSchoolPersonnel(req('a@example.com', 'WKYT'), districts)).toEqual({ schoolPersonnel: false, why: [], definite: [], nearMatches: [] });
  });
});

describe('domain helpers', () => {
  it.each([
    ['a@b.org', 'b.org'],
    ['"a@x"@B.Org', 'b.org'],
    [' <a@b.org> ', 'b.org'],
    ['a@', null],
    ['', null],
  ])('emailDomain(%j) = %j', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it.each([
    ['fcps.kyschools.us', 'fcps.kyschools.us', true],
    ['a.fcps.kyschools.us', 'fcps.kyschools.us', true],
    ['afcps.kyschools.us', 'fcps.kyschools.us', false],
    ['fcps.kyschools.us.evil.com', 'fcps.kyschools.us', false],
    ['x.fcps.kyschools.us', '*.fcps.kyschools.us', true],
    ['anything.com', '', false],
  ])('domainMatches(%j, %j) = %j', (domain, configured, expected) => {
    expect(domainMatches(domain, configured)).toBe(expected);
  });
});
