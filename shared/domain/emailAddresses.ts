import parse5322 from 'email-addresses';
import { cleanText } from './domainNames';

/**
 * The requester's e-mail field read as what a mail program would send to: an RFC 5322 address
 * list (RFC 6532: UTF-8 allowed), parsed by `email-addresses`. People paste more than one
 * address, display names, comments and Outlook's clipboard form (`Jane Doe <jane@x.org>;`).
 *
 * Before parsing, the field is cleaned in a fixed, documented way:
 * 1. invisible characters are removed and compatibility forms folded (domainNames.cleanText:
 *    zero-width and bidi characters, soft hyphen, BOM out; NFKC, so ＠ is @; IDNA dots as '.');
 * 2. line breaks become spaces (a pasted list);
 * 3. separators and stray characters at either end are dropped, repeatedly: ';' ',' and
 *    spaces, a trailing '.' (the root dot after a domain), and a trailing '>' with no '<'
 *    left open before it;
 * 4. the list is parsed with ',' between addresses and, if that fails, with ';' (Outlook).
 * A field that still does not parse is refused at intake (`emailFieldProblem`). Detection
 * never relies on the parse alone: `atDomains` and `mentions` scan the text itself.
 */

export interface ReadAddress {
  /** local@domain as parsed from the cleaned field. */
  address: string;
  domain: string;
}

export interface EmailFieldReading {
  cleaned: string;
  /** The addresses of the parsed list (group members included); empty when it did not parse. */
  addresses: ReadAddress[];
  parsed: boolean;
  /** Every domain-like run after any '@' in the field, with the text it came from. */
  atDomains: { text: string; domain: string }[];
  /** Every dotted, domain-like word anywhere in the field ("works at fcps.org", a display name). */
  mentions: string[];
}

export const EMAIL_FIELD_HINT = 'Enter addresses like jane@example.org, separated by commas.';

function trimEnds(value: string): string {
  let s = value;
  for (;;) {
    const before = s;
    s = s.replace(/^[\s,;]+/, '').replace(/[\s,;]+$/, '').replace(/\.+$/, '');
    if (s.endsWith('>') && !hasOpenAngle(s.slice(0, -1))) s = s.slice(0, -1);
    if (s === before) return s;
  }
}

/** True when `s` has a '<' that no '>' closes (quotes ignored: good enough to decide a stray '>'). */
function hasOpenAngle(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '<') depth += 1;
    else if (ch === '>' && depth > 0) depth -= 1;
  }
  return depth > 0;
}

export function cleanEmailField(field: string): string {
  return trimEnds(cleanText(field).replace(/[\r\n\t]+/g, ' '));
}

interface Mailbox {
  type: 'mailbox';
  address: string;
  domain: string;
}
interface Group {
  type: 'group';
  addresses: Mailbox[];
}

function parseList(cleaned: string, separator: ',' | ';'): ReadAddress[] | null {
  const result = parse5322({ input: cleaned, rfc6532: true, simple: true, startAt: 'address-list', addressListSeparator: separator }) as unknown as (Mailbox | Group)[] | null;
  if (!Array.isArray(result)) return null;
  const out: ReadAddress[] = [];
  for (const entry of result) {
    for (const m of entry.type === 'group' ? entry.addresses : [entry]) out.push({ address: m.address, domain: m.domain });
  }
  return out;
}

// A domain as it may appear after '@' in anything a person typed, comments and quotes included.
const AT_DOMAIN = /@\s*((?:\([^()]*\)\s*)*)([^\s@<>()[\]",;:\\]+(?:\s*\.\s*[^\s@<>()[\]",;:\\.]+)*)/gu;
const DOTTED_WORD = /[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}_-]*[\p{L}\p{N}])?)+/gu;

export function readEmailField(field: string): EmailFieldReading {
  const cleaned = cleanEmailField(field);
  let addresses: ReadAddress[] | null = null;
  if (cleaned !== '') {
    addresses = parseList(cleaned, ',');
    if (addresses === null && cleaned.includes(';')) addresses = parseList(cleaned, ';');
  }
  const atDomains: { text: string; domain: string }[] = [];
  for (const m of cleaned.matchAll(AT_DOMAIN)) {
    // Both readings of "x@fcps . org": the first run alone and the runs joined at the dots.
    const first = m[2].split(/\s/)[0];
    const joined = m[2].replace(/\s*\.\s*/g, '.');
    for (const domain of new Set([first, joined])) atDomains.push({ text: m[0].trim(), domain });
  }
  const mentions = [...new Set([...cleaned.matchAll(DOTTED_WORD)].map((m) => m[0]))];
  return { cleaned, addresses: addresses ?? [], parsed: addresses !== null, atDomains, mentions };
}

/** Why a single piece of the field is not an address, in words a records clerk can act on. */
function diagnose(cleaned: string): string {
  if (!cleaned.includes('@')) return `"${short(cleaned)}" has no @ sign`;
  if (hasOpenAngle(cleaned)) return 'an angle bracket < is not closed with >';
  if ((cleaned.match(/"/g) ?? []).length % 2 === 1) return 'a quotation mark is not closed';
  if ((cleaned.match(/\(/g) ?? []).length !== (cleaned.match(/\)/g) ?? []).length) return 'a parenthesis is not closed';
  for (const piece of cleaned.split(/[,;]/)) {
    const p = trimEnds(piece);
    if (p === '') continue;
    if (/@\s*(>|$)/.test(p)) return `nothing follows the @ in "${short(p)}"`;
    if (parseList(p, ',') === null) return `"${short(p)}" is not an address of the form name@domain`;
  }
  return `"${short(cleaned)}" is not a list of addresses of the form name@domain`;
}

function short(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
}

/**
 * null when the field is empty or reads as one or more addresses; otherwise the message intake
 * refuses it with.
 */
export function emailFieldProblem(field: string): string | null {
  const reading = readEmailField(field);
  if (reading.cleaned === '' || (reading.parsed && reading.addresses.length > 0)) return null;
  const why = reading.parsed ? 'it names no address' : diagnose(reading.cleaned);
  return `The e-mail field could not be read as e-mail addresses: ${why}. ${EMAIL_FIELD_HINT}`;
}
