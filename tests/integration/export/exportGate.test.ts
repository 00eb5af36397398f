import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PASSWORD, addRecording, openDesk, signedRequest, tempDir, type Desk } from '../requests/desk';
import { approvedRequest } from './exportKit';

/** Only the release gate lets a package out: password, role, school personnel, view-only. */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const exportRows = (d: Desk) => (d.core.db.prepare('SELECT COUNT(*) AS n FROM release_exports').get() as { n: number }).n;

describe('who and what may be exported', () => {
  it('asks for the password again, and refuses a legal reviewer (custodians export)', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const destination = tempDir('custodian-export-dest-');
    const base = { id, destination, medium: 'folder', recipient: 'Pat Public' };
    expect((await d.fail('cora', 'exports.start', base)).code).toBe('REAUTH_REQUIRED');
    expect((await d.fail('cora', 'exports.start', { ...base, confirmPassword: 'wrong password entirely' })).code).toMatch(/BAD_CREDENTIALS|REAUTH_REQUIRED/);
    expect((await d.fail('lee', 'exports.start', { ...base, confirmPassword: PASSWORD })).code).toBe('FORBIDDEN');
    expect(fs.readdirSync(destination)).toEqual([]);
    expect(exportRows(d)).toBe(0);
  });

  it('never exports a view-only decision', async () => {
    desk = await openDesk();
    const d = desk;
    const rec = addRecording(d.core);
    const id = await signedRequest(d, [rec.id], [{ itemId: rec.id, decision: 'view-only' }], { name: 'Morgan Parent', category: 'directly-involved' });
    const destination = tempDir('custodian-export-dest-');
    const refused = await d.fail('cora', 'exports.start', { id, destination, medium: 'folder', recipient: 'Morgan Parent', confirmPassword: PASSWORD });
    expect(refused.code).toBe('POLICY_REFUSED');
    expect(refused.details?.reason).toBe('NO_COPY_APPROVED');
    expect(refused.message).toMatch(/view-only/);
    expect(fs.readdirSync(destination)).toEqual([]);
    expect(d.core.custody.forObject(rec.id).map((e) => e.action)).not.toContain('exported');
  });

  it('refuses school personnel through the one gate, even after approval, and logs the refusal', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    await d.call('admin', 'districts.add', { domain: 'example.org' });
    const destination = tempDir('custodian-export-dest-');
    const refused = await d.fail('cora', 'exports.start', { id, destination, medium: 'folder', recipient: 'Pat Public', confirmPassword: PASSWORD });
    expect(refused.code).toBe('SCHOOL_PERSONNEL_BLOCKED');
    expect(fs.readdirSync(destination)).toEqual([]);
    const logged = d.core.custody.forObject(`request:${id}`).filter((e) => e.action === 'release-refused');
    expect(logged.map((e) => e.details.method)).toContain('exports.start');
  });

  it('refuses a destination inside the data folder', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const r = await d.fail('cora', 'exports.start', { id, destination: d.dataDir, medium: 'folder', recipient: 'Pat Public', confirmPassword: PASSWORD });
    expect(r.code).toBe('BAD_INPUT');
    // …under another name: a symbolic link to it, or to one of its folders, and a disc image written into it.
    const outside = tempDir('custodian-export-links-');
    for (const [name, target] of [['data-link', d.dataDir], ['objects-link', path.join(d.dataDir, 'objects')]] as const) {
      fs.symlinkSync(target, path.join(outside, name));
      const linked = await d.fail('cora', 'exports.start', { id, destination: path.join(outside, name), medium: 'folder', recipient: 'Pat Public', confirmPassword: PASSWORD });
      expect(linked.details?.reason, name).toBe('OWN_DATA_FOLDER');
    }
    const iso = await d.fail('cora', 'exports.start', { id, destination: tempDir('custodian-export-dest-'), medium: 'disc', iso: path.join(outside, 'data-link', 'PRR.iso'), recipient: 'Pat Public', confirmPassword: PASSWORD });
    expect(iso.details?.reason).toBe('OWN_DATA_FOLDER');
    expect(exportRows(d)).toBe(0);
    expect(fs.readdirSync(d.dataDir).filter((n) => n.endsWith('.iso') || n.startsWith('.PRR'))).toEqual([]);
  });
});
