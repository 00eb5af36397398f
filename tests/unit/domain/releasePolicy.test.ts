import { describe, it, expect } from 'vitest';
import { evaluateRelease, isSchoolPersonnel, policyEvaluateInputSchema } from '../../../shared/domain/releasePolicy';
import { DEFAULT_EXEMPTIONS, EXEMPTION_IDS } from '../../../shared/domain/exemptionLibrary';
import type {
  MinorRole,
  RecordingFacts,
  RecordingProposal,
  ReleaseOutcome,
  RequesterCategory,
} from '../../../shared/domain/releaseTypes';

const base: RecordingFacts = {
  location: 'public',
  minors: [],
  useOfForce: false,
  arrest: false,
  complaint: false,
  cjisScreen: false,
};

function rec(overrides: Partial<Omit<RecordingFacts, 'minors'>> & { minors?: MinorRole[] } = {}): RecordingFacts {
  const { minors = [], ...rest } = overrides;
  return { ...base, ...rest, minors: minors.map((role) => ({ role })) };
}

function evaluateOne(category: RequesterCategory, recording: RecordingFacts, affidavit?: boolean): RecordingProposal {
  const result = evaluateRelease({
    request: { name: 'R. Requester', email: 'r@example.com', organization: '', category, affidavit },
    recordings: [recording],
  });
  expect(result.schoolPersonnel).toBe(false);
  return result.proposals[0];
}

const citesOf = (p: RecordingProposal): string => p.reasons.map((r) => r.cite).join(' | ');

interface Row {
  label: string;
  category: RequesterCategory;
  affidavit?: boolean;
  recording: RecordingFacts;
  outcome: ReleaseOutcome;
  cites: string[];
  absentCites?: string[];
  text?: string;
}

const rows: Row[] = [
  { label: 'public, nothing sensitive', category: 'public', recording: rec(), outcome: 'release', cites: ['KRS 61.872(1)', 'Department policy XVI'], absentCites: ['KRS 61.168(5)'] },
  { label: 'public release still needs sign-off', category: 'public', recording: rec(), outcome: 'release', cites: ['KRS Chapters 600-645'], text: 'legal reviewer has reviewed and signed off' },
  { label: 'media, minor in custody', category: 'media', recording: rec({ minors: ['custody'] }), outcome: 'withhold', cites: ['KRS 610.320(3)', 'KRS 610.340(1)(a)', 'KRS 61.880(1)'], text: 'blurring is not enough' },
  { label: 'public, juvenile in custody at school', category: 'public', recording: rec({ location: 'school', minors: ['custody'] }), outcome: 'withhold', cites: ['KRS 610.320(3)'] },
  { label: 'public, victim minor', category: 'public', recording: rec({ minors: ['victim'] }), outcome: 'redact-release', cites: ['KRS 61.878(1)(a)', 'KRS 61.878(4)'], text: '1 victim' },
  { label: 'media, witness and bystanders', category: 'media', recording: rec({ minors: ['witness', 'bystander', 'bystander'] }), outcome: 'redact-release', cites: ['KRS 61.878(1)(a)', 'KRS 61.878(4)'], text: '1 witness, 2 bystanders' },
  { label: 'public, custody and victim: withhold wins', category: 'public', recording: rec({ minors: ['victim', 'custody'] }), outcome: 'withhold', cites: ['KRS 610.320(3)', 'KRS 61.878(1)(a)'], absentCites: ['KRS 61.878(4)'] },
  { label: 'public, CJIS screen', category: 'public', recording: rec({ cjisScreen: true }), outcome: 'redact-release', cites: ['KRS 61.168(4)(k)'] },
  { label: 'public, private residence', category: 'public', recording: rec({ location: 'residence' }), outcome: 'redact-release', cites: ['KRS 61.168(4)(a)'] },
  { label: 'public, medical facility (unverified letter)', category: 'public', recording: rec({ location: 'medical' }), outcome: 'redact-release', cites: ['KRS 61.168(4)(b)'], text: 'unverified' },
  { label: 'public, jail', category: 'public', recording: rec({ location: 'jail' }), outcome: 'redact-release', cites: ['KRS 61.168(4)(f)'] },
  { label: 'public, shelter', category: 'public', recording: rec({ location: 'shelter' }), outcome: 'redact-release', cites: ['KRS 61.168(4)(g)'] },
  { label: 'public, school building alone raises no ground', category: 'public', recording: rec({ location: 'school' }), outcome: 'release', cites: ['KRS 61.872(1)'] },
  { label: 'public, residence + use of force warns', category: 'public', recording: rec({ location: 'residence', useOfForce: true }), outcome: 'redact-release', cites: ['KRS 61.168(4)(a)', 'KRS 61.168(5)'], text: 'a use of force' },
  { label: 'public, CJIS + arrest warns', category: 'public', recording: rec({ cjisScreen: true, arrest: true }), outcome: 'redact-release', cites: ['KRS 61.168(5)'], text: 'an arrest' },
  { label: 'public, jail + complaint warns', category: 'public', recording: rec({ location: 'jail', complaint: true }), outcome: 'redact-release', cites: ['KRS 61.168(5)'], text: 'formal complaint' },
  { label: 'public, use of force without a (4) ground: no warning', category: 'public', recording: rec({ useOfForce: true, arrest: true }), outcome: 'release', cites: ['KRS 61.872(1)'], absentCites: ['KRS 61.168(5)'] },
  { label: 'directly involved', category: 'directly-involved', recording: rec({ location: 'residence' }), outcome: 'view-only', cites: ['KRS 61.168(5)(d)'] },
  { label: 'directly involved, minor in custody', category: 'directly-involved', recording: rec({ minors: ['custody'] }), outcome: 'view-only', cites: ['KRS 61.168(5)(d)', 'KRS 610.340(1)(a)'] },
  { label: 'directly involved, CJIS screen masked', category: 'directly-involved', recording: rec({ cjisScreen: true }), outcome: 'view-only', cites: ['KRS 61.168(4)(k)'] },
  { label: 'attorney with affidavit', category: 'attorney', affidavit: true, recording: rec(), outcome: 'attorney-copy', cites: ['KRS 61.169'] },
  { label: 'attorney with affidavit, minor in custody', category: 'attorney', affidavit: true, recording: rec({ minors: ['custody'] }), outcome: 'attorney-copy', cites: ['KRS 61.169', 'KRS 610.340(1)(a)'] },
  { label: 'attorney without affidavit: like public', category: 'attorney', recording: rec(), outcome: 'release', cites: ['KRS 61.169', 'KRS 61.872(1)'], text: 'affidavit' },
  { label: 'attorney, affidavit false, minor in custody', category: 'attorney', affidavit: false, recording: rec({ minors: ['custody'] }), outcome: 'withhold', cites: ['KRS 61.169', 'KRS 610.320(3)'] },
  { label: 'attorney without affidavit, victim', category: 'attorney', recording: rec({ minors: ['victim'] }), outcome: 'redact-release', cites: ['KRS 61.878(1)(a)'] },
  { label: 'agency', category: 'agency', recording: rec({ minors: ['custody'], cjisScreen: true }), outcome: 'official-copy', cites: ['KRS 610.340(2)-(3)'] },
  { label: 'court', category: 'court', recording: rec(), outcome: 'official-copy', cites: ['Court order or subpoena'], text: 'copy as the order requires; legal reviewer decides' },
  { label: 'court, juvenile in custody', category: 'court', recording: rec({ minors: ['custody'] }), outcome: 'official-copy', cites: ['KRS 610.340(1)(a)'] },
];

describe('evaluateRelease: outcome and citation per rule', () => {
  it.each(rows)('$label → $outcome', (row) => {
    const p = evaluateOne(row.category, row.recording, row.affidavit);
    expect(p.outcome).toBe(row.outcome);
    for (const cite of row.cites) expect(citesOf(p)).toContain(cite);
    for (const cite of row.absentCites ?? []) expect(citesOf(p)).not.toContain(cite);
    if (row.text !== undefined) expect(p.reasons.map((r) => r.text).join(' ')).toContain(row.text);
    for (const r of p.reasons) {
      expect(r.text.trim()).not.toBe('');
      expect(r.cite.trim()).not.toBe('');
    }
  });

  it('marks the 61.168(5) reason as a warning', () => {
    const p = evaluateOne('public', rec({ location: 'residence', arrest: true }));
    expect(p.reasons.find((r) => r.cite === 'KRS 61.168(5)')?.kind).toBe('warning');
  });

  it('links library grounds by id', () => {
    const p = evaluateOne('media', rec({ location: 'shelter', cjisScreen: true }));
    const ids = p.reasons.map((r) => r.exemptionId).filter((id) => id !== undefined);
    expect(ids).toEqual([EXEMPTION_IDS.cjis, EXEMPTION_IDS.shelter]);
  });

  it('numbers proposals by recording index', () => {
    const result = evaluateRelease({
      request: { name: 'N', email: '', organization: '', category: 'media' },
      recordings: [rec(), rec({ minors: ['custody'] }), rec({ minors: ['witness'] })],
    });
    expect(result.proposals.map((p) => [p.recording, p.outcome])).toEqual([
      [0, 'release'],
      [1, 'withhold'],
      [2, 'redact-release'],
    ]);
  });
});

describe('evaluateRelease: school personnel', () => {
  const districts = { domains: ['fcps.kyschools.us'], names: ['Fayette County Public Schools'] };
  it.each([
    ['claimed', { category: 'school-personnel' as const, email: 'x@example.com', organization: '' }],
    ['district e-mail, claims media', { category: 'media' as const, email: 'pr@mail.fcps.kyschools.us', organization: 'Newsletter' }],
    ['district name, claims agency', { category: 'agency' as const, email: 'chief@example.gov', organization: 'Fayette County Public Schools Police' }],
    ['school words, claims court', { category: 'court' as const, email: '', organization: 'Scott County Board of Education' }],
    ['district e-mail, attorney with affidavit', { category: 'attorney' as const, email: 'counsel@fcps.kyschools.us', organization: '', affidavit: true }],
  ])('%s → every recording blocked, with policy XVI, KRS 158.4414 and FERPA', (_label, who) => {
    const result = evaluateRelease({
      request: { name: 'S', ...who },
      recordings: [rec(), rec({ minors: ['custody'] }), rec({ location: 'residence', useOfForce: true })],
      districts,
    });
    expect(result.schoolPersonnel).toBe(true);
    expect(result.why.length).toBeGreaterThan(0);
    expect(isSchoolPersonnel(who, districts)).toBe(true);
    for (const p of result.proposals) {
      expect(p.outcome).toBe('blocked');
      expect(citesOf(p)).toContain('Department policy XVI');
      expect(citesOf(p)).toContain('KRS 158.4414');
      expect(citesOf(p)).toContain('34 CFR 99.8(b)(2)');
    }
  });

  it('blocks even with no recordings listed yet', () => {
    const result = evaluateRelease({ request: { name: 'S', email: '', organization: '', category: 'school-personnel' }, recordings: [] });
    expect(result).toMatchObject({ schoolPersonnel: true, proposals: [] });
  });
});

describe('evaluateRelease with an edited exemption library', () => {
  it('cites the edited entry', () => {
    const edited = DEFAULT_EXEMPTIONS.map((e) =>
      e.id === EXEMPTION_IDS.medical ? { ...e, cite: 'KRS 61.168(4)(c)', unverified: false } : e,
    );
    const result = evaluateRelease(
      { request: { name: 'N', email: '', organization: '', category: 'public' }, recordings: [rec({ location: 'medical' })] },
      edited,
    );
    const reason = result.proposals[0].reasons.find((r) => r.exemptionId === EXEMPTION_IDS.medical);
    expect(reason?.cite).toBe('KRS 61.168(4)(c)');
    expect(reason?.text).not.toContain('unverified');
  });

  it('falls back to the shipped entry when an administrator deleted it', () => {
    const result = evaluateRelease(
      { request: { name: 'N', email: '', organization: '', category: 'public' }, recordings: [rec({ location: 'residence' })] },
      [],
    );
    expect(result.proposals[0].outcome).toBe('redact-release');
    expect(citesOf(result.proposals[0])).toContain('KRS 61.168(4)(a)');
  });
});

describe('policyEvaluateInputSchema', () => {
  const valid = {
    request: { name: 'A', email: 'a@b.org', organization: 'WKYT', category: 'media' },
    recordings: [{ location: 'school', minors: [{ role: 'witness' }], useOfForce: false, arrest: true, complaint: false, cjisScreen: false }],
    districts: { domains: ['fcps.kyschools.us'], names: [] },
  };

  it('accepts the documented shape', () => {
    const parsed = policyEvaluateInputSchema.parse(valid);
    expect(evaluateRelease(parsed).proposals[0].outcome).toBe('redact-release');
  });

  it.each([
    ['unknown category', { ...valid, request: { ...valid.request, category: 'parent' } }],
    ['unknown location', { ...valid, recordings: [{ ...valid.recordings[0], location: 'car' }] }],
    ['unknown role', { ...valid, recordings: [{ ...valid.recordings[0], minors: [{ role: 'suspect' }] }] }],
    ['missing flag', { ...valid, recordings: [{ location: 'school', minors: [], arrest: true, complaint: false, cjisScreen: false }] }],
    ['empty name', { ...valid, request: { ...valid.request, name: '' } }],
    ['affidavit not boolean', { ...valid, request: { ...valid.request, affidavit: 'yes' } }],
  ])('rejects %s', (_label, input) => {
    expect(policyEvaluateInputSchema.safeParse(input).success).toBe(false);
  });
});
