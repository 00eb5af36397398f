import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract';
import { bagPath, manifestText } from '../../../electron/core/export/packageNames';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { openDesk, tempDir, type Desk } from '../requests/desk';
import { approvedRequest, exportTo } from './exportKit';

/**
 * RFC 8493 read as a validator would (no BagIt tool installs here): the declaration, every
 * payload file in every manifest and nothing extra, Payload-Oxum, the tag manifest over the tag
 * files, `hash  path` lines that sha256sum -c accepts, and the path escaping of §2.1.3.
 */

let desk: Desk;
let pkg: ExportResult;
beforeAll(async () => {
  desk = await openDesk();
  const { id } = await approvedRequest(desk);
  pkg = await exportTo(desk, id);
});
afterAll(async () => {
  await desk.close();
});

function walk(dir: string, rel = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name), `${rel}${d.name}/`) : [`${rel}${d.name}`]));
}

function manifest(name: string): Map<string, string> {
  const text = fs.readFileSync(path.join(pkg.package, name), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return new Map(
    text
      .trimEnd()
      .split('\n')
      .map((l) => {
        const m = /^([0-9a-f]+) {2}(\S.*)$/.exec(l);
        expect(m, `line "${l}" of ${name}`).not.toBeNull();
        return [m![2], m![1]] as [string, string];
      }),
  );
}

const digest = (algo: string, file: string) => createHash(algo).update(fs.readFileSync(file)).digest('hex');

describe('the package is a BagIt 1.0 bag (RFC 8493)', () => {
  it('bagit.txt is the declaration, in this order, UTF-8, LF', () => {
    expect(fs.readFileSync(path.join(pkg.package, 'bagit.txt'), 'utf8')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('every payload file is in both manifests with its digest, and nothing else is', () => {
    const payload = walk(path.join(pkg.package, 'data')).map((p) => `data/${p}`).sort();
    for (const [name, algo, len] of [['manifest-sha256.txt', 'sha256', 64], ['manifest-sha512.txt', 'sha512', 128]] as const) {
      const m = manifest(name);
      expect([...m.keys()].sort()).toEqual(payload);
      for (const [p, h] of m) {
        expect(h).toHaveLength(len);
        expect(h).toBe(digest(algo, path.join(pkg.package, p)));
      }
    }
  });

  it('Payload-Oxum is the payload octet count and file count', () => {
    const payload = walk(path.join(pkg.package, 'data'));
    const octets = payload.reduce((n, p) => n + fs.statSync(path.join(pkg.package, 'data', p)).size, 0);
    const info = fs.readFileSync(path.join(pkg.package, 'bag-info.txt'), 'utf8');
    expect(info).toContain(`Payload-Oxum: ${octets}.${payload.length}\n`);
    for (const line of info.trimEnd().split('\n')) expect(line).toMatch(/^[A-Za-z][A-Za-z0-9-]*: \S/);
  });

  it('the tag manifest covers every tag file (and no payload, and not itself)', () => {
    const tagFiles = walk(pkg.package).filter((p) => !p.startsWith('data/') && !/^tagmanifest-/.test(p)).sort();
    const m = manifest('tagmanifest-sha256.txt');
    expect([...m.keys()].sort()).toEqual(tagFiles);
    for (const [p, h] of m) expect(h).toBe(digest('sha256', path.join(pkg.package, p)));
    for (const must of ['bag-info.txt', 'manifest-sha256.txt', 'manifest-sha512.txt', 'release/statement.json', 'VERIFY.html', 'tools/verify.mjs', 'custody/checkpoint.txt']) expect(m.has(must)).toBe(true);
  });

  it('sha256sum -c accepts the manifests unchanged', () => {
    const out = execFileSync('sha256sum', ['-c', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'], { cwd: pkg.package, encoding: 'utf8' });
    expect(out.trim().split('\n').every((l) => l.endsWith(': OK'))).toBe(true);
  });

  it('escapes %, LF and CR in manifest paths (§2.1.3), and the checker reads them back', async () => {
    expect(bagPath('data/100%\nsure\r.txt')).toBe('data/100%25%0Asure%0D.txt');
    expect(manifestText([{ path: 'data/b%.txt', hash: 'bb' }, { path: 'data/a\n.txt', hash: 'aa' }])).toBe('aa  data/a%0A.txt\nbb  data/b%25.txt\n');
    // A hand-made bag holding a file whose name has % and a newline: listed escaped, found unescaped.
    const dir = tempDir('custodian-bag-escape-');
    const name = 'data/odd%25 name\nwith break.txt'.replace('%25', '%');
    fs.mkdirSync(path.join(dir, 'data'));
    fs.writeFileSync(path.join(dir, name), 'x');
    fs.writeFileSync(path.join(dir, 'bagit.txt'), 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
    fs.writeFileSync(path.join(dir, 'manifest-sha256.txt'), manifestText([{ path: name, hash: digest('sha256', path.join(dir, name)) }]));
    const r = await verifyPackageFolder(dir);
    expect(r.problems.filter((p) => p.path === name)).toEqual([]);
    expect(r.problems.some((p) => p.path === 'release/statement.json')).toBe(true);
  });
});
