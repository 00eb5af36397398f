import fs from 'node:fs';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../electron/core/requests/canonicalJson';
import type { DecisionPayload } from '../../../electron/core/requests/decisionStore';
import { needsRedactedCopy } from '../../../electron/core/requests/redactions';
import { getDistricts } from '../../../electron/core/requests/districts';
import { detectSchoolPersonnel } from '../../../shared/domain/schoolPersonnel';
import type { RecordingDecisionInput, RequestDetail } from '../../../shared/contract';
import { PASSWORD, addRecording, openDesk, tempDir, type Cast, type Desk } from './desk';
import { addRenderedCopy } from './renderedCopy';

/**
 * Random request/action sequences through core.call on one core: whatever the order, the
 * actor or the input, no request from school personnel is ever released, nothing is released
 * without a valid legal sign-off by someone other than its preparer, and no recording approved
 * only with redaction is ever released as its unredacted original.
 *
 * Speed: one database on tmpfs where there is one, with synchronous=OFF (durability is not
 * what this test is about); test users' scrypt cost is low (see desk.ts). RUNS overrides the
 * 10,000 sequences.
 */

const RUNS = Number(process.env.RUNS ?? 10_000);
const PEOPLE: Cast[] = ['cora', 'carl', 'lee', 'liz', 'dana', 'admin'];
// Repeats weight the draw towards requesters who may receive something, so releases happen.
const EMAILS = ['pat@example.org', 'pat@example.org', 'desk@herald.example', 'desk@herald.example', 'vp@district.example', 'coach@late-district.example', 'kid@fcps.k12.ky.us', ''];
const ORGS = ['', '', '', 'Herald-Leader', 'Scott County Schools', 'Smith & Jones PLLC', 'Kentucky State Police'];
const CATEGORIES = ['public', 'media', 'directly-involved', 'attorney', 'agency', 'court', 'school-personnel'] as const;
const DECISIONS = ['approve', 'approve-redacted', 'view-only', 'withhold'] as const;
const EXEMPTIONS = [undefined, 'krs-610.320-3', 'krs-61.878-1-a', 'policy-xvi', 'krs-61.168-4-cjis', 'bogus-ground'];
const EXPLANATION = 'The recording shows a student who was taken into custody; the juvenile-court record is closed to the public.';

type Action =
  | { k: 'step'; who: Cast; event: 'start-preparation' | 'submit-for-review' | 'return-for-changes' | 'void-approval' | 'close' }
  | { k: 'decide'; who: Cast; item: number; decision: (typeof DECISIONS)[number]; exemption: string | undefined; explain: boolean; reason: boolean }
  | { k: 'sign'; who: Cast; follow: boolean; password: boolean }
  | { k: 'release'; who: Cast }
  | { k: 'link'; who: Cast; add: number[]; remove: number[] }
  | { k: 'meta'; item: number; change: 'custody' | 'witness' | 'clear' | 'residence' }
  | { k: 'district'; domain: string }
  | { k: 'email'; email: string }
  | { k: 'happy'; preparer: Cast; reviewer: Cast; releaser: Cast }
  | { k: 'letter'; kind: 'approval' | 'denial' | 'school-personnel-denial' | 'viewing-appointment' }
  | { k: 'viewing'; who: Cast }
  | { k: 'render'; item: number; ok: boolean };

const who = fc.constantFrom(...PEOPLE);
const item = fc.nat({ max: 5 });
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ k: fc.constant('step' as const), who, event: fc.constantFrom('start-preparation' as const, 'submit-for-review' as const, 'return-for-changes' as const, 'void-approval' as const, 'close' as const) }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('decide' as const), who, item, decision: fc.constantFrom(...DECISIONS), exemption: fc.constantFrom(...EXEMPTIONS), explain: fc.boolean(), reason: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('sign' as const), who, follow: fc.boolean(), password: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ k: fc.constant('release' as const), who }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('link' as const), who, add: fc.array(item, { maxLength: 2 }), remove: fc.array(item, { maxLength: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('meta' as const), item, change: fc.constantFrom('custody' as const, 'witness' as const, 'clear' as const, 'residence' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('district' as const), domain: fc.constantFrom('district.example', 'late-district.example') }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('email' as const), email: fc.constantFrom(...EMAILS) }) },
  {
    weight: 5,
    arbitrary: fc.record({
      k: fc.constant('happy' as const),
      preparer: fc.constantFrom<Cast>('cora', 'carl', 'dana', 'cora', 'lee'),
      reviewer: fc.constantFrom<Cast>('lee', 'liz', 'dana', 'lee', 'cora'),
      releaser: fc.constantFrom<Cast>('cora', 'carl', 'dana', 'lee'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('letter' as const), kind: fc.constantFrom('approval' as const, 'denial' as const, 'school-personnel-denial' as const, 'viewing-appointment' as const) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('viewing' as const), who }) },
  // A redacted copy rendered (passing or failing its leak check), before or after a sign-off.
  { weight: 2, arbitrary: fc.record({ k: fc.constant('render' as const), item, ok: fc.boolean() }) },
);

const scenario = fc.record({
  creator: fc.constantFrom<Cast>('cora', 'carl', 'dana'),
  category: fc.constantFrom(...CATEGORIES),
  email: fc.constantFrom(...EMAILS),
  organization: fc.constantFrom(...ORGS),
  affidavit: fc.boolean(),
  recordings: fc.uniqueArray(item, { maxLength: 3 }),
  actions: fc.array(action, { minLength: 1, maxLength: 8 }),
});

let desk: Desk;
let items: string[] = [];
let recs: { id: string; sha256: string }[] = [];
let releases = 0;
let refusedSchool = 0;
let refusedRedaction = 0;

/** The decisions a careful reviewer would sign: the proposal, with what withholding needs. */
function following(d: RequestDetail): RecordingDecisionInput[] {
  return d.proposals.map((p) => ({
    itemId: p.itemId,
    decision: p.suggestedDecision,
    exemptionId: p.suggestedDecision === 'withhold' ? (d.schoolPersonnel ? 'policy-xvi' : 'krs-610.320-3') : undefined,
    explanation: p.suggestedDecision === 'withhold' ? EXPLANATION : undefined,
  }));
}

async function releaseChecked(id: number, as: Cast): Promise<void> {
  const r = await desk.raw(as, 'requests.release', { id });
  if (!r.ok) {
    if (r.error.code === 'SCHOOL_PERSONNEL_BLOCKED') refusedSchool += 1;
    return;
  }
  releases += 1;
  // At the moment of release: not school personnel by the stored finding or by today's districts.
  const row = desk.core.db.prepare('SELECT email, organization, category, school_personnel FROM requests WHERE id = ?').get(id) as { email: string; organization: string; category: 'public'; school_personnel: number };
  expect(row.school_personnel).toBe(0);
  expect(detectSchoolPersonnel(row, getDistricts(desk.core)).schoolPersonnel).toBe(false);
  const detail = (r.value as RequestDetail);
  expect(detail.decision?.valid).toBe(true);
}

/** A sign-off; counts the refusals for a recording approved with redaction that has no passing rendered copy. */
async function signChecked(as: Cast, input: unknown): Promise<void> {
  const r = await desk.raw(as, 'requests.signOff', input);
  if (!r.ok && r.error.details?.reason === 'REDACTION_NOT_RENDERED') refusedRedaction += 1;
}

async function run(id: number, a: Action): Promise<void> {
  const get = async () => (await desk.call('cora', 'requests.get', { id })) as RequestDetail;
  switch (a.k) {
    case 'step':
      await desk.raw(a.who, 'requests.transition', { id, event: a.event, note: 'Random step in the property test.' });
      return;
    case 'decide': {
      const d = await get();
      const itemId = d.recordings[a.item % Math.max(1, d.recordings.length)]?.itemId ?? items[a.item];
      await desk.raw(a.who, 'requests.setDecision', { id, itemId, decision: a.decision, exemptionId: a.exemption, explanation: a.explain ? EXPLANATION : undefined, reason: a.reason ? 'The reviewer weighed the facts differently.' : undefined });
      return;
    }
    case 'sign': {
      const decisions = a.follow ? following(await get()) : [];
      await signChecked(a.who, { id, decisions, confirmPassword: a.password ? PASSWORD : undefined });
      return;
    }
    case 'release':
      await releaseChecked(id, a.who);
      return;
    case 'link':
      await desk.raw(a.who, 'requests.link', { id, add: a.add.map((i) => items[i]), remove: a.remove.map((i) => items[i]) });
      return;
    case 'meta': {
      const meta =
        a.change === 'custody'
          ? { minorsPresent: true, minors: [{ role: 'custody' as const }] }
          : a.change === 'witness'
            ? { minorsPresent: true, minors: [{ role: 'witness' as const }] }
            : a.change === 'residence'
              ? { locationType: 'residence' as const }
              : { minorsPresent: false, minors: [], locationType: 'public' as const };
      await desk.raw('cora', 'recordings.updateMeta', { ids: [items[a.item]], meta });
      return;
    }
    case 'district':
      await desk.raw('admin', 'districts.add', { domain: a.domain });
      return;
    case 'email':
      await desk.raw('cora', 'requests.update', { id, email: a.email });
      return;
    case 'happy': {
      let d = await get();
      for (const [state, event] of [['received', 'start-preparation'], ['in-preparation', 'submit-for-review']] as const) {
        if (d.state !== state) continue;
        const r = await desk.raw(a.preparer, 'requests.transition', { id, event });
        if (r.ok) d = r.value as RequestDetail;
      }
      if (d.state === 'awaiting-review') await signChecked(a.reviewer, { id, decisions: following(d), confirmPassword: PASSWORD });
      await releaseChecked(id, a.releaser);
      return;
    }
    case 'letter':
      await desk.raw('cora', 'letters.issue', { requestId: id, kind: a.kind });
      return;
    case 'render':
      addRenderedCopy(desk.core, recs[a.item]!, { ok: a.ok });
      return;
    case 'viewing': {
      const r = await desk.raw(a.who, 'viewing.schedule', { requestId: id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Requester'] });
      if (r.ok) await desk.raw(a.who, 'viewing.start', { viewingId: (r.value as { viewing: { id: number } }).viewing.id });
      return;
    }
  }
}

describe('release invariants under random sequences', () => {
  beforeAll(async () => {
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : undefined;
    desk = await openDesk({ dataDir: tempDir('custodian-property-', base) });
    desk.core.db.pragma('synchronous = OFF');
    await desk.call('admin', 'districts.add', { domain: 'district.example' });
    recs = [
      addRecording(desk.core, { locationType: 'public' }),
      addRecording(desk.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] }),
      addRecording(desk.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'custody' }] }),
      addRecording(desk.core, { locationType: 'residence', cjisScreen: true }),
      addRecording(desk.core, { locationType: 'public', useOfForce: true }),
      addRecording(desk.core, { locationType: '' }),
    ];
    items = recs.map((r) => r.id);
  }, 60_000);

  afterAll(async () => {
    await desk.close();
  });

  let releasedCopies = 0;
  it(`never releases to school personnel or without a legal sign-off (${RUNS} sequences)`, async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const created = await desk.raw(s.creator, 'requests.create', {
          name: 'Random Requester',
          email: s.email,
          organization: s.organization,
          category: s.category,
          channel: 'email',
          receivedAt: '2026-11-20T15:00:00Z',
          description: 'Random request',
          attorneyAffidavit: s.affidavit,
          recordingIds: s.recordings.map((i) => items[i]),
        });
        if (!created.ok) throw new Error(`create failed: ${created.error.message}`);
        const id = (created.value as { id: number }).id;
        for (const a of s.actions) await run(id, a);
      }),
      { numRuns: RUNS },
    );

    // Every release on record, checked against the database and the custody log.
    const rows = desk.core.db
      .prepare(
        `SELECT rel.request_id, rel.decision_id, rel.released_at, rel.items, r.school_personnel, r.preparers, r.prepared_by,
                d.decided_by, d.outcome, d.payload, d.signature_sha256, d.voided_at, d.signed_at, u.roles
         FROM request_releases rel JOIN requests r ON r.id = rel.request_id
         JOIN request_decisions d ON d.id = rel.decision_id JOIN users u ON u.id = d.decided_by`,
      )
      .all() as { request_id: number; decision_id: number; released_at: string; items: string; school_personnel: number; preparers: string; prepared_by: number; decided_by: number; outcome: string; payload: string; signature_sha256: string; voided_at: string | null; signed_at: string; roles: string }[];
    expect(rows.length).toBe(releases);
    expect(releases).toBeGreaterThan(RUNS / 50);
    const schoolCreated = new Set(
      desk.core.custody
        .page({ limit: 1_000_000, action: 'request-created' })
        .filter((e) => e.details.schoolPersonnel === true)
        .map((e) => e.objectId),
    );
    for (const r of rows) {
      expect(schoolCreated.has(`request:${r.request_id}`)).toBe(false);
      expect(['approved', 'partially-approved']).toContain(r.outcome);
      expect(JSON.parse(r.roles)).toContain('legal-reviewer');
      expect(JSON.parse(r.preparers)).not.toContain(r.decided_by);
      expect(r.prepared_by).not.toBe(r.decided_by);
      expect(r.voided_at).toBeNull();
      expect(r.signed_at <= r.released_at).toBe(true);
      const signed = canonicalJson({ decision: JSON.parse(r.payload), reviewerUserId: r.decided_by });
      expect(createHash('sha256').update(signed).digest('hex')).toBe(r.signature_sha256);
      // No unredacted original of a recording approved only with redaction (or view-only with
      // masking) is ever released: it goes out only as the redacted copy the decision signed,
      // and its original's hash never appears in a release.
      const payload = JSON.parse(r.payload) as DecisionPayload;
      const items = JSON.parse(r.items) as { itemId: string; sha256: string; copyItemId?: string }[];
      for (const rec of payload.recordings.filter(needsRedactedCopy)) {
        expect(items.map((i) => i.sha256)).not.toContain(rec.sha256);
        const out = items.find((i) => i.itemId === rec.itemId);
        if (out) {
          expect(rec.redactedCopy).toBeDefined();
          expect(out).toMatchObject({ sha256: rec.redactedCopy!.sha256, copyItemId: rec.redactedCopy!.itemId });
          releasedCopies += 1;
        }
      }
      for (const i of items) {
        const p = payload.recordings.find((x) => x.itemId === i.itemId)!;
        expect(needsRedactedCopy(p) ? p.redactedCopy?.sha256 : p.sha256).toBe(i.sha256);
      }
    }
    // The custody log agrees: every "released" entry names an original approved as it is (or a signed redacted copy).
    const redactOnly = new Map<number, Set<string>>();
    for (const r of rows) redactOnly.set(r.decision_id, new Set((JSON.parse(r.payload) as DecisionPayload).recordings.filter(needsRedactedCopy).map((x) => x.itemId)));
    for (const e of desk.core.custody.page({ limit: 1_000_000, action: 'released' })) {
      expect(redactOnly.get(e.details.decisionId as number)?.has(e.objectId ?? '')).toBe(false);
    }
    // The log agrees: each release follows a sign-off of the same decision.
    const signOffs = new Map(desk.core.custody.page({ limit: 1_000_000, action: 'legal-sign-off' }).map((e) => [e.details.decisionId, e]));
    const released = desk.core.custody.page({ limit: 1_000_000, action: 'request-released' });
    expect(released.length).toBe(releases);
    for (const e of released) {
      const s = signOffs.get(e.details.decisionId);
      expect(s).toBeDefined();
      expect(s!.seq).toBeLessThan(e.seq);
      expect(s!.objectId).toBe(e.objectId);
    }
    expect(refusedSchool).toBeGreaterThan(0);
    expect(refusedRedaction).toBeGreaterThan(0);
    expect(releasedCopies).toBeGreaterThan(0);
    console.log(`property: ${RUNS} sequences, ${releases} releases (${releasedCopies} signed redacted copies), ${refusedSchool} school-personnel refusals, ${refusedRedaction} redaction-not-rendered refusals at sign-off`);
  }, 1_800_000);
});
