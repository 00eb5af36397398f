import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

let t: TestCore | null = null;
afterEach(async () => {
  await t?.core.close().catch(() => undefined);
  t = null;
});

describe('fs.list and hidden entries', () => {
  it('counts hidden entries it leaves out, lists them on request, and never the data folder', async () => {
    t = await setUpCore();
    const dir = tempDir('custodian-hidden-');
    fs.mkdirSync(path.join(dir, '.Trashes'));
    fs.writeFileSync(path.join(dir, '.DS_Store'), 'x');
    fs.symlinkSync(t.dataDir, path.join(dir, '.custodian-data'));

    const plain = await t.call('fs.list', { path: dir });
    expect(plain.entries).toEqual([]);
    expect(plain.hidden).toBe(2);

    const shown = await t.call('fs.list', { path: dir, showHidden: true });
    expect(shown.entries.map((e) => e.name)).toEqual(['.Trashes', '.DS_Store']);
    expect(shown.hidden).toBe(0);

    fs.mkdirSync(path.join(dir, 'DCIM'));
    const mixed = await t.call('fs.list', { path: dir });
    expect(mixed.entries.map((e) => e.name)).toEqual(['DCIM']);
    expect(mixed.hidden).toBe(2);

    const empty = tempDir('custodian-empty-');
    expect(await t.call('fs.list', { path: empty })).toMatchObject({ entries: [], hidden: 0 });
  });
});
