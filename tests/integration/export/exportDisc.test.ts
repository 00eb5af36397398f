import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { openDesk, tempDir, type Desk } from '../requests/desk';
import { approvedRequest, exportTo } from './exportKit';

/** A disc image (ISO 9660 + Joliet + Rock Ridge by xorriso), verified by reading every file back out. */

let desk: Desk | null = null;
afterEach(async () => {
  await desk?.close();
  desk = null;
});

const hasXorriso = (() => {
  try {
    execFileSync('xorriso', ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasXorriso)('export to a disc image', () => {
  it('builds the ISO, reads it back, records the image, and the package on the image verifies', async () => {
    desk = await openDesk();
    const d = desk;
    const { id } = await approvedRequest(d);
    const destination = tempDir('custodian-export-disc-');
    const iso = path.join(destination, 'PRR-disc.iso');
    const r = await exportTo(d, id, { destination, medium: 'disc', iso });
    expect(r.iso).toBe(iso);
    expect(fs.statSync(iso).size).toBe(r.isoBytes);
    expect(createHash('sha256').update(fs.readFileSync(iso)).digest('hex')).toBe(r.isoSha256);
    expect(r.media.find((m) => m.name.startsWith('CD-R'))?.fits).toBe(true);
    expect(r.media.map((m) => m.capacityBytes)).toEqual([737_280_000, 4_700_000_000, 8_500_000_000, 25_000_000_000, 50_000_000_000]);
    // Nothing temporary beside the image.
    expect(fs.readdirSync(destination).sort()).toEqual([r.packageId, 'PRR-disc.iso'].sort());

    // Independently: Joliet and Rock Ridge names as written, and the extracted package verifies.
    const out = tempDir('custodian-iso-out-');
    execFileSync('xorriso', ['-osirrox', 'on', '-indev', iso, '-extract', '/', out], { stdio: 'ignore' });
    const v = await verifyPackageFolder(path.join(out, r.packageId));
    expect(v.problems).toEqual([]);
    const listing = execFileSync('xorriso', ['-indev', iso, '-report_system_area', 'plain', '-pvd_info'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(listing).toMatch(/Volume Id/);
    const rows = await d.call('cora', 'exports.list', { id });
    expect(rows[0].medium).toBe('disc');
    expect(rows[0].iso).toBe(iso);
  });
});

describe.skipIf(!hasXorriso)('a disc image that cannot be written', () => {
  it('leaves neither an image nor a package folder that looks complete, and records nothing', async (t) => {
    const small = tempDir('custodian-export-iso-tmpfs-');
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', small], { stdio: 'ignore' });
    } catch {
      return t.skip();
    }
    try {
      desk = await openDesk();
      const d = desk;
      const { id } = await approvedRequest(d);
      const destination = tempDir('custodian-export-disc-');
      await expect(exportTo(d, id, { destination, medium: 'disc', iso: path.join(small, 'release.iso') })).rejects.toMatchObject({ code: 'MEDIA_TOOL_FAILED' });
      expect(fs.readdirSync(small)).toEqual([]);
      expect(fs.readdirSync(destination)).toEqual([]);
      expect((d.core.db.prepare('SELECT COUNT(*) AS n FROM release_exports').get() as { n: number }).n).toBe(0);
    } finally {
      execFileSync('umount', [small]);
    }
  });
});
