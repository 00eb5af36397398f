import fs from 'node:fs';
import path from 'node:path';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/contract';
import { verifyPackageFolder } from '../../../electron/core/export/verifier/verifyPackage';
import { pae } from '../../../electron/core/export/releaseStatement';
import { openDesk, type Desk } from '../requests/desk';
import { approvedRequest, copyPackage, exportTo, flipByte } from './exportKit';

/**
 * Every way the issue names of changing a package makes the check fail and name the file. Each
 * case works on its own copy of one real exported package.
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

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Rewrites the tag manifest so that only the deeper checks (signature, key, proofs) can catch the change. */
function rehashTagManifest(dir: string): void {
  const lines = fs
    .readFileSync(path.join(dir, 'tagmanifest-sha256.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const p = l.slice(66);
      return `${sha256(fs.readFileSync(path.join(dir, p)))}  ${p}`;
    });
  fs.writeFileSync(path.join(dir, 'tagmanifest-sha256.txt'), `${lines.join('\n')}\n`);
}

async function problemsOf(dir: string, expectedFingerprint?: string) {
  const r = await verifyPackageFolder(dir, { expectedFingerprint });
  expect(r.ok).toBe(false);
  return r.problems;
}

const media = () => pkg.files.find((f) => f.path.startsWith('data/media/'))!.path;

describe('a changed package fails and names what changed', () => {
  it('one byte of a media file', async () => {
    const dir = copyPackage(pkg.package);
    flipByte(path.join(dir, media()));
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toEqual([media()]);
    expect(problems[0].what).toMatch(/has changed: its SHA-256/);
  });

  it('one byte of manifest-sha256.txt', async () => {
    const dir = copyPackage(pkg.package);
    flipByte(path.join(dir, 'manifest-sha256.txt'), 3);
    expect((await problemsOf(dir)).map((p) => p.path)).toContain('manifest-sha256.txt');
  });

  it('one byte of release/statement.json', async () => {
    const dir = copyPackage(pkg.package);
    const file = path.join(dir, 'release', 'statement.json');
    const text = fs.readFileSync(file, 'utf8');
    // A byte inside the base64 payload: still base64, so the signature check itself must catch it.
    const at = text.indexOf('"payload": "') + 40;
    fs.writeFileSync(file, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    rehashTagManifest(dir);
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toContain('release/statement.json');
    expect(problems.find((p) => p.path === 'release/statement.json')!.what).toMatch(/signature does not verify/);
  });

  it('one byte of a proof', async () => {
    const dir = copyPackage(pkg.package);
    const proof = pkg.files.find((f) => f.path.endsWith('.proof'))!.path;
    const file = path.join(dir, proof);
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf('"auditPath"') + 20;
    fs.writeFileSync(file, text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1));
    rehashTagManifest(dir);
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toEqual([proof]);
    expect(problems[0].what).toMatch(/inclusion proof|does not hash/);
  });

  it('a file added to data/', async () => {
    const dir = copyPackage(pkg.package);
    fs.writeFileSync(path.join(dir, 'data', 'media', 'extra.mp4'), 'not released');
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toContain('data/media/extra.mp4');
    expect(problems.find((p) => p.path === 'data/media/extra.mp4')!.what).toMatch(/not listed in manifest-sha256\.txt/);
  });

  it('a swapped signature (a real agency signature over something else)', async () => {
    const dir = copyPackage(pkg.package);
    const file = path.join(dir, 'release', 'statement.json');
    const env = JSON.parse(fs.readFileSync(file, 'utf8')) as { signatures: { sig: string }[] };
    env.signatures[0].sig = sign(null, pae('application/vnd.in-toto+json', Buffer.from('{}')), desk.core.key.privateKey).toString('base64');
    fs.writeFileSync(file, JSON.stringify(env, null, 2));
    rehashTagManifest(dir);
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toEqual(['release/statement.json']);
  });

  it('a swapped public key (another Ed25519 key, its fingerprint file updated too)', async () => {
    const dir = copyPackage(pkg.package);
    const { publicKey } = generateKeyPairSync('ed25519');
    const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    fs.writeFileSync(path.join(dir, 'release', 'agency-key.pub'), pem);
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
    fs.writeFileSync(path.join(dir, 'release', 'agency-key-fingerprint.txt'), `${sha256(raw)}\n`);
    rehashTagManifest(dir);
    const problems = await problemsOf(dir);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['release/statement.json', 'custody/checkpoint.txt']));
  });

  it('a package re-signed throughout with another key is caught by the fingerprint from the letter', async () => {
    const dir = copyPackage(pkg.package);
    const problems = await problemsOf(dir, 'ab'.repeat(32));
    expect(problems.map((p) => p.path)).toEqual(['release/agency-key.pub']);
  });

  it('the untouched copy still verifies (the tamper cases above are not failing for another reason)', async () => {
    const r = await verifyPackageFolder(copyPackage(pkg.package), { expectedFingerprint: pkg.keyFingerprint });
    expect(r.problems).toEqual([]);
  });
});

describe('the browser path of the checker (pure-JS SHA-256 in slices, pure-JS Ed25519, no SHA-512 streaming)', () => {
  it('says intact for the package and names a changed media file', async () => {
    const { packageChecker } = await import('../../../electron/core/export/verifier/checker');
    const c = packageChecker();
    const browserLike = (dir: string) => {
      const files: string[] = [];
      const walk = (d: string, rel: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          if (e.isDirectory()) walk(path.join(d, e.name), `${rel}${e.name}/`);
          else files.push(`${rel}${e.name}`);
        }
      };
      walk(dir, '');
      const abs = (p: string) => path.join(dir, p);
      return {
        files,
        size: (p: string) => fs.statSync(abs(p)).size,
        read: async (p: string) => new Uint8Array(fs.readFileSync(abs(p))),
        sha256File: async (p: string) => {
          const h = new c.Sha256();
          const b = fs.readFileSync(abs(p));
          for (let at = 0; at < b.length; at += 37) h.update(b.subarray(at, at + 37));
          return c.hex(h.digest());
        },
        sha512: async (b: Uint8Array) => new Uint8Array(createHash('sha512').update(b).digest()),
        ed25519: async () => null,
      };
    };
    const dir = copyPackage(pkg.package);
    expect((await c.verifyPackage(browserLike(dir))).problems).toEqual([]);
    flipByte(path.join(dir, media()));
    expect((await c.verifyPackage(browserLike(dir))).problems.map((p) => p.path)).toEqual([media()]);
  });
});
