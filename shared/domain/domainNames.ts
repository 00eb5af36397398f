import { toASCII, toUnicode } from 'tr46';

/**
 * Domain names as a mail system resolves them, so that two spellings of one domain compare
 * equal: `FCPS．example。org.`, `fcps.example.org` and `ｆｃｐｓ.example.org` are one domain, and
 * `bücher.example` is `xn--bcher-kva.example`.
 *
 * IDNA processing is `tr46`, the UTS #46 reference implementation that whatwg-url (and so
 * Node's and the browsers' URL parsers) uses; it is pure JavaScript (its only dependency is the
 * `punycode` package, not Node's built-in), so shared/ still runs in the renderer.
 */

/**
 * Characters nobody sees: zero-width space and joiners, soft hyphen, byte-order mark, bidi
 * marks, variation selectors, Hangul fillers. Pasted text carries them, and a domain with one
 * inside would otherwise differ from the configured one while looking identical.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}]/gu;

/** The full stops UTS 46 treats as label separators (ideographic, fullwidth, halfwidth ideographic). */
const IDNA_DOTS = /[\u3002\uFF0E\uFF61]/g;

/** Invisible characters out, compatibility forms folded (fullwidth letters, ＠, ．), IDNA dots as '.'. */
export function cleanText(value: string): string {
  return value.replace(INVISIBLE, '').normalize('NFKC').replace(IDNA_DOTS, '.');
}

function trimDots(domain: string): string {
  return domain.replace(/^\*?\.+/, '').replace(/\.+$/, '');
}

/**
 * Accepts what an administrator or a requester is likely to type: "@fcps.kyschools.us",
 * "*.x.us", "X.US.", fullwidth or ideographic dots. Gives the ASCII (punycode) form when the
 * name is a valid IDNA name, else the cleaned, lower-cased text.
 */
export function normaliseDomain(value: string): string {
  const known = NORMALISED.get(value);
  if (known !== undefined) return known;
  const domain = computeNormalised(value);
  if (NORMALISED.size >= FORMS_LIMIT) NORMALISED.clear();
  NORMALISED.set(value, domain);
  return domain;
}

const NORMALISED = new Map<string, string>();

function computeNormalised(value: string): string {
  let domain = cleanText(value).trim().toLowerCase();
  const at = domain.lastIndexOf('@');
  if (at >= 0) domain = domain.slice(at + 1);
  domain = trimDots(domain.trim());
  if (domain === '') return '';
  const ascii = toASCII(domain, { transitionalProcessing: false });
  return ascii === null ? domain : trimDots(ascii);
}

/**
 * Every form a domain may be compared in: as cleaned, ASCII (nontransitional and the older
 * transitional mapping, where "ß" becomes "ss"), and Unicode. Comparing all of them against
 * all of the configured domain's forms means neither side's spelling decides the outcome.
 */
export function domainForms(value: string): string[] {
  const known = FORMS.get(value);
  if (known) return known;
  const forms = computeForms(value);
  // UTS 46 processing is costly and the same few domains (the district list, the school
  // suffixes) are compared again at every step of the release path: remember the answers.
  if (FORMS.size >= FORMS_LIMIT) FORMS.clear();
  FORMS.set(value, forms);
  return forms;
}

const FORMS_LIMIT = 5000;
const FORMS = new Map<string, string[]>();

function computeForms(value: string): string[] {
  const base = normaliseDomain(value);
  if (base === '') return [];
  const cleaned = trimDots(cleanText(value).trim().toLowerCase().replace(/^.*@/, '').trim());
  const forms = new Set<string>([base, cleaned]);
  const transitional = toASCII(cleaned, { transitionalProcessing: true });
  if (transitional !== null) forms.add(trimDots(transitional));
  for (const f of [...forms]) forms.add(trimDots(toUnicode(f).domain.toLowerCase()));
  forms.delete('');
  return [...forms];
}

/**
 * True for the domain itself and its subdomains only. A lookalike such as
 * `evilfcps.kyschools.us.attacker.com` or `fcps.kyschools.us-evil.com` ends with neither
 * `fcps.kyschools.us` nor `.fcps.kyschools.us`, so it does not match.
 */
export function domainMatches(domain: string, configured: string): boolean {
  const targets = domainForms(configured);
  if (targets.length === 0) return false;
  return domainForms(domain).some((d) => targets.some((t) => d === t || d.endsWith(`.${t}`)));
}

/** True when any form of the domain has `label` as one of its labels (e.g. "k12"). */
export function hasLabel(domain: string, label: string): boolean {
  return domainForms(domain).some((d) => d.split('.').includes(label));
}
