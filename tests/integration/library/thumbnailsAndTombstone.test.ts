import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, addRecording, loginAll, openDesk, type Desk } from '../requests/desk';
import { AFTER_61_DAYS, addFamily } from '../retention/family';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('library thumbnails (recordings.thumbnails)', () => {
  it('hands over the stored thumbnail of each asked-for recording as a JPEG data URL, and nothing for one without', async () => {
    desk = await openDesk();
    const d = desk;
    const fam = addFamily(d.core);
    const bare = addRecording(d.core);
    const thumbRow = d.core.db.prepare("SELECT path FROM derivatives WHERE item_id = ? AND kind = 'thumbnail'").get(fam.id) as { path: string };
    const bytes = fs.readFileSync(path.join(d.core.paths.derived, thumbRow.path));

    const got = await d.call('carl', 'recordings.thumbnails', { ids: [fam.id, bare.id, 'REC-NOPE'] });
    expect(got.thumbnails).toEqual([{ id: fam.id, dataUrl: `data:image/jpeg;base64,${bytes.toString('base64')}` }]);
    // One page of visible rows at most.
    expect((await d.fail('carl', 'recordings.thumbnails', { ids: Array.from({ length: 101 }, (_, i) => `REC-${i}`) })).code).toBe('BAD_INPUT');
  });
});

describe("a destroyed recording's tombstone (retention.forItem)", () => {
  it('names the file, the approval, who destroyed it and the certificate; its thumbnail is gone', async () => {
    desk = await openDesk();
    const d = desk;
    const fam = addFamily(d.core);
    d.clock.set(AFTER_61_DAYS);
    await loginAll(d);
    const b = await d.call('dana', 'destruction.propose', { itemIds: [fam.id] });
    const done = await d.call('lee', 'destruction.approve', { batchId: b.id, confirmPassword: PASSWORD });
    expect(done.state).toBe('destroyed');

    expect((await d.fail('cora', 'recordings.get', { id: fam.id })).code).toBe('NOT_FOUND');
    const t = (await d.call('cora', 'retention.forItem', { id: fam.id })).destroyed!;
    const name = (d.core.db.prepare('SELECT original_name FROM items WHERE id = ?').get(fam.id) as { original_name: string }).original_name;
    expect(t).toMatchObject({ itemId: fam.id, sha256: fam.sha256, originalName: name, proposedBy: 'dana', approvedBy: 'lee', approvedAt: done.approvedAt, destroyedBy: 'lee', batchId: b.id });
    expect(t.certificateItemId).toBe(done.certificateItemId);
    expect(t.certificateItemId).toBeTruthy();
    expect((await d.call('cora', 'destruction.certificate', { batchId: t.batchId })).base64.length).toBeGreaterThan(100);
    expect((await d.call('cora', 'recordings.thumbnails', { ids: [fam.id, fam.copyId] })).thumbnails).toEqual([]);
  });
});
