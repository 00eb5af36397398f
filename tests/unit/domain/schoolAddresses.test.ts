import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectSchoolPersonnel } from '../../../shared/domain/schoolPersonnel';

/**
 * Who is school personnel, by the e-mail field: every form a district address arrives in
 * (Outlook's clipboard, lists, comments, Unicode and IDNA spellings, invisible characters) is
 * caught; lookalike domains are not.
 */

const districts = {
  domains: ['fcps.example.org', 'bücher-schule.example', 'xn--lincoln-bcher-4ob.example'],
  names: [],
};

function detect(email: string) {
  return detectSchoolPersonnel({ email, organization: '', category: 'public' }, districts);
}

const MUST_DETECT: [string, string][] = [
  ['plain', 'jane@fcps.example.org'],
  ['upper case', 'JANE@FCPS.EXAMPLE.ORG'],
  ['display name', 'Jane Doe <jane@fcps.example.org>'],
  ['Outlook clipboard form', 'Jane Doe <jane@fcps.example.org>;'],
  ['Outlook, quoted "Last, First"', '"Doe, Jane" <jane@fcps.example.org>;'],
  ['list, district first', 'jane@fcps.example.org, friend@gmail.com'],
  ['list, district last', 'friend@gmail.com, jane@fcps.example.org'],
  ['list separated by ;', 'friend@gmail.com; jane@fcps.example.org'],
  ['Outlook list', 'Bob <bob@gmail.com>; Jane Doe <jane@fcps.example.org>;'],
  ['comment after the address', 'jane@fcps.example.org (Jane)'],
  ['trailing >', 'jane@fcps.example.org>'],
  ['doubled >', '<jane@fcps.example.org>>'],
  ['ideographic full stops', 'jane@fcps\u3002example\u3002org'],
  ['fullwidth full stops', 'jane@fcps\uFF0Eexample\uFF0Eorg'],
  ['halfwidth ideographic full stops', 'jane@fcps\uFF61example\uFF61org'],
  ['fullwidth everything', 'ｊａｎｅ＠ｆｃｐｓ．ｅｘａｍｐｌｅ．ｏｒｇ'],
  ['fullwidth @ only', 'jane\uFF20fcps.example.org'],
  ['small commercial at', 'jane\uFE6Bfcps.example.org'],
  ['zero-width space', 'jane@fcps\u200B.example.org'],
  ['zero-width joiner', 'jane@fc\u200Dps.example.org'],
  ['zero-width non-joiner', 'jane@fcps.exa\u200Cmple.org'],
  ['soft hyphen', 'jane@fcps.exam\u00ADple.org'],
  ['byte-order mark', '\uFEFFjane@fcps.example.org'],
  ['word joiner at the end', 'jane@fcps.example.org\u2060'],
  ['left-to-right mark', 'jane@fcps.example\u200E.org'],
  ['trailing dot', 'jane@fcps.example.org.'],
  ['two trailing dots', 'jane@fcps.example.org..'],
  ['trailing ideographic dot', 'jane@fcps.example.org\u3002'],
  ['subdomain', 'jane@mail.fcps.example.org'],
  ['subdomain, mixed case, trailing dot', 'jane@MAIL.Fcps.Example.Org.'],
  ['group syntax', 'Staff: jane@fcps.example.org, bob@fcps.example.org;'],
  ['quoted display name that looks like another address', '"jane@gmail.com" <jane@fcps.example.org>'],
  ['comment before the domain', 'jane@(work)fcps.example.org'],
  ['spaces around the dots', 'jane@fcps . example . org'],
  ['pasted on two lines', 'friend@gmail.com,\njane@fcps.example.org'],
  ['several separators at the end', 'jane@fcps.example.org; ; ;'],
  ['unclosed angle bracket (does not parse: fallback scan)', 'Jane Doe <jane@fcps.example.org'],
  ['address only in a comment', 'x@gmail.com (jane@fcps.example.org)'],
  ['whole address in quotes (does not parse)', '"jane@fcps.example.org"'],
  ['mailto: prefix', 'mailto:jane@fcps.example.org'],
  ['Unicode domain configured in Unicode', 'jane@bücher-schule.example'],
  ['Unicode domain, upper case', 'JANE@BÜCHER-SCHULE.EXAMPLE'],
  ['punycode address, Unicode configured', 'jane@xn--bcher-schule-dlb.example'],
  ['Unicode address, punycode configured', 'jane@lincoln-bücher.example'],
  ['decomposed ü (NFD), punycode configured', 'jane@lincoln-bu\u0308cher.example'],
  ['kyschools.us', 'jane@fayette.kyschools.us'],
  ['kyschools.us in Outlook form', 'Jane <jane@fayette.kyschools.us>;'],
  ['kyschools.us fullwidth', 'jane@ＦＡＹＥＴＴＥ.kyschools.us'],
  ['k12 label', 'jane@district.k12.ky.us'],
  ['k12 label upper case with trailing dot', 'JANE@JEFFERSON.K12.KY.US.'],
  ['k12 label on the second address only', 'a@gmail.com, b@x.k12.ca.us'],
  ['domain written without an @', 'jane at fcps.example.org'],
];

const MUST_NOT_DETECT: [string, string][] = [
  ['empty', ''],
  ['other domain', 'jane@gmail.com'],
  ['prefix glued to district domain', 'jane@evilfcps.example.org'],
  ['district domain inside attacker domain', 'jane@fcps.example.org.attacker.com'],
  ['district domain followed by a dash', 'jane@fcps.example.org-evil.com'],
  ['dash instead of dot', 'jane@fcps-example.org'],
  ['parent of a district domain', 'jane@example.org'],
  ['sibling of a district domain', 'jane@other.example.org'],
  ['other top-level domain', 'jane@fcps.example.com'],
  ['kyschools lookalike inside attacker domain', 'jane@evilfcps.kyschools.us.attacker.com'],
  ['kyschools lookalike with a dash', 'jane@fcps.kyschools.us-evil.com'],
  ['kyschools.us as a subdomain of attacker', 'jane@kyschools.us.evil.com'],
  ['k12 only inside a label', 'jane@notk12.com'],
  ['k12 prefix of a label', 'jane@k12stuff.com'],
  ['a newspaper', 'reporter@herald-leader.com'],
  ['two non-school addresses', 'friend@gmail.com, other@yahoo.com'],
  ['Outlook form, other domain', 'Pat <pat@example.net>;'],
  ['district word as a local part', 'fcps@gmail.com'],
  ['district domain without its dots', 'Jane Doe <jane@fcpsexampleorg.com>'],
];

describe('school personnel by e-mail address', () => {
  it('has a table of at least 40 forms that must be detected and 15 that must not', () => {
    expect(MUST_DETECT.length).toBeGreaterThanOrEqual(40);
    expect(MUST_NOT_DETECT.length).toBeGreaterThanOrEqual(15);
  });

  it.each(MUST_DETECT)('detects: %s', (_label, email) => {
    const r = detect(email);
    expect(r.schoolPersonnel).toBe(true);
    expect(r.why.length).toBeGreaterThan(0);
  });

  it.each(MUST_NOT_DETECT)('does not detect: %s', (_label, email) => {
    expect(detect(email)).toMatchObject({ schoolPersonnel: false, why: [] });
  });

  it('a district address is a definite finding, a domain outside an address only a near one', () => {
    expect(detect('Jane Doe <jane@fcps.example.org>;').definite.join(' ')).toContain('fcps.example.org');
    const loose = detect('jane at fcps.example.org');
    expect(loose.definite).toEqual([]);
    expect(loose.nearMatches.map((m) => m.field)).toEqual(['email']);
  });
});

const FULLWIDTH_OFFSET = 0xfee0;
const INVISIBLE = ['\u200B', '\u200C', '\u200D', '\u00AD', '\uFEFF', '\u2060', '\u200E'];

/** A district address in some disguise: display name, comment, list, case, fullwidth, invisible characters. */
const disguised = fc
  .record({
    local: fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/).filter((s) => !s.includes('..')),
    sub: fc.constantFrom('', 'mail.', 'staff.hs.'),
    display: fc.option(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,15}$/), { nil: undefined }),
    quoteDisplay: fc.boolean(),
    comment: fc.option(fc.stringMatching(/^[A-Za-z ]{0,12}$/), { nil: undefined }),
    others: fc.array(fc.constantFrom('friend@gmail.com', 'Bob <bob@yahoo.com>', '"Doe, J" <j@example.net>'), { maxLength: 3 }),
    position: fc.nat(),
    separator: fc.constantFrom(', ', '; ', ',', ';'),
    trailing: fc.constantFrom('', ';', ',', ' ; ', '.', '>'),
    upper: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    fullwidth: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
    dots: fc.constantFrom('.', '\u3002', '\uFF0E', '\uFF61'),
    invisible: fc.array(fc.tuple(fc.nat(40), fc.constantFrom(...INVISIBLE)), { maxLength: 4 }),
  })
  .map((g) => {
    const domainChars = [...`${g.sub}fcps.example.org`].map((ch, i) => {
      let c = g.upper[i % 40] ? ch.toUpperCase() : ch;
      if (c === '.') return g.dots;
      if (g.fullwidth[i % 40] && /[A-Za-z0-9]/.test(c)) c = String.fromCharCode(c.charCodeAt(0) + FULLWIDTH_OFFSET);
      return c;
    });
    for (const [at, ch] of g.invisible) domainChars.splice(at % (domainChars.length + 1), 0, ch);
    const addr = `${g.local}@${domainChars.join('')}`;
    let mailbox = g.display === undefined ? addr : `${g.quoteDisplay ? `"${g.display}"` : g.display} <${addr}>`;
    if (g.comment !== undefined) mailbox = `${mailbox} (${g.comment})`;
    const list: string[] = [...g.others];
    list.splice(g.position % (list.length + 1), 0, mailbox);
    const trailing = g.trailing === '>' && mailbox.endsWith('>') ? '' : g.trailing;
    return list.join(g.separator) + trailing;
  });

describe('property: a disguised district address is always caught', () => {
  it('is school personnel, definitely, naming the district domain', () => {
    fc.assert(
      fc.property(disguised, (email) => {
        const r = detect(email);
        expect(r.schoolPersonnel).toBe(true);
        expect(r.definite.join(' ')).toContain('"fcps.example.org"');
      }),
      { numRuns: 1500 },
    );
  });
});
