import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRendererFile, serveAppRequest } from '../../electron/main/appProtocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/security';

/** app://custodian/… against a real renderer folder on disk, with a secret next to it. */

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-app-protocol-'));
const renderer = path.join(base, 'renderer');

beforeAll(() => {
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Custodian</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-abc.js'), 'console.log(1)');
  fs.writeFileSync(path.join(base, 'secret.txt'), 'evidence key');
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(renderer, 'assets', 'link.txt'));
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serveAppRequest({ url, method }, renderer);

describe('serveAppRequest', () => {
  it('serves the app shell with the CSP as a header', async () => {
    for (const url of ['app://custodian/', 'app://custodian/index.html']) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(await res.text()).toContain('<title>Custodian</title>');
    }
  });

  it('serves assets with their type', async () => {
    const res = await get('app://custodian/assets/index-abc.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const res = await get('app://custodian/index.html', 'HEAD');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it.each([
    'app://custodian/../secret.txt',
    'app://custodian/%2e%2e/secret.txt',
    'app://custodian/assets/..%2f..%2fsecret.txt',
    'app://custodian/..%5csecret.txt',
    'app://custodian/%2e%2e%2fsecret.txt',
    `app://custodian/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
    'app://custodian/assets/link.txt',
    'app://custodian/index.html%00.js',
    'app://custodian/%E0%A4%A',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const res = await get(url);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain('evidence key');
  });

  it('refuses other hosts and schemes', async () => {
    expect((await get('app://elsewhere/index.html')).status).toBe(404);
    expect((await get('evidence://custodian/index.html')).status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await get('app://custodian/index.html', 'POST')).status).toBe(405);
  });

  it('gives client-side routes the app shell but a missing asset 404', async () => {
    expect((await get('app://custodian/requests/42')).status).toBe(200);
    expect((await get('app://custodian/assets/missing.js')).status).toBe(404);
  });
});

describe('resolveRendererFile', () => {
  it('maps / to index.html and keeps paths inside the root', () => {
    expect(resolveRendererFile('/r', '/')).toBe(path.resolve('/r', 'index.html'));
    expect(resolveRendererFile('/r', '/a/b.js')).toBe(path.resolve('/r', 'a', 'b.js'));
    expect(resolveRendererFile('/r', '/%2e%2e/x')).toBeNull();
    expect(resolveRendererFile('/r', '/a/%2e%2e/%2e%2e/x')).toBeNull();
  });
});
