import type { ExemptionInfo } from '../../../shared/contract';
import { DEFAULT_EXEMPTIONS, exemptionLibrarySchema, type Exemption } from '../../../shared/domain/exemptionLibrary';
import type { CoreContext } from '../coreContext';
import { readSetting } from './sqlCache';

/**
 * What a legal reviewer may cite when withholding a recording or a segment: the agency's
 * KRS 61.168(4) library (settings key `exemptions`, defaulting to the shipped one) plus the
 * statutory grounds the release rules name outside that subsection.
 */

export const EXEMPTIONS_SETTING_KEY = 'exemptions';

export const STATUTORY_GROUNDS: readonly Exemption[] = [
  {
    id: 'krs-610.320-3',
    cite: 'KRS 610.320(3); KRS 610.340(1)(a)',
    title: 'Juvenile taken into custody or subject of a juvenile-court matter',
    text: 'Records of a child taken into custody or before the juvenile court shall not be opened to scrutiny by the public; blurring is not enough (AG 23-ORD-260).',
    unverified: false,
  },
  {
    id: 'krs-61.878-1-a',
    cite: 'KRS 61.878(1)(a)',
    title: 'Personal privacy',
    text: 'Information of a personal nature whose disclosure would be a clearly unwarranted invasion of personal privacy.',
    unverified: false,
  },
  {
    id: 'krs-61.878-1-h',
    cite: 'KRS 61.878(1)(h)',
    title: 'Law-enforcement records: concrete harm',
    text: 'Disclosure would harm the agency by revealing an informant or by premature release of information to be used in a prospective law-enforcement action; the concrete risk of harm must be stated.',
    unverified: false,
  },
  {
    id: 'krs-61.878-1-l',
    cite: 'KRS 61.878(1)(l)',
    title: 'Made confidential by another statute',
    text: 'A statute enacted by the General Assembly makes the record confidential; name that statute in the explanation.',
    unverified: false,
  },
  {
    id: 'policy-xvi',
    cite: 'Department policy XVI; KRS 158.4414; FERPA, 34 CFR 99.8(b)(2)',
    title: 'Request from school personnel',
    text: 'Department policy forbids releasing any SRO recording to school personnel.',
    unverified: false,
  },
];

let parsedLibrary: { raw: unknown; library: Exemption[] } | null = null;

export function exemptionLibrary(core: CoreContext): Exemption[] {
  const raw = readSetting<unknown>(core.db, EXEMPTIONS_SETTING_KEY);
  if (raw === undefined) return [...DEFAULT_EXEMPTIONS];
  if (parsedLibrary && JSON.stringify(parsedLibrary.raw) === JSON.stringify(raw)) return [...parsedLibrary.library];
  const stored = exemptionLibrarySchema.safeParse(raw);
  const library = stored.success ? stored.data : [...DEFAULT_EXEMPTIONS];
  parsedLibrary = { raw, library };
  return [...library];
}

export function exemptionCatalogue(core: CoreContext): ExemptionInfo[] {
  const library = exemptionLibrary(core);
  const ids = new Set(library.map((e) => e.id));
  // A deleted library entry stays citable: a ground must not vanish from a signed decision.
  const fallback = DEFAULT_EXEMPTIONS.filter((e) => !ids.has(e.id));
  return [...STATUTORY_GROUNDS, ...library, ...fallback].map((e) => ({ id: e.id, cite: e.cite, title: e.title, text: e.text, unverified: e.unverified }));
}

export function findGround(core: CoreContext, id: string): ExemptionInfo | undefined {
  return exemptionCatalogue(core).find((e) => e.id === id);
}

/** Shorter than this, an explanation cannot be fact-specific (AG 21-ORD-102). */
export const MIN_EXPLANATION_CHARS = 40;

const BOILERPLATE = /^(?:(?:an?|the)\s+)?(?:open|ongoing|pending|active|current)?\s*(?:criminal\s+|police\s+)?(?:investigation|case|litigation|matter)s?\s*(?:is\s+(?:open|ongoing|pending))?[.!]?$/i;
const BARE_WORDS = new Set(['privacy', 'juvenile', 'exempt', 'confidential', 'law enforcement', 'minor', 'minors', 'cjis', 'n/a', 'see above']);
const HARM_WORDS = /\b(harm|risk|jeopardi[sz]e|compromise|interfere|tip off|alert|destroy|flee|intimidat|retaliat|endanger|reveal)/i;

/**
 * Warnings (never refusals) about an explanation a requester or the Attorney General would
 * call boilerplate: a bare "open investigation", a word, or too short to be about this recording.
 */
export function explanationWarnings(label: string, exemptionId: string, explanation: string): string[] {
  const text = explanation.trim();
  const warnings: string[] = [];
  if (BOILERPLATE.test(text) || BARE_WORDS.has(text.toLowerCase().replace(/[.!]$/, ''))) {
    warnings.push(`${label}: "${text}" is boilerplate. Say how the exemption applies to this recording (AG 21-ORD-102).`);
  } else if (text.length < MIN_EXPLANATION_CHARS) {
    warnings.push(`${label}: the explanation is only ${text.length} characters. A denial must explain, for this recording, how the exemption applies (KRS 61.880(1); AG 21-ORD-102).`);
  }
  if (exemptionId === 'krs-61.878-1-h' && !HARM_WORDS.test(text)) {
    warnings.push(`${label}: KRS 61.878(1)(h) needs the concrete risk of harm that release would cause to be stated.`);
  }
  return warnings;
}
