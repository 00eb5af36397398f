import { afterEach, describe, expect, it } from 'vitest';
import { writeTx } from '../../../electron/core/db/database';
import { PASSWORD, PUBLIC_REQUEST, addRecording, openDesk, type Desk } from './desk';

/**
 * Issue 9, who is school personnel, on the real core: an address in any form a district
 * address arrives in blocks every release step; a district added later blocks at release; an
 * unreadable e-mail field is refused at intake; a near match blocks until a legal reviewer
 * clears it with a reason and the password.
 */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const DISTRICT = 'fcps.example.org';

async function prepared(d: Desk, request: Record<string, unknown>): Promise<{ id: number; rec: string }> {
  const rec = addRecording(d.core).id;
  const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, ...request, recordingIds: [rec] });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'start-preparation' });
  await d.call('carl', 'requests.transition', { id: r.id, event: 'submit-for-review' });
  return { id: r.id, rec };
}

function refusals(d: Desk, id: number) {
  return d.core.custody.forObject(`request:${id}`).filter((e) => e.action === 'release-refused');
}

describe('district addresses in every form block the release path', () => {
  it.each([
    ['Outlook clipboard form', `Jane Doe <jane@${DISTRICT}>;`],
    ['an address list', `jane@${DISTRICT}, friend@gmail.com`],
    ['a comment after the address', `jane@${DISTRICT} (Jane)`],
    ['a trailing >', `jane@${DISTRICT}>`],
    ['ideographic full stops', 'jane@fcps\u3002example\u3002org'],
    ['fullwidth letters and a zero-width space', 'jane@ｆｃｐｓ\u200B.example.org'],
    ['upper case with a trailing dot', `JANE@MAIL.${DISTRICT.toUpperCase()}.`],
  ])('%s: link, review, then sign-off and release are refused and logged', async (_label, email) => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { domain: DISTRICT });
    const { id, rec } = await prepared(d, { email, category: 'media' });
    const got = await d.call('lee', 'requests.get', { id });
    expect(got.schoolPersonnel).toBe(true);
    expect(got.schoolPersonnelWhy.join(' ')).toContain(`"${DISTRICT}"`);
    expect(got.proposals[0].outcome).toBe('blocked');

    const signOff = await d.fail('lee', 'requests.signOff', { id, decisions: [{ itemId: rec, decision: 'approve', reason: 'The reviewer approves.' }], confirmPassword: PASSWORD });
    expect(signOff.code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect((await d.fail('cora', 'requests.release', { id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    const logged = refusals(d, id);
    expect(logged.map((e) => e.details.method)).toEqual(['requests.signOff', 'requests.release']);
    expect(logged.every((e) => e.details.code === 'SCHOOL_PERSONNEL_BLOCKED')).toBe(true);
  });

  it('a district added after intake blocks at release, and the finding sticks when it is removed again', async () => {
    desk = await openDesk();
    const d = desk;
    const { id, rec } = await prepared(d, { email: `Jane Doe <jane@${DISTRICT}>;`, category: 'media' });
    expect((await d.call('lee', 'requests.get', { id })).schoolPersonnel).toBe(false);
    await d.call('lee', 'requests.signOff', { id, decisions: [{ itemId: rec, decision: 'approve', reason: 'Media copy of a public-place recording.' }], confirmPassword: PASSWORD });
    await d.call('admin', 'districts.add', { domain: '@FCPS\u3002Example.org.' });
    expect((await d.fail('cora', 'requests.release', { id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect(refusals(d, id)).toHaveLength(1);
    const log = d.core.custody.forObject(`request:${id}`);
    expect(log.some((e) => e.action === 'request-school-personnel-detected')).toBe(true);
    expect(log.some((e) => e.action === 'approval-voided')).toBe(true);
    await d.call('admin', 'districts.remove', { domain: DISTRICT, confirmPassword: PASSWORD });
    const after = await d.call('cora', 'requests.get', { id });
    expect(after.schoolPersonnel).toBe(true);
    expect(after.state).toBe('awaiting-review');
  });

  it('a field stored before this check that does not parse is still scanned (fail closed)', async () => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { domain: DISTRICT });
    const { id } = await prepared(d, { email: 'pat@example.org', category: 'public' });
    writeTx(d.core.db, () => d.core.db.prepare('UPDATE requests SET email = ? WHERE id = ?').run(`Jane Doe <jane@${DISTRICT}`, id));
    expect((await d.fail('cora', 'requests.release', { id })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect((await d.call('lee', 'requests.get', { id })).schoolPersonnelWhy.join(' ')).toContain(DISTRICT);
  });
});

describe('an e-mail field that cannot be read is refused at intake', () => {
  it.each([
    ['no @', 'jane at home', 'has no @ sign'],
    ['unclosed angle bracket', 'Jane Doe <jane@example.org', 'angle bracket'],
    ['unclosed quote', '"Jane <jane@example.org>', 'quotation mark'],
    ['nothing after the @', 'jane@', 'nothing follows the @'],
    ['two dots in the domain', 'jane@example..org', 'is not an address'],
    ['a group with no address', 'undisclosed-recipients:;', 'has no @ sign'],
  ])('%s', async (_label, email, why) => {
    desk ??= await openDesk();
    const d = desk;
    const e = await d.fail('cora', 'requests.create', { ...PUBLIC_REQUEST, email });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/^The e-mail field could not be read as e-mail addresses: .+\. Enter addresses like jane@example\.org, separated by commas\.$/);
    expect(e.message).toContain(why);
  });

  it('the same on a correction, while an empty field and Outlook forms are accepted', async () => {
    desk = await openDesk();
    const d = desk;
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, email: '' });
    expect((await d.fail('cora', 'requests.update', { id: r.id, email: 'Jane <jane@' })).code).toBe('BAD_INPUT');
    for (const email of ['Pat Public <pat@example.org>;', 'pat@example.org; other@example.net', 'pat@example.org.']) {
      await d.call('cora', 'requests.update', { id: r.id, email });
    }
  });
});

describe('a near match to a district name blocks until a legal reviewer clears it', () => {
  it('blocks, cannot be cleared by a custodian, a preparer, without the password or a reason; clears, is logged, then releases', async () => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { name: 'Fayette County Public Schools' });
    const rec = addRecording(d.core).id;
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Pat Parent', organization: 'Fayette Co. School PTO', category: 'public', recordingIds: [rec] });
    expect(r.schoolPersonnel).toBe(true);
    expect(r.schoolNearMatches).toHaveLength(1);
    expect(r.schoolNearMatches[0]).toMatchObject({ field: 'organization', matched: 'Fayette County Public Schools', cleared: null });
    await d.call('dana', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('dana', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    expect((await d.fail('lee', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec, decision: 'approve', reason: 'A parent group, not the district.' }], confirmPassword: PASSWORD })).code).toBe('SCHOOL_PERSONNEL_BLOCKED');

    const reason = 'A parents group, not the district; confirmed by phone with the caller.';
    expect((await d.fail('cora', 'requests.clearSchoolMatch', { id: r.id, reason, confirmPassword: PASSWORD })).code).toBe('FORBIDDEN');
    expect((await d.fail('dana', 'requests.clearSchoolMatch', { id: r.id, reason, confirmPassword: PASSWORD })).code).toBe('POLICY_REFUSED');
    expect((await d.fail('lee', 'requests.clearSchoolMatch', { id: r.id, reason })).code).toBe('REAUTH_REQUIRED');
    expect((await d.fail('lee', 'requests.clearSchoolMatch', { id: r.id, reason, confirmPassword: 'not the password at all' })).details).toMatchObject({ reason: 'wrong' });
    expect((await d.fail('lee', 'requests.clearSchoolMatch', { id: r.id, reason: 'parents', confirmPassword: PASSWORD })).code).toBe('BAD_INPUT');
    expect((await d.call('lee', 'requests.get', { id: r.id })).schoolPersonnel).toBe(true);

    const cleared = await d.call('lee', 'requests.clearSchoolMatch', { id: r.id, reason, confirmPassword: PASSWORD });
    expect(cleared.schoolPersonnel).toBe(false);
    expect(cleared.schoolNearMatches[0].cleared).toMatchObject({ by: 'lee', reason });
    expect(cleared.proposals[0].outcome).not.toBe('blocked');
    const event = d.core.custody.forObject(`request:${r.id}`).find((e) => e.action === 'school-match-cleared')!;
    expect(event.details).toMatchObject({ reason, reauthenticated: true });
    expect(JSON.stringify(event.details.matches)).toContain('Fayette Co. School PTO');
    expect((await d.fail('lee', 'requests.clearSchoolMatch', { id: r.id, reason, confirmPassword: PASSWORD })).code).toBe('CONFLICT');

    await d.call('lee', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec, decision: 'approve', reason: 'A parent group asking under the Open Records Act.' }], confirmPassword: PASSWORD });
    expect((await d.call('cora', 'requests.release', { id: r.id })).state).toBe('released');
  });

  it('the clearance covers only the matches it named: another near match, an exact name, a district e-mail or the category block again', async () => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { name: 'Fayette County Public Schools' });
    await d.call('admin', 'districts.add', { domain: DISTRICT });
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, organization: 'Fayette Co. School PTO' });
    await d.call('lee', 'requests.clearSchoolMatch', { id: r.id, reason: 'A parents group, not the district itself.', confirmPassword: PASSWORD });
    expect((await d.call('cora', 'requests.get', { id: r.id })).schoolPersonnel).toBe(false);

    // The requester's name now spells the district almost right: a new near match.
    const renamed = await d.call('cora', 'requests.update', { id: r.id, name: 'Fayete County Public School' });
    expect(renamed.schoolPersonnel).toBe(true);
    expect(renamed.schoolNearMatches.filter((m) => m.cleared === null).map((m) => m.field)).toEqual(['name']);
    await d.call('lee', 'requests.clearSchoolMatch', { id: r.id, reason: 'The caller is a parent whose name field was mistyped.', confirmPassword: PASSWORD });
    expect((await d.call('cora', 'requests.get', { id: r.id })).schoolPersonnel).toBe(false);

    for (const change of [{ email: `Jane <jane@${DISTRICT}>;` }, { organization: 'Fayette County Public Schools' }, { category: 'school-personnel' as const }]) {
      const other = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, organization: 'Fayette Co. School PTO' });
      await d.call('lee', 'requests.clearSchoolMatch', { id: other.id, reason: 'A parents group, not the district itself.', confirmPassword: PASSWORD });
      const changed = await d.call('cora', 'requests.update', { id: other.id, ...change });
      expect(changed.schoolPersonnel, JSON.stringify(change)).toBe(true);
      expect((await d.fail('lee', 'requests.clearSchoolMatch', { id: other.id, reason: 'Trying to clear a definite finding.', confirmPassword: PASSWORD })).code).toBe('CONFLICT');
    }
  });
});
