import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, addRecording, letterText, openDesk, signedRequest as signed, type Desk } from './desk';

/**
 * A recording the legal reviewer approved only with redaction (or view-only with masking rows)
 * must never go out as its unredacted original. Redaction rendering does not exist yet, so:
 * release is refused (REDACTION_NOT_RENDERED, naming the recordings), and a viewing shows only
 * the recordings approved as they are.
 */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const WITNESS_ROW = {
  start: '0:01:05',
  end: '0:02:10',
  what: 'Face and name of a minor witness',
  exemptionId: 'krs-61.878-1-a',
  explanation: 'The witness is a 14-year-old student whose face and spoken name would identify her to classmates.',
};

function releaseRows(d: Desk, id: number): number {
  return (d.core.db.prepare('SELECT COUNT(*) AS n FROM request_releases WHERE request_id = ?').get(id) as { n: number }).n;
}

describe('approve with redaction, before redaction rendering exists', () => {
  it('refuses the release, names the recording, releases nothing (not even the as-is ones) and logs the refusal', async () => {
    desk = await openDesk();
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public' });
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const id = await signed(d, [plain.id, minors.id], [
      { itemId: plain.id, decision: 'approve' },
      { itemId: minors.id, decision: 'approve-redacted', segments: [WITNESS_ROW] },
    ]);
    const name = (await d.call('cora', 'requests.get', { id })).recordings.find((r) => r.itemId === minors.id)!.originalName;

    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect(refused.details?.itemIds).toEqual([minors.id]);
    expect(refused.message).toContain(`${name} (${minors.id})`);
    expect(refused.message).toMatch(/unredacted original/);

    // Nothing went out: no release row, no "released" custody entry, the approval still stands.
    const after = await d.call('cora', 'requests.get', { id });
    expect(after.state).toBe('approved');
    expect(after.releasedAt).toBeNull();
    expect(after.decision?.valid).toBe(true);
    expect(releaseRows(d, id)).toBe(0);
    for (const rec of [plain, minors]) expect(d.core.custody.forObject(rec.id).map((e) => e.action)).not.toContain('released');
    const refusal = d.core.custody.forObject(`request:${id}`).filter((e) => e.action === 'release-refused');
    expect(refusal.map((e) => e.details.reason)).toEqual(['REDACTION_NOT_RENDERED']);
    // The request page says so before anyone presses Release.
    expect(after.warnings.join(' ')).toMatch(new RegExp(`no redacted copy exists yet: ${name}`));

    // The remedy the message names: void, decide again (withhold the recording), release the rest.
    await d.call('cora', 'requests.transition', { id, event: 'void-approval', note: 'Redacted copy cannot be produced yet.' });
    await d.call('liz', 'requests.signOff', {
      id,
      decisions: [
        { itemId: plain.id, decision: 'approve' },
        { itemId: minors.id, decision: 'withhold', exemptionId: 'krs-61.878-1-a', explanation: WITNESS_ROW.explanation, reason: 'No redacted copy can be made yet; withhold until it can.' },
      ],
      confirmPassword: PASSWORD,
    });
    const released = await d.call('cora', 'requests.release', { id });
    expect(released.state).toBe('released');
    const items = JSON.parse((d.core.db.prepare('SELECT items FROM request_releases WHERE request_id = ?').get(id) as { items: string }).items) as { itemId: string }[];
    expect(items.map((i) => i.itemId)).toEqual([plain.id]);
  });

  it('refuses the release for view-only with masking rows too', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'victim' }] });
    const id = await signed(d, [rec.id], [{ itemId: rec.id, decision: 'view-only', segments: [WITNESS_ROW] }], { name: 'Morgan Parent', category: 'directly-involved' });
    const refused = await d.fail('cora', 'requests.release', { id });
    expect(refused.details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect(releaseRows(d, id)).toBe(0);
  });

  it('shows at a viewing only the recordings approved as they are, and says which are held back', async () => {
    desk = await openDesk();
    const d = desk;
    const plain = addRecording(d.core, { locationType: 'public' });
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const masked = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'victim' }] });
    const id = await signed(
      d,
      [plain.id, minors.id, masked.id],
      [
        { itemId: plain.id, decision: 'view-only' },
        { itemId: minors.id, decision: 'approve-redacted', segments: [WITNESS_ROW] },
        { itemId: masked.id, decision: 'view-only', segments: [WITNESS_ROW] },
      ],
      { name: 'Morgan Parent', category: 'directly-involved' },
    );
    const v = await d.call('cora', 'viewing.schedule', { requestId: id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Morgan Parent'] });
    expect(v.viewing.itemIds).toEqual([plain.id]);
    expect([...v.viewing.heldBackForRedaction].sort()).toEqual([minors.id, masked.id].sort());
    const { text } = await letterText(d, v.letter.id);
    expect(text).toContain('Recordings not shown at this viewing');
    expect(text).toContain(`(ID ${minors.id})`);
    expect(text).toContain(`(ID ${masked.id})`);

    const started = await d.call('cora', 'viewing.start', { viewingId: v.viewing.id });
    expect(started.recordings).toEqual([{ itemId: plain.id, sha256: plain.sha256 }]);
    expect(d.core.custody.forObject(plain.id).map((e) => e.action)).toContain('viewing-started');
    for (const held of [minors.id, masked.id]) expect(d.core.custody.forObject(held).map((e) => e.action)).not.toContain('viewing-started');
    const logged = d.core.custody.forObject(`request:${id}`).find((e) => e.action === 'viewing-started')!;
    expect(logged.details.itemIds).toEqual([plain.id]);
  });

  it('refuses a viewing when every approved recording needs a redacted copy', async () => {
    desk = await openDesk();
    const d = desk;
    const minors = addRecording(d.core, { locationType: 'school', minorsPresent: true, minors: [{ role: 'witness' }] });
    const id = await signed(d, [minors.id], [{ itemId: minors.id, decision: 'approve-redacted', segments: [WITNESS_ROW] }]);
    const refused = await d.fail('cora', 'viewing.schedule', { requestId: id, at: '2026-11-24T15:00:00Z', place: 'Records office', attendees: ['Pat Public'] });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('REDACTION_NOT_RENDERED');
    expect(refused.message).toContain(minors.id);
    expect(refused.message).toMatch(/nothing to show at a viewing/);
    expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM request_viewings WHERE request_id = ?').get(id) as { n: number }).n).toBe(0);
  });
});
