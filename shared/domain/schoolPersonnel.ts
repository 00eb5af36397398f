import { containsWords, exactDistrictMatch, nameKey, nearDistrictMatch, plainName } from './districtNames';
import { domainMatches, hasLabel, normaliseDomain } from './domainNames';
import { readEmailField } from './emailAddresses';
import type { ReleaseRequest, SchoolDistricts } from './releaseTypes';

export { domainMatches, normaliseDomain } from './domainNames';
export { emailFieldProblem } from './emailAddresses';

/**
 * Department policy XVI: "SRO SHALL not release any audio / video recordings to school
 * personnel." A requester may not say who they are, so the category they pick is only one of
 * several triggers. Every trigger yields one sentence the custodian can read and repeat.
 *
 * The rule errs towards blocking: a false positive costs a denial letter the legal reviewer
 * can look at; a false negative puts juvenile video into an education record (FERPA,
 * 34 CFR 99.8(b)(2)), which cannot be undone. So:
 * - every address of the e-mail field counts (emailAddresses.ts), and so does any domain after
 *   any '@' in it, parsed or not: an unreadable field never means "not school";
 * - domains are compared in every form (domainNames.ts: NFKC, IDNA dots, UTS 46, punycode);
 * - district names are matched in the organization AND the requester name (districtNames.ts).
 *
 * Findings are DEFINITE (the category, a school domain, an exact district name, a school
 * phrase in the organization) or NEAR (a district name almost matching, a school phrase in
 * the requester's name, a district domain written outside an address). Both block; only a
 * near match can be cleared, by a legal reviewer with a written reason, and a clearance names
 * the match `key`s it covers, so a different near match blocks again.
 */

export type MatchField = 'email' | 'organization' | 'name';

export interface NearMatch {
  /** Stable for the same field text and the same district entry; what a clearance names. */
  key: string;
  field: MatchField;
  /** The field's text as the requester wrote it (trimmed). */
  text: string;
  /** The district name, domain or school phrase it came close to. */
  matched: string;
  why: string;
  cleared: boolean;
}

export interface SchoolPersonnelCheck {
  schoolPersonnel: boolean;
  /** The definite reasons, then the near matches not cleared. */
  why: string[];
  definite: string[];
  nearMatches: NearMatch[];
}

export type RequesterIdentity = Pick<ReleaseRequest, 'email' | 'organization' | 'category'> & { name?: string };

export interface DetectOptions {
  /** Keys of near matches a legal reviewer cleared (stored with the request). */
  clearedNearMatches?: readonly string[];
}

/**
 * Words that name a school or a school district. Matched as whole words on the plain form of
 * the organization (a definite finding) and of the requester's name (a near one: "Teacher" is
 * also a surname). Deliberately left out because they catch non-school requesters:
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

/** Lower case, compatibility-folded, punctuation as spaces, abbreviations written out, singular words. */
export function normaliseName(value: string): string {
  return nameKey(value);
}

/** The domain of the first address of the field (`Jane <a@b.org>; …`); null when there is none. */
export function emailDomain(email: string): string | null {
  const reading = readEmailField(email);
  const first = reading.addresses[0]?.domain ?? reading.atDomains[reading.atDomains.length - 1]?.domain;
  const domain = first === undefined ? '' : normaliseDomain(first);
  return domain === '' ? null : domain;
}

/** Ends every near-match sentence; letters replace it with wording for the requester. */
export const NEAR_NOTE = 'It is treated as school personnel until a legal reviewer clears this match.';

function emailFindings(email: string, districts: SchoolDistricts, definite: string[], near: Omit<NearMatch, 'cleared'>[]): void {
  const reading = readEmailField(email);
  const seen = new Set<string>();
  const check = (subject: string, domain: string) => {
    const add = (rule: string, sentence: string) => {
      if (seen.has(rule)) return;
      seen.add(rule);
      definite.push(sentence);
    };
    for (const d of districts.domains) {
      if (normaliseDomain(d) !== '' && domainMatches(domain, d)) add(`d:${normaliseDomain(d)}`, `${subject} is on the school district domain "${normaliseDomain(d)}" listed in settings.`);
    }
    for (const s of SCHOOL_DOMAIN_SUFFIXES) if (domainMatches(domain, s)) add(`s:${s}`, `${subject} is a Kentucky public-school address (${s}).`);
    for (const l of SCHOOL_DOMAIN_LABELS) if (hasLabel(domain, l)) add(`l:${l}`, `${subject} is on a school domain (it contains "${l}").`);
  };
  for (const a of reading.addresses) check(`The e-mail address ${a.address}`, a.domain);
  // Fail closed: whatever follows an '@' counts, in a display name, a comment or an unparsed field.
  for (const a of reading.atDomains) check(`The e-mail field ("${a.text}")`, a.domain);
  for (const mention of reading.mentions) {
    const targets = [...districts.domains.map(normaliseDomain).filter((d) => d !== ''), ...SCHOOL_DOMAIN_SUFFIXES];
    for (const t of targets) {
      if (seen.has(`d:${t}`) || seen.has(`s:${t}`) || !domainMatches(mention, t)) continue;
      near.push({
        key: `email:${normaliseDomain(mention)}~${t}`,
        field: 'email',
        text: email.trim(),
        matched: t,
        why: `The e-mail field mentions "${mention}", a school domain ("${t}"), outside an address. ${NEAR_NOTE}`,
      });
    }
  }
}

const FIELD_WORDS: Record<'organization' | 'name', string> = { organization: 'The organization', name: 'The requester name' };

function nameFindings(field: 'organization' | 'name', value: string, districts: SchoolDistricts, definite: string[], near: Omit<NearMatch, 'cleared'>[]): void {
  const text = value.trim();
  const key = nameKey(text);
  if (key === '') return;
  const label = FIELD_WORDS[field];
  for (const n of districts.names) {
    if (nameKey(n) === '') continue;
    if (exactDistrictMatch(text, n)) {
      definite.push(`${label} "${text}" is the school district "${n.trim()}" listed in settings.`);
      continue;
    }
    const close = nearDistrictMatch(text, n);
    if (close) {
      near.push({ key: `${field}:${key}~${nameKey(n)}`, field, text, matched: n.trim(), why: `${label} "${text}" is close to the school district "${n.trim()}" listed in settings (${close.how}). ${NEAR_NOTE}` });
    }
  }
  const plain = plainName(text);
  const phrase = SCHOOL_PHRASES.find((p) => containsWords(plain, p));
  if (phrase === undefined) return;
  if (field === 'organization') definite.push(`${label} "${text}" names a school or school district (it contains "${phrase}").`);
  else near.push({ key: `${field}:${key}~phrase:${phrase}`, field, text, matched: phrase, why: `${label} "${text}" names a school or school district (it contains "${phrase}"). ${NEAR_NOTE}` });
}

export function detectSchoolPersonnel(
  request: RequesterIdentity,
  districts: SchoolDistricts = { domains: [], names: [] },
  options: DetectOptions = {},
): SchoolPersonnelCheck {
  const definite: string[] = [];
  const near: Omit<NearMatch, 'cleared'>[] = [];
  if (request.category === 'school-personnel') definite.push('The requester said they are asking as school personnel.');
  emailFindings(request.email, districts, definite, near);
  nameFindings('organization', request.organization, districts, definite, near);
  if (request.name !== undefined) nameFindings('name', request.name, districts, definite, near);

  const cleared = new Set(options.clearedNearMatches ?? []);
  const byKey = new Map<string, NearMatch>();
  for (const m of near) if (!byKey.has(m.key)) byKey.set(m.key, { ...m, cleared: cleared.has(m.key) });
  const nearMatches = [...byKey.values()];
  const why = [...new Set(definite)];
  const open = nearMatches.filter((m) => !m.cleared).map((m) => m.why);
  return { schoolPersonnel: why.length > 0 || open.length > 0, why: [...why, ...open], definite: why, nearMatches };
}

export function isSchoolPersonnel(request: RequesterIdentity, districts?: SchoolDistricts, options?: DetectOptions): boolean {
  return detectSchoolPersonnel(request, districts, options).schoolPersonnel;
}
