import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, PUBLIC_REQUEST, addRecording, loginAll, openDesk, pdfText, tempDir, type Desk } from '../requests/desk';
import { listFiles } from '../faults/harness';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { readManifest } from '../../../electron/core/backup/manifest';
import type { BackupResult } from '../../../shared/contract';
import { AFTER_61_DAYS, addFamily } from './family';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const actions = (d: Desk, action: string) => d.core.db.prepare('SELECT username, outcome, object_id, details FROM custody_log WHERE action = ? ORDER BY seq').all(action) as { username: string; outcome: string; object_id: string; details: string }[];

async function later(d: Desk, iso = AFTER_61_DAYS): Promise<void> {
  d.clock.set(iso);
  await loginAll(d);
}

describe('retention schedule and holds', () => {
  it('computes the L6707 date from the recorded start (or ingest time), lists what comes due, and keeps a longer category rule', async () => {
    desk = await openDesk();
    const d = desk;
    const a = addRecording(d.core);
    const ruled = addRecording(d.core, { categories: ['use-of-force'] });
    const unknownStart = addRecording(d.core, { recordedStart: null });
    const rules = await d.call('cora', 'retention.rules', {});
    expect(rules[0]).toMatchObject({ series: 'L6707', days: 60, isDefault: true });
    expect(rules[0]!.scheduleText).toMatch(/open records request/);
    expect((await d.fail('cora', 'retention.setRule', { category: 'use-of-force', series: 'L6707-UOF', title: 'Use of force', scheduleText: 'Keep 3 years.', days: 1095, confirmPassword: PASSWORD })).code).toBe('FORBIDDEN');
    expect((await d.fail('admin', 'retention.setRule', { category: 'use-of-force', series: 'L6707-UOF', title: 'Use of force', scheduleText: 'Keep 3 years.', days: 1095 })).code).toBe('REAUTH_REQUIRED');
    await d.call('admin', 'retention.setRule', { category: 'use-of-force', series: 'L6707-UOF', title: 'Use of force', scheduleText: 'Keep 3 years.', days: 1095, confirmPassword: PASSWORD });
    expect(actions(d, 'retention-rule-changed')).toHaveLength(1);

    const info = await d.call('cora', 'retention.forItem', { id: a.id });
    expect(info).toMatchObject({ retentionDate: '2027-01-01T14:10:00.000Z', startedFrom: 'recorded start', due: false });
    expect(info.why).toMatch(/60 days from the recorded start, under L6707/);
    const unknown = await d.call('cora', 'retention.forItem', { id: unknownStart.id });
    expect(unknown.startedFrom).toBe('ingest time');
    expect((await d.call('cora', 'retention.forItem', { id: ruled.id })).rule.series).toBe('L6707-UOF');
    expect(await d.call('cora', 'retention.due', { withinDays: 0 })).toEqual([]);

    await later(d);
    const due = await d.call('cora', 'retention.due', { withinDays: 0 });
    expect(due.map((x) => x.itemId)).toEqual([a.id]);
    expect(due[0]).toMatchObject({ due: true, held: false, ruleSeries: 'L6707' });
  });

  it('holds a recording linked to an open request (and its original, through a redacted copy), through the appeal window after closing', async () => {
    desk = await openDesk();
    const d = desk;
    const fam = addFamily(d.core, { minorsPresent: true, minors: [{ role: 'custody' }], arrest: true });
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, category: 'media', organization: 'Herald-Leader', recordingIds: [fam.id] });
    await later(d);
    const due = await d.call('cora', 'retention.due', { withinDays: 0 });
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ itemId: fam.id, held: true });
    expect(due[0]!.holds[0]).toMatchObject({ kind: 'request', requestId: r.id, itemId: fam.id, originalId: fam.id });
    const refused = await d.fail('cora', 'destruction.propose', { itemIds: [fam.id] });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.message).toMatch(/on hold: Linked to records request PRR-0000\d, which is not closed yet/);
    // A redacted copy is never proposed on its own: it goes with its original.
    expect((await d.fail('cora', 'destruction.propose', { itemIds: [fam.copyId] })).message).toMatch(/goes with its original/);

    // Deny and close: still held for the 30-day appeal window (KRS 61.880(5)(a)).
    await d.call('cora', 'requests.transition', { id: r.id, event: 'start-preparation' });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'submit-for-review' });
    await d.call('lee', 'requests.setDecision', { id: r.id, itemId: fam.id, decision: 'withhold', exemptionId: 'krs-610.320-3', explanation: 'The recording shows a juvenile taken into custody; KRS 610.320(3) makes juvenile law-enforcement records confidential.' });
    await d.call('lee', 'requests.signOff', { id: r.id, confirmPassword: PASSWORD });
    await d.call('cora', 'requests.transition', { id: r.id, event: 'close' });
    expect((await d.call('cora', 'retention.settings', {})).appealDays).toBe(30);
    const held = await d.call('cora', 'holds.list', {});
    expect(held).toHaveLength(1);
    expect(held[0]!.until).toBe('2027-02-01T15:00:00.000Z');
    expect((await d.fail('cora', 'destruction.propose', { itemIds: [fam.id] })).message).toMatch(/appeal window/);
    await later(d, '2027-02-01T15:00:01Z');
    expect(await d.call('cora', 'holds.list', {})).toEqual([]);
    // A hold on the redacted copy keeps its original.
    const onCopy = await d.call('liz', 'holds.place', { itemId: fam.copyId, kind: 'complaint', reason: 'Complaint about the redaction under review' });
    expect(onCopy.originalId).toBe(fam.id);
    expect((await d.fail('cora', 'destruction.propose', { itemIds: [fam.id] })).message).toMatch(/complaint hold/);
    await d.call('liz', 'holds.lift', { holdId: onCopy.id!, reason: 'Complaint answered' });
    const b = await d.call('cora', 'destruction.propose', { itemIds: [fam.id] });
    expect(b.state).toBe('proposed');
  });

  it('places and lifts a manual hold with a reason, each logged; a held recording cannot be proposed', async () => {
    desk = await openDesk();
    const d = desk;
    const a = addRecording(d.core);
    await later(d);
    expect((await d.fail('cora', 'holds.place', { itemId: a.id, kind: 'litigation', reason: '' })).code).toBe('BAD_INPUT');
    const h = await d.call('lee', 'holds.place', { itemId: a.id, kind: 'litigation', reason: 'Notice of claim received 2026-12-20' });
    expect((await d.fail('cora', 'destruction.propose', { itemIds: [a.id] })).message).toMatch(/litigation hold .*Notice of claim/);
    expect((await d.call('cora', 'retention.forItem', { id: a.id })).holds).toHaveLength(1);
    await d.call('cora', 'holds.lift', { holdId: h.id!, reason: 'Claim settled; counsel released the hold' });
    expect(actions(d, 'hold-placed')).toMatchObject([{ username: 'lee', object_id: a.id }]);
    expect(JSON.parse(actions(d, 'hold-released')[0]!.details)).toMatchObject({ holdId: h.id, reason: 'Claim settled; counsel released the hold' });
    expect((await d.call('cora', 'destruction.propose', { itemIds: [a.id] })).items).toHaveLength(1);
  });

  it('destroys only after a second person approves: proposer refused (logged), objects, proxies, thumbnails and copies deleted, tombstones, certificate; verify, fixity and backup agree', async () => {
    desk = await openDesk();
    const d = desk;
    const fam = addFamily(d.core);
    const keep = addRecording(d.core, { recordedStart: '2026-12-20T10:00:00Z' });
    await later(d);
    // Dana holds both roles: she may propose, never approve her own batch.
    const b = await d.call('dana', 'destruction.propose', { itemIds: [fam.id] });
    expect((await d.fail('cora', 'destruction.approve', { batchId: b.id, confirmPassword: PASSWORD })).code).toBe('FORBIDDEN');
    expect((await d.fail('lee', 'destruction.approve', { batchId: b.id })).code).toBe('REAUTH_REQUIRED');
    const own = await d.fail('dana', 'destruction.approve', { batchId: b.id, confirmPassword: PASSWORD });
    expect(own.code).toBe('POLICY_REFUSED');
    expect(own.message).toMatch(/You proposed destruction batch/);
    expect(actions(d, 'destruction-approval-refused')).toMatchObject([{ username: 'dana', outcome: 'refused' }]);
    for (const f of fam.files) expect(fs.existsSync(f), f).toBe(true);

    const done = await d.call('lee', 'destruction.approve', { batchId: b.id, confirmPassword: PASSWORD });
    expect(done).toMatchObject({ state: 'destroyed', proposedBy: 'dana', approvedBy: 'lee' });
    for (const f of fam.files) expect(fs.existsSync(f), f).toBe(false);
    expect(fs.existsSync(objectPath(d.core.paths.objects, keep.sha256))).toBe(true);
    const tombs = await d.call('cora', 'destruction.tombstones', {});
    expect(tombs.map((t) => t.itemId).sort()).toEqual([fam.id, fam.copyId].sort());
    expect(tombs.find((t) => t.itemId === fam.id)).toMatchObject({ sha256: fam.sha256, proposedBy: 'dana', approvedBy: 'lee', ruleSeries: 'L6707', retentionDate: '2027-01-01T14:10:00.000Z' });
    expect(actions(d, 'item-destroyed').map((e) => e.object_id).sort()).toEqual([fam.id, fam.copyId].sort());
    expect(d.core.db.prepare('SELECT COUNT(*) AS n FROM derivatives').get()).toEqual({ n: 0 });
    // Gone from the library and search; its page says destroyed.
    const lib = await d.call('cora', 'recordings.query', {});
    expect(lib.rows.map((r) => r.id)).toEqual([keep.id]);
    expect((await d.call('cora', 'retention.forItem', { id: fam.id })).destroyed).toMatchObject({ batchId: b.id });
    expect((await d.fail('cora', 'holds.place', { itemId: fam.id, kind: 'complaint', reason: 'too late' })).message).toMatch(/already destroyed/);

    const verify = await d.call('cora', 'custody.verify', {});
    expect(verify.ok).toBe(true);
    expect(verify.destroyed?.map((x) => x.id).sort()).toEqual([fam.id, fam.copyId].sort());
    expect(verify.destroyed?.every((x) => x.logged)).toBe(true);
    const fix = await d.call('cora', 'custody.fixity', {});
    expect(fix).toMatchObject({ ok: true, missing: [], mismatched: [] });
    expect(fix.destroyed?.map((x) => x.id).sort()).toEqual([fam.id, fam.copyId].sort());

    const cert = await d.call('lee', 'destruction.certificate', { batchId: b.id });
    const text = pdfText(Buffer.from(cert.base64, 'base64'));
    for (const s of ['Records Destruction Certificate', 'Lexington Police Department', 'L6707', fam.id, fam.sha256, fam.copySha256, 'dana', 'lee', 'Signed custody checkpoint']) expect(text).toContain(s);
    expect(actions(d, 'destruction-certificate-stored')).toHaveLength(1);

    // A backup made after the destruction does not carry the object.
    const to = tempDir('custodian-retention-backup-');
    const { jobId } = await d.call('admin', 'backup.run', { folder: to, confirmPassword: PASSWORD });
    const job = await d.core.jobs.wait(jobId);
    const r = job.result as BackupResult;
    expect(r.missing).toEqual([]);
    const { manifest } = readManifest(r.folder);
    const shas = manifest.objects.map((o) => o.sha256);
    expect(shas).toContain(keep.sha256);
    expect(shas).not.toContain(fam.sha256);
    expect(shas).not.toContain(fam.copySha256);
    expect(listFiles(r.folder).some((f) => path.basename(f) === fam.sha256)).toBe(false);
    fs.rmSync(to, { recursive: true, force: true });
  });

  it('refuses the approval when a hold or a request link arrived after the proposal, and logs it', async () => {
    desk = await openDesk();
    const d = desk;
    const a = addRecording(d.core);
    await later(d);
    const b = await d.call('cora', 'destruction.propose', { itemIds: [a.id] });
    await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, receivedAt: AFTER_61_DAYS, recordingIds: [a.id] });
    const refused = await d.fail('admin', 'destruction.approve', { batchId: b.id, confirmPassword: PASSWORD });
    expect(refused.message).toMatch(/Linked to records request PRR-\d+, which is not closed yet/);
    expect(actions(d, 'destruction-approval-refused')).toHaveLength(1);
    expect(fs.existsSync(objectPath(d.core.paths.objects, a.sha256))).toBe(true);
    expect((await d.call('cora', 'destruction.batches', {}))[0]!.state).toBe('proposed');
  });
});
