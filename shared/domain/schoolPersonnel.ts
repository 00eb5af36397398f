import type { ReleaseRequest, SchoolDistricts } from './releaseTypes';

/**
 * Department policy XVI: "SRO SHALL not release any audio / video recordings to school
 * personnel." A requester may not say who they are, so the category they pick is only one of
 * several triggers. Every trigger yields one sentence the custodian can read and repeat.
 *
 * The rule errs towards blocking: a false positive costs a denial letter the legal reviewer
 * can look at; a false negative puts juvenile video into an education record (FERPA,
 * 34 CFR 99.8(b)(2)), which cannot be undone.
 */

export interface SchoolPersonnelCheck {
  schoolPersonnel: boolean;
  why: string[];
}

export type RequesterIdentity = Pick<ReleaseRequest, 'email' | 'organization' | 'category'>;

/**
 * Words that name a school or a school district. Matched as whole words on the normalised
 * organization. Deliberately left out because they catch non-school requesters:
 * - bare "school": "School of Law", "School of Journalism" (attorneys, media);
 * - "academy": police academies (Department of Criminal Justice Training) are other agencies;
 * - "principal": a job title and a common word in firm names.
 * An agency whose districts use other words adds their names in settings.
 */
const SCHOOL_PHRASES: readonly string[] = [
  'schools',
  'school district',
  'school board',
  'school system',
  'board of education',
  'board of ed',
  'department of education',
  'educational cooperative',
  'elementary',
  'middle school',
  'high school',
  'junior high',
  'primary school',
  'intermediate school',
  'preschool',
  'pre school',
  'teacher',
  'teachers',
  'k 12',
  'k12',
  'kyschools',
];

/** Kentucky public-school mail lives under kyschools.us; many US districts use a k12 label. */
const SCHOOL_DOMAIN_SUFFIXES: readonly string[] = ['kyschools.us'];
const SCHOOL_DOMAIN_LABELS: readonly string[] = ['k12'];

/** Lower case, compatibility-folded, punctuation as spaces, single spaces. */
export function normaliseName(value: string): string {
  return value
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function containsWords(haystack: string, needle: string): boolean {
  return needle.length > 0 && ` ${haystack} `.includes(` ${needle} `);
}

/** The domain of an address such as `a@b.org` or `Jane <a@b.org>`; null when there is none. */
export function emailDomain(email: string): string | null {
  let address = email.trim();
  const bracketed = /<([^<>]*)>\s*$/.exec(address);
  if (bracketed) address = bracketed[1].trim();
  // The last "@" is the real separator: a quoted local part may itself contain "@".
  const at = address.lastIndexOf('@');
  if (at < 0) return null;
  const domain = normaliseDomain(address.slice(at + 1));
  return domain === '' ? null : domain;
}

/** Accepts what an administrator is likely to type: "@fcps.kyschools.us", "*.x.us", "X.US." */
export function normaliseDomain(value: string): string {
  let domain = value.trim().toLowerCase();
  const at = domain.lastIndexOf('@');
  if (at >= 0) domain = domain.slice(at + 1);
  return domain.replace(/^\*?\.+/, '').replace(/\.+$/, '').trim();
}

/**
 * True for the domain itself and its subdomains only. A lookalike such as
 * `evilfcps.kyschools.us.attacker.com` ends with neither `fcps.kyschools.us` nor
 * `.fcps.kyschools.us`, so it does not match.
 */
export function domainMatches(domain: string, configured: string): boolean {
  const target = normaliseDomain(configured);
  if (target === '') return false;
  return domain === target || domain.endsWith(`.${target}`);
}

export function detectSchoolPersonnel(
  request: RequesterIdentity,
  districts: SchoolDistricts = { domains: [], names: [] },
): SchoolPersonnelCheck {
  const why: string[] = [];

  if (request.category === 'school-personnel') {
    why.push('The requester said they are asking as school personnel.');
  }

  const domain = emailDomain(request.email);
  if (domain !== null) {
    const district = districts.domains.find((d) => domainMatches(domain, d));
    if (district !== undefined) {
      why.push(
        `The e-mail address ${request.email.trim()} is on the school district domain "${normaliseDomain(district)}" listed in settings.`,
      );
    }
    const suffix = SCHOOL_DOMAIN_SUFFIXES.find((s) => domainMatches(domain, s));
    if (suffix !== undefined) {
      why.push(`The e-mail address ${request.email.trim()} is a Kentucky public-school address (${suffix}).`);
    }
    const label = SCHOOL_DOMAIN_LABELS.find((l) => domain.split('.').includes(l));
    if (label !== undefined) {
      why.push(`The e-mail address ${request.email.trim()} is on a school domain (it contains "${label}").`);
    }
  }

  const organization = normaliseName(request.organization);
  if (organization !== '') {
    const name = districts.names.find((n) => containsWords(organization, normaliseName(n)));
    if (name !== undefined) {
      why.push(`The organization "${request.organization.trim()}" is the school district "${name.trim()}" listed in settings.`);
    }
    const phrase = SCHOOL_PHRASES.find((p) => containsWords(organization, p));
    if (phrase !== undefined) {
      why.push(`The organization "${request.organization.trim()}" names a school or school district (it contains "${phrase}").`);
    }
  }

  return { schoolPersonnel: why.length > 0, why };
}

export function isSchoolPersonnel(request: RequesterIdentity, districts?: SchoolDistricts): boolean {
  return detectSchoolPersonnel(request, districts).schoolPersonnel;
}
