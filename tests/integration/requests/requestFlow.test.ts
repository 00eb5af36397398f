import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { PASSWORD, PUBLIC_REQUEST, addRecording, letterText, openDesk, tempDir, type Desk } from './desk';
import { addRenderedCopy } from './renderedCopy';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('a public request from intake to release', () => {
  it('computes the due date and proposals, needs a second person to sign, and produces the letters', async () => {
    desk = await openDesk({ now: '2026-11-20T16:00:00Z' });
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public' });
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const letterFile = path.join(tempDir('custodian-letter-'), 'request-letter.pdf');
    fs.writeFileSync(letterFile, '%PDF-1.4 the requester’s e-mail, printed');

    const created = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [plain.id, minors.id], letterPath: letterFile });
    // Friday 20 Nov 2026 10:00 EST: Mon 23, Tue 24, Wed 25, (Thanksgiving Thu 26, Fri 27), Mon 30, Tue 1 Dec.
    expect(created.dueDate).toBe('2026-12-01');
    expect(created.statutoryDueDate).toBe('2026-12-01');
    expect(created.deadline).toBe('upcoming');
    expect(created.schoolPersonnel).toBe(false);
    expect(created.recordings.map((r) => r.itemId).sort()).toEqual([plain.id, minors.id].sort());
    const byItem = new Map(created.proposals.map((p) => [p.itemId, p]));
    expect(byItem.get(plain.id)!.outcome).toBe('release');
    expect(byItem.get(plain.id)!.suggestedDecision).toBe('approve');
    expect(byItem.get(minors.id)!.outcome).toBe('redact-release');
    expect(byItem.get(minors.id)!.reasons.some((r) => r.cite === 'KRS 61.878(1)(a)')).toBe(true);

    // The request letter is stored like evidence: content-addressed, hashed, its own custody entry.
    const att = created.attachments[0];
    expect(att.sha256).toBe(createHash('sha256').update(fs.readFileSync(letterFile)).digest('hex'));
    expect(fs.existsSync(objectPath(d.core.paths.objects, att.sha256))).toBe(true);
    expect(d.core.custody.forObject(att.itemId).map((e) => e.action)).toContain('document-stored');
    expect((await d.call('cora', 'custody.fixity', {})).ok).toBe(true);

    const ack = await d.call('cora', 'letters.issue', { requestId: created.id, kind: 'acknowledgement' });
    const ackText = (await letterText(d, ack.letter.id)).text;
    expect(ackText).toContain('KRS 61.880(1)');
    expect(ackText).toContain('December 1, 2026');

    // Carl prepares and submits; every transition is a custody event on request:<id>.
    await d.call('carl', 'requests.transition', { id: created.id, event: 'start-preparation' });
    const submitted = await d.call('carl', 'requests.transition', { id: created.id, event: 'submit-for-review' });
    expect(submitted.state).toBe('awaiting-review');
    expect(submitted.preparedBy).toBe('carl');
    const transitions = d.core.custody.forObject(`request:${created.id}`).filter((e) => e.action === 'request-transition');
    expect(transitions.map((e) => e.details.event)).toEqual(['start-preparation', 'submit-for-review']);

    // A custodian cannot decide; the reviewer must, and must differ from the preparer.
    expect((await d.fail('cora', 'requests.setDecision', { id: created.id, itemId: plain.id, decision: 'approve' })).code).toBe('FORBIDDEN');
    // Departing from the proposal needs a written reason.
    const noReason = await d.fail('lee', 'requests.setDecision', { id: created.id, itemId: minors.id, decision: 'approve' });
    expect(noReason.details?.reason).toBe('REASON_REQUIRED');
    await d.call('lee', 'requests.setDecision', { id: created.id, itemId: plain.id, decision: 'approve' });
    const redacted = await d.call('lee', 'requests.setDecision', {
      id: created.id,
      itemId: minors.id,
      decision: 'approve-redacted',
      segments: [{ start: '0:01:05', end: '0:02:10', what: 'Face and name of a minor witness', exemptionId: 'krs-61.878-1-a', explanation: 'The witness is a 14-year-old student whose face and spoken name would identify her to classmates.' }],
    });
    expect(redacted.warnings).toEqual([]);

    // The password is asked again at sign-off.
    expect((await d.fail('lee', 'requests.signOff', { id: created.id })).code).toBe('REAUTH_REQUIRED');
    // The reviewer signs the redacted copy's bytes, so it is rendered first.
    const early = await d.fail('lee', 'requests.signOff', { id: created.id, confirmPassword: PASSWORD });
    expect(early.details?.reason).toBe('REDACTION_NOT_RENDERED');
    const copy = addRenderedCopy(d.core, minors);
    const signed = await d.call('lee', 'requests.signOff', { id: created.id, confirmPassword: PASSWORD });
    expect(signed.decision.outcome).toBe('approved');
    expect(signed.request.state).toBe('approved');
    expect(signed.decision.decidedBy).toBe('lee');
    expect(signed.decision.valid).toBe(true);
    expect(signed.decision.signatureSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(signed.decision.ed25519Signature.length).toBeGreaterThan(40);
    expect(signed.decision.renderedOutputs).toEqual([{ itemId: copy.itemId, sha256: copy.sha256, kind: 'redacted-copy' }]);
    const signedItems = new Map(signed.decision.recordings.map((r) => [r.itemId, r]));
    expect(signedItems.get(plain.id)!.sha256).toBe(plain.sha256);
    expect(signedItems.get(minors.id)!.sha256).toBe(minors.sha256);
    const signOff = d.core.custody.forObject(`request:${created.id}`).find((e) => e.action === 'legal-sign-off')!;
    expect(signOff.username).toBe('lee');
    expect(signOff.details.reauthenticated).toBe(true);

    const approval = await d.call('cora', 'letters.issue', { requestId: created.id, kind: 'approval' });
    const { text, bytes, sha256 } = await letterText(d, approval.letter.id);
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    expect(sha256).toBe(approval.letter.sha256);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(approval.letter.sha256);
    for (const phrase of ['Lexington Police Department', 'Exemption log', '0:01:05 to 0:02:10', 'KRS 61.878(1)(a)', plain.sha256, 'Official Custodian of Records', 'Cora Custodian']) {
      expect(text).toContain(phrase);
    }
    // Neither recording starts with a pre-event buffer, so the letter does not explain one (letterLayout.test.ts has one that does).
    expect(text).not.toContain('pre-event buffer');
    // Approved with redaction: the letter lists the signed copy's hash (never the original's) and its exemption log.
    expect(text).toContain(copy.sha256);
    expect(text).not.toContain(minors.sha256);
    expect(text).toContain('witness face');
    const released = await d.call('cora', 'requests.release', { id: created.id });
    expect(released.state).toBe('released');
    expect(released.deadline).toBe('answered');
    expect(d.core.custody.forObject(plain.id).map((e) => e.action)).toContain('released');
    expect(d.core.custody.forObject(minors.id).map((e) => e.action)).not.toContain('released');
    expect(d.core.custody.forObject(minors.id).map((e) => e.action)).toContain('redacted-copy-released');
    expect(d.core.custody.forObject(copy.itemId).find((e) => e.action === 'released')?.objectSha256).toBe(copy.sha256);
    const letters = await d.call('lee', 'letters.list', { requestId: created.id });
    expect(letters.map((l) => l.kind)).toEqual(['acknowledgement', 'approval']);
    expect((await d.call('cora', 'custody.verify', {})).ok).toBe(true);
  });

  it('refuses the preparer as approver even with both roles', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const r = await d.call('dana', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [rec.id] });
    await d.call('dana', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('dana', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    const draft = await d.fail('dana', 'requests.setDecision', { id: r.id, itemId: rec.id, decision: 'approve' });
    expect(draft.code).toBe('POLICY_REFUSED');
    expect(draft.details?.reason).toBe('SEPARATION_OF_DUTIES');
    const sign = await d.fail('dana', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
    expect(sign.details?.reason).toBe('SEPARATION_OF_DUTIES');
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('POLICY_REFUSED');
    const refusals = d.core.custody.forObject(`request:${r.id}`).filter((e) => e.action === 'release-refused');
    expect(refusals.length).toBe(3);
    expect(refusals.every((e) => e.outcome === 'refused')).toBe(true);
    // A reviewer who did not prepare it may sign.
    const ok = await d.call('liz', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec.id, decision: 'approve' }], confirmPassword: PASSWORD });
    expect(ok.request.state).toBe('approved');
  });

  it('withholds a recording of a minor taken into custody, refuses to approve it, and issues a fact-specific denial', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core, { minorsPresent: true, minors: [{ role: 'custody' }], arrest: true });
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, category: 'media', organization: 'Herald-Leader', recordingIds: [rec.id] });
    expect(r.proposals[0].outcome).toBe('withhold');
    expect(r.proposals[0].forbiddenDecisions).toContain('approve');
    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    const approve = await d.fail('lee', 'requests.setDecision', { id: r.id, itemId: rec.id, decision: 'approve-redacted', reason: 'Blurring the student would be enough here.' });
    expect(approve.details?.reason).toBe('LAW_NOT_DISCRETIONARY');
    expect((await d.fail('lee', 'requests.setDecision', { id: r.id, itemId: rec.id, decision: 'withhold' })).details?.reason).toBe('EXEMPTION_REQUIRED');
    expect((await d.fail('lee', 'requests.setDecision', { id: r.id, itemId: rec.id, decision: 'withhold', exemptionId: 'krs-610.320-3' })).details?.reason).toBe('EXPLANATION_REQUIRED');
    // Boilerplate is accepted with a warning, and the letter carries the warning too.
    const weak = await d.call('lee', 'requests.setDecision', { id: r.id, itemId: rec.id, decision: 'withhold', exemptionId: 'krs-610.320-3', explanation: 'Open investigation' });
    expect(weak.warnings.join(' ')).toMatch(/boilerplate/);
    const signed = await d.call('lee', 'requests.signOff', { id: r.id, confirmPassword: PASSWORD });
    expect(signed.request.state).toBe('denied');
    expect((await d.fail('cora', 'letters.issue', { requestId: r.id, kind: 'approval' })).code).toBe('POLICY_REFUSED');
    const denial = await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'denial' });
    expect(denial.warnings.join(' ')).toMatch(/boilerplate/);
    const { text } = await letterText(d, denial.letter.id);
    for (const phrase of ['KRS 610.320(3)', 'Open investigation', 'Attorney General', 'KRS 61.880(5)', 'KRS 61.880(2)', 'Official Custodian of Records']) expect(text).toContain(phrase);
    expect((await d.fail('cora', 'requests.release', { id: r.id })).code).toBe('POLICY_REFUSED');
    const closed = await d.call('cora', 'requests.transition', { id: r.id, event: 'close' });
    expect(closed.state).toBe('closed');
  });

  it('schedules an in-person viewing for a directly involved person, with its letter and logged start and end', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core, { minorsPresent: true, minors: [{ role: 'victim' }] });
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Morgan Parent', category: 'directly-involved', recordingIds: [rec.id] });
    expect(r.proposals[0].suggestedDecision).toBe('view-only');
    expect((await d.fail('cora', 'viewing.schedule', { requestId: r.id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Morgan Parent'] })).code).toBe('POLICY_REFUSED');
    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    await d.call('lee', 'requests.signOff', { id: r.id, decisions: [{ itemId: rec.id, decision: 'view-only' }], confirmPassword: PASSWORD });
    const v = await d.call('cora', 'viewing.schedule', { requestId: r.id, at: '2026-11-24T15:00:00Z', place: 'Records office, 150 E Main St', attendees: ['Morgan Parent', 'Records clerk'] });
    expect(v.viewing.itemIds).toEqual([rec.id]);
    const { text } = await letterText(d, v.letter.id);
    for (const phrase of ['KRS 61.168(5)(d)', 'Records office, 150 E Main St', 'Morgan Parent; Records clerk', 'No copies']) expect(text).toContain(phrase);
    const started = await d.call('cora', 'viewing.start', { viewingId: v.viewing.id });
    expect(started.recordings).toEqual([{ itemId: rec.id, sha256: rec.sha256 }]);
    const ended = await d.call('cora', 'viewing.end', { viewingId: v.viewing.id, note: 'Viewed twice.' });
    expect(ended.endedAt).not.toBeNull();
    expect(d.core.custody.forObject(rec.id).map((e) => e.action)).toEqual(expect.arrayContaining(['viewing-started', 'viewing-ended']));
    const detail = await d.call('lee', 'requests.get', { id: r.id });
    expect(detail.deadline).toBe('answered');
  });

  it('keeps letters and request letters through a restart (reconciliation knows them) and in fixity', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const file = path.join(tempDir('custodian-letter-'), 'request.eml');
    fs.writeFileSync(file, 'From: pat@example.org\nSubject: Open records request\n\nPlease send the video.');
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [rec.id], letterPath: file });
    const ack = await d.call('cora', 'letters.issue', { requestId: r.id, kind: 'acknowledgement' });
    // The same file attached again is stored once.
    const again = await d.call('cora', 'requests.attachLetter', { id: r.id, path: file });
    expect(again.itemId).toBe(r.attachments[0].itemId);
    await d.core.close();
    const { openCore } = await import('../../../electron/core/openCore');
    const reopened = await openCore({ dataDir: d.dataDir, backgroundTasks: false });
    try {
      expect(reopened.custody.page({ limit: 1000 }).some((e) => e.action === 'orphan-quarantined')).toBe(false);
      expect(fs.existsSync(objectPath(reopened.paths.objects, ack.letter.sha256))).toBe(true);
      expect(fs.existsSync(objectPath(reopened.paths.objects, r.attachments[0].sha256))).toBe(true);
      const kinds = reopened.db.prepare("SELECT kind FROM items WHERE state = 'committed' ORDER BY kind").all() as { kind: string }[];
      expect(kinds.map((k) => k.kind)).toEqual(['letter', 'recording', 'request-letter']);
    } finally {
      await reopened.close();
      fs.rmSync(d.dataDir, { recursive: true, force: true });
      desk = null;
    }
  });

  it('lets an administrator edit the KRS 61.168(4) library and cites the edited text', async () => {
    desk = await openDesk();
    const d = desk;
    const before = await d.call('lee', 'exemptions.list', {});
    const medical = before.find((e) => e.id === 'krs-61.168-4-medical')!;
    expect(medical.unverified).toBe(true);
    expect((await d.fail('cora', 'exemptions.setLibrary', { library: [{ ...medical, unverified: false }] })).code).toBe('FORBIDDEN');
    expect((await d.fail('admin', 'exemptions.setLibrary', { library: [{ ...medical, id: 'policy-xvi' }] })).code).toBe('BAD_INPUT');
    const after = await d.call('admin', 'exemptions.setLibrary', { library: [{ ...medical, cite: 'KRS 61.168(4)(b) (verified)', unverified: false }] });
    expect(after.find((e) => e.id === 'krs-61.168-4-medical')).toMatchObject({ cite: 'KRS 61.168(4)(b) (verified)', unverified: false });
    // Entries left out of the edited library stay citable.
    expect(after.some((e) => e.id === 'krs-61.168-4-residence')).toBe(true);
    const rec = addRecording(d.core, { locationType: 'medical' });
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [rec.id] });
    expect(r.proposals[0].reasons.some((x) => x.cite === 'KRS 61.168(4)(b) (verified)')).toBe(true);
  });
});
