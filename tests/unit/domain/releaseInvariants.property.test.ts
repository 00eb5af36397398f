import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { evaluateRelease } from '../../../shared/domain/releasePolicy';
import {
  MINOR_ROLES,
  RECORDING_LOCATIONS,
  REQUESTER_CATEGORIES,
  type PolicyEvaluateInput,
  type RecordingFacts,
} from '../../../shared/domain/releaseTypes';
import {
  EVENT_RULES,
  REQUEST_EVENTS,
  decisionOf,
  transition,
  type Actor,
  type LegalDecision,
  type RequestEvent,
  type RequestState,
  type WorkflowContext,
} from '../../../shared/domain/requestWorkflow';

/**
 * Policy XVI end to end: random requesters and random actions by random staff, through the
 * policy engine and the workflow. Whatever happens, school personnel never get anything and
 * nothing is released without a legal decision signed by someone other than the preparer.
 */

const DISTRICTS = { domains: ['fcps.kyschools.us', 'lincolnschools.org'], names: ['Fayette County Public Schools', 'Lincoln District'] };
const DISTRICT_DOMAINS = DISTRICTS.domains;

const domainArb = fc.oneof(
  fc.constantFrom(...DISTRICT_DOMAINS),
  fc.constantFrom(...DISTRICT_DOMAINS).map((d) => `mail.${d}`),
  fc.constantFrom(...DISTRICT_DOMAINS).map((d) => `${d.toUpperCase()}`),
  fc.constantFrom(...DISTRICT_DOMAINS).map((d) => `evil${d}.attacker.com`),
  fc.constantFrom(...DISTRICT_DOMAINS).map((d) => `${d}.attacker.com`),
  fc.constantFrom('herald-leader.com', 'gmail.com', 'lexingtonky.gov', 'jefferson.k12.ky.us', 'boone.kyschools.us', 'law.uky.edu'),
  fc.domain(),
);
const emailArb = fc.oneof(
  fc.tuple(fc.constantFrom('staff', 'jane.doe', 'x'), domainArb).map(([l, d]) => `${l}@${d}`),
  fc.emailAddress(),
  fc.constant(''),
);
const organizationArb = fc.oneof(
  fc.constantFrom(
    '',
    'Lexington Herald-Leader',
    'WKYT',
    'fayette county  public SCHOOLS',
    'Lincoln District Office',
    'Scott County Board of Education',
    'Tates Creek High School',
    'Citizen',
    'Kentucky State Police',
    'Brandeis School of Law',
  ),
  fc.string({ maxLength: 30 }),
);
const recordingArb: fc.Arbitrary<RecordingFacts> = fc.record({
  location: fc.constantFrom(...RECORDING_LOCATIONS),
  minors: fc.array(fc.record({ role: fc.constantFrom(...MINOR_ROLES) }), { maxLength: 4 }),
  useOfForce: fc.boolean(),
  arrest: fc.boolean(),
  complaint: fc.boolean(),
  cjisScreen: fc.boolean(),
});
const inputArb: fc.Arbitrary<PolicyEvaluateInput> = fc.record({
  request: fc.record({
    name: fc.constant('Requester'),
    email: emailArb,
    organization: organizationArb,
    category: fc.constantFrom(...REQUESTER_CATEGORIES),
    affidavit: fc.option(fc.boolean(), { nil: undefined }),
  }),
  recordings: fc.array(recordingArb, { maxLength: 4 }),
  districts: fc.option(fc.constant(DISTRICTS), { nil: undefined }),
});

const ACTORS: readonly Actor[] = [
  { userId: 'carla', roles: ['custodian'] },
  { userId: 'cody', roles: ['custodian'] },
  { userId: 'lee', roles: ['legal-reviewer'] },
  { userId: 'ada', roles: ['administrator'] },
  { userId: 'bo', roles: ['custodian', 'legal-reviewer'] },
  { userId: 'ari', roles: ['administrator', 'legal-reviewer'] },
];

const stepArb = fc.record({
  actor: fc.noBias(fc.nat({ max: ACTORS.length - 1 })),
  // Mostly an event that fits the current state, often by someone holding a role for it, so
  // runs get deep; sometimes any event by anyone.
  guided: fc.noBias(fc.integer({ min: 0, max: 9 })),
  pick: fc.noBias(fc.nat({ max: 2519 })),
  // In tampering runs, something outside the workflow overwrites the stored decision.
  forge: fc.option(
    fc.record({
      outcome: fc.constantFrom('approved' as const, 'partially-approved' as const, 'denied' as const),
      decidedBy: fc.constantFrom('', 'carla', 'lee', 'bo', 'mallory'),
      signedAt: fc.constantFrom('', 'not a date', '2026-03-05T15:00:00Z'),
    }),
    { freq: 8, nil: undefined },
  ),
});

function validDecision(d: LegalDecision | undefined, state: RequestState, preparedBy: string | undefined): boolean {
  return (
    d !== undefined &&
    d.outcome === state &&
    d.decidedBy.trim() !== '' &&
    !Number.isNaN(Date.parse(d.signedAt)) &&
    d.decidedBy !== preparedBy
  );
}

function endsWithDomain(email: string, configured: string): boolean {
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return email.includes('@') && (domain === configured || domain.endsWith(`.${configured}`));
}

describe('policy XVI invariants (property)', () => {
  it('no release to school personnel, no release without a signed legal decision', () => {
    const tally = { runs: 0, school: 0, releases: 0, schoolApproveAttempts: 0, honestReleases: 0 };

    fc.assert(
      fc.property(inputArb, fc.array(stepArb, { minLength: 4, maxLength: 30, size: 'max' }), fc.noBias(fc.nat({ max: 4 })), (input, steps, tamperDie) => {
        const tampering = tamperDie === 0;
        tally.runs += 1;
        const evaluation = evaluateRelease(input);

        // The engine: school personnel get "blocked" everywhere, nobody else ever does.
        for (const p of evaluation.proposals) {
          expect(p.outcome === 'blocked').toBe(evaluation.schoolPersonnel);
          expect(p.reasons.length).toBeGreaterThan(0);
          for (const r of p.reasons) {
            expect(r.text.trim()).not.toBe('');
            expect(r.cite.trim()).not.toBe('');
          }
        }
        expect(evaluation.schoolPersonnel).toBe(evaluation.why.length > 0);
        if (input.request.category === 'school-personnel') expect(evaluation.schoolPersonnel).toBe(true);
        if (input.districts && DISTRICT_DOMAINS.some((d) => endsWithDomain(input.request.email.trim(), d))) {
          expect(evaluation.schoolPersonnel).toBe(true);
        }
        if (evaluation.schoolPersonnel) tally.school += 1;

        // The workflow, with the context kept the way the app keeps it.
        let state: RequestState = 'received';
        const ctx: WorkflowContext = { schoolPersonnel: evaluation.schoolPersonnel };
        let honest: LegalDecision | undefined;
        let forged = false;

        for (const step of steps) {
          if (tampering && step.forge !== undefined) {
            ctx.legalDecision = step.forge;
            forged = true;
          }
          const fitting = REQUEST_EVENTS.filter((e) => EVENT_RULES[e].from.includes(state));
          const pool: readonly RequestEvent[] = step.guided > 1 && fitting.length > 0 ? fitting : REQUEST_EVENTS;
          const event = pool[step.pick % pool.length];
          const entitled = ACTORS.filter((a) => EVENT_RULES[event].roles.some((r) => a.roles.includes(r)));
          const actor = step.guided > 3 ? entitled[step.actor % entitled.length] : ACTORS[step.actor];

          const result = transition(state, event, actor, ctx);
          if (evaluation.schoolPersonnel && (event === 'approve' || event === 'approve-partially')) {
            tally.schoolApproveAttempts += 1;
          }
          if (!result.ok) continue;

          if (event === 'release') {
            tally.releases += 1;
            expect(evaluation.schoolPersonnel).toBe(false);
            expect(validDecision(ctx.legalDecision, state, ctx.preparedBy)).toBe(true);
            if (!forged) {
              tally.honestReleases += 1;
              expect(honest).toBeDefined();
              expect(honest?.decidedBy).not.toBe(ctx.preparedBy);
              expect(ACTORS.find((a) => a.userId === honest?.decidedBy)?.roles).toContain('legal-reviewer');
            }
          }

          state = result.state;
          if (evaluation.schoolPersonnel) {
            expect(['approved', 'partially-approved', 'released']).not.toContain(state);
          }
          if (event === 'submit-for-review') ctx.preparedBy = actor.userId;
          const outcome = decisionOf(event);
          if (outcome !== null) {
            honest = { outcome, decidedBy: actor.userId, signedAt: '2026-03-05T15:00:00Z' };
            ctx.legalDecision = honest;
            forged = false;
          }
          if (event === 'void-approval' || event === 'return-for-changes') {
            ctx.legalDecision = undefined;
            honest = undefined;
          }
        }
      }),
      { numRuns: 10_000 },
    );

    expect(tally.runs).toBeGreaterThanOrEqual(10_000);
    // The property is not vacuous: both branches were driven hard.
    expect(tally.school).toBeGreaterThan(1_000);
    expect(tally.schoolApproveAttempts).toBeGreaterThan(100);
    expect(tally.releases).toBeGreaterThan(100);
    expect(tally.honestReleases).toBeGreaterThan(100);
  });
});
