import vm from 'node:vm';
import { createHash, createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { packageChecker } from '../../../electron/core/export/verifier/checker';
import { nodeCheckerEnv } from '../../../electron/core/export/verifier/nodeEnv';
import { verifyHtml, verifyMjs } from '../../../electron/core/export/verifier/packageTools';

const c = packageChecker();
const sha512 = async (b: Uint8Array) => new Uint8Array(createHash('sha512').update(b).digest());

describe('the package checker’s own crypto (what VERIFY.html runs in the browser)', () => {
  it('incremental SHA-256 matches node:crypto for any split of the input', () => {
    for (const len of [0, 1, 55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const data = new Uint8Array(len).map((_, i) => (i * 31 + len) & 0xff);
      const h = new c.Sha256();
      let at = 0;
      for (const step of [1, 7, 64, 13, 1000]) {
        h.update(data.subarray(at, Math.min(len, at + step)));
        at = Math.min(len, at + step);
      }
      h.update(data.subarray(at));
      expect(c.hex(h.digest())).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('the pure-JS Ed25519 fallback verifies RFC 8032 test 1 and real signatures, and refuses altered ones', async () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const key = createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]), format: 'der', type: 'pkcs8' });
    const pub = Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex');
    const sig = sign(null, Buffer.alloc(0), key);
    expect(sig.toString('hex')).toBe('e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b');
    expect(await c.ed25519VerifyJs(pub, new Uint8Array(0), sig, sha512)).toBe(true);
    for (let i = 0; i < 5; i++) {
      const { privateKey, publicKey } = generateKeyPairSync('ed25519');
      const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(12);
      const msg = Buffer.from(`release statement ${i}`);
      const s = sign(null, msg, privateKey);
      expect(await c.ed25519VerifyJs(raw, msg, s, sha512)).toBe(true);
      const bad = Buffer.from(s);
      bad[i] ^= 1;
      expect(await c.ed25519VerifyJs(raw, msg, bad, sha512)).toBe(false);
      expect(await c.ed25519VerifyJs(raw, Buffer.from(`release statement ${i + 1}`), s, sha512)).toBe(false);
    }
  });

  it('is self-contained: its source text runs in an empty context (as it does inside VERIFY.html and verify.mjs)', async () => {
    const ctx = vm.createContext({ TextEncoder, TextDecoder, atob });
    const fresh = vm.runInContext(`(${packageChecker.toString()})()`, ctx) as ReturnType<typeof packageChecker>;
    expect(c.hex(fresh.sha256(new TextEncoder().encode('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(typeof vm.runInContext(`(${nodeCheckerEnv.toString()})`, ctx)).toBe('function');
  });

  it('VERIFY.html is one file with a strict CSP whose hash matches its only script, and no network', () => {
    const html = verifyHtml('PRR-00001-PKG-20261203-ABCDEF', 'Lexington <Police>');
    const csp = /content="default-src 'none'; script-src 'sha256-([A-Za-z0-9+/=]+)'; style-src 'unsafe-inline'"/.exec(html);
    expect(csp).not.toBeNull();
    const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)];
    expect(scripts).toHaveLength(1);
    expect(createHash('sha256').update(scripts[0][1]).digest('base64')).toBe(csp![1]);
    expect(html).not.toMatch(/https?:\/\/|src=|fetch\(/);
    expect(html).toContain('Lexington &lt;Police&gt;');
    expect(html).toContain('webkitdirectory');
    expect(verifyMjs()).toMatch(/^#!\/usr\/bin\/env node/);
  });
});
