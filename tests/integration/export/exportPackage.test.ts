import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { addRecording, openDesk, signedRequest, type Desk } from '../requests/desk';
import { approvedRequest, exportTo } from './exportKit';

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

describe('release export to a folder', () => {
  it('exports exactly the approved copies, records the export, and the package verifies', async () => {
    desk = await openDesk();
    const d = desk;
    const { id, recs, viewOnly } = await approvedRequest(d);
    const r = await exportTo(d, id);
    expect(path.basename(r.package)).toBe(r.packageId);
    expect(r.packageId).toMatch(/^PRR-\d{5}-PKG-\d{8}-[0-9A-F]{6}$/);
    const media = r.files.filter((f) => f.path.startsWith('data/media/'));
    expect(media.map((f) => f.sha256).sort()).toEqual(recs.map((x) => x.sha256).sort());
    expect(media.map((f) => f.sha256)).not.toContain(viewOnly.sha256);
    for (const f of r.files) expect(f.path).toMatch(/^[A-Za-z0-9._/-]+$/);
    expect(r.files.some((f) => f.path.startsWith('data/letters/') && f.path.endsWith('.pdf'))).toBe(true);
    // Nothing temporary is left beside the package.
    expect(fs.readdirSync(path.dirname(r.package))).toEqual([r.packageId]);

    const v = await verifyPackageFolder(r.package);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
    expect(v.checked).toBe(r.files.length - 1); // every file but the tag manifest, which nothing lists

    const exports = await d.call('cora', 'exports.list', { id });
    expect(exports.map((e) => e.packageId)).toEqual([r.packageId]);
    expect(exports[0].recipient).toMatch(/Pat Public/);
    expect(exports[0].medium).toBe('folder');
    const reqEvents = d.core.custody.forObject(`request:${id}`).filter((e) => e.action === 'release-exported');
    expect(reqEvents).toHaveLength(1);
    expect(reqEvents[0].details.packageId).toBe(r.packageId);
    for (const rec of recs) expect(d.core.custody.forObject(rec.id).filter((e) => e.action === 'exported').map((e) => e.objectSha256)).toEqual([rec.sha256]);
    expect(d.core.custody.forObject(viewOnly.id).map((e) => e.action)).not.toContain('exported');
  });
});

describe('the package checks itself with its own tools/verify.mjs', () => {
  it('runs with plain Node and agrees', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const r = await exportTo(d, id);
    const { execFileSync } = await import('node:child_process');
    const out = JSON.parse(execFileSync(process.execPath, [path.join(r.package, 'tools', 'verify.mjs'), '--json'], { encoding: 'utf8' })) as { ok: boolean; problems: unknown[]; keyFingerprint: string };
    expect(out.problems).toEqual([]);
    expect(out.ok).toBe(true);
    expect(out.keyFingerprint).toBe(r.keyFingerprint);
    fs.appendFileSync(path.join(r.package, 'data', 'exemption-log.csv'), 'x');
    let code = 0;
    try {
      execFileSync(process.execPath, [path.join(r.package, 'tools', 'verify.mjs')], { encoding: 'utf8' });
    } catch (err) {
      code = (err as { status: number }).status;
      expect((err as { stdout: string }).stdout).toMatch(/NOT INTACT[\s\S]*data\/exemption-log\.csv/);
    }
    expect(code).toBe(1);
  });

  it('issues the approval letter of the signed decision when none was issued, and puts it in the package', async () => {
    desk = await openDesk();
    const d = desk;
    const a = addRecording(d.core, { locationType: 'public' });
    const id = await signedRequest(d, [a.id], [{ itemId: a.id, decision: 'approve' }]);
    expect((await d.call('cora', 'requests.get', { id })).letters.filter((l: { kind: string }) => l.kind === 'approval')).toEqual([]);
    const r = await exportTo(d, id);
    const letters = (await d.call('cora', 'requests.get', { id })).letters.filter((l: { kind: string }) => l.kind === 'approval');
    expect(letters).toHaveLength(1);
    const inPackage = r.files.find((f) => f.path.startsWith('data/letters/'));
    expect(inPackage?.sha256).toBe(letters[0].sha256);
    expect(d.core.custody.forObject(`request:${id}`).map((e) => e.action)).toEqual(expect.arrayContaining(['letter-issued', 'release-exported']));
  });
});
