import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../../electron/web/webHost';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

let t: TestCore;
let host: WebHost;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(p: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: p, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

let cookieValue = '';
const cookie = () => cookieValue;
const api = (envelope: unknown, headers: Record<string, string> = {}) =>
  request('/api', { method: 'POST', headers: { 'content-type': 'application/json', cookie: cookie(), host: `127.0.0.1:${host.port}`, origin: `http://127.0.0.1:${host.port}`, ...headers }, body: JSON.stringify(envelope) });

beforeAll(async () => {
  t = await setUpCore();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
  host = await startWebHost({ core: t.core, rendererDir });
  const launch = await request(new URL(host.launchUrl).pathname + new URL(host.launchUrl).search, { headers: { host: `127.0.0.1:${host.port}` } });
  cookieValue = String(launch.headers['set-cookie']).split(';')[0];
});
afterAll(async () => {
  await host.close();
  await t.core.close();
});

describe('web host', () => {
  it('exchanged the launch token for an HttpOnly SameSite cookie', async () => {
    expect(cookieValue).toMatch(/^custodian_token=[\w-]{43}$/);
    const wrong = await request('/?t=nope', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(wrong.status).toBe(403);
  });

  it('refuses requests without the token', async () => {
    const r = await request('/', { headers: { host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(401);
    const a = await request('/api', { method: 'POST', headers: { 'content-type': 'application/json', host: `127.0.0.1:${host.port}` }, body: '{"method":"setup.status","input":{}}' });
    expect(a.status).toBe(401);
  });

  it('refuses another origin and a forged Host header', async () => {
    expect((await api({ method: 'setup.status', input: {} }, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ method: 'setup.status', input: {} }, { host: 'evil.example' })).status).toBe(403);
    expect((await api({ method: 'setup.status', input: {} }, { host: `attacker.test:${host.port}` })).status).toBe(403);
    expect((await api({ method: 'setup.status', input: {} }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('answers the contract with the token, validates input at the host, sends a CSP', async () => {
    const ok = await api({ method: 'setup.status', input: {} });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body.toString())).toMatchObject({ ok: true, value: { setUp: true } });
    expect(ok.headers['content-security-policy']).toMatch(/script-src 'self'/);
    const bad = await api({ method: 'users.create', input: { username: 'x' } });
    expect(JSON.parse(bad.body.toString())).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const unknown = await api({ method: 'nope', input: {} });
    expect(unknown.status).toBe(400);
  });

  it('serves media by ticket with Range, and nothing without a live ticket', async () => {
    const file = path.join(tempDir(), 'blob.bin');
    fs.writeFileSync(file, Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
    const ticket = t.core.media.issue(t.token, file, 'video/mp4');
    const h = { host: `127.0.0.1:${host.port}`, cookie: cookie() };
    const part = await request(`/media/${ticket}`, { headers: { ...h, range: 'bytes=100-199' } });
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe('bytes 100-199/1000');
    expect(part.body.length).toBe(100);
    expect(part.body[0]).toBe(100);
    const bad = await request(`/media/${ticket}`, { headers: { ...h, range: 'bytes=5000-' } });
    expect(bad.status).toBe(416);
    expect((await request('/media/not-a-ticket', { headers: h })).status).toBe(404);
    expect((await request(`/media/${ticket}`, { headers: { host: h.host } })).status).toBe(401);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await request('/..%2f..%2fetc%2fpasswd', { headers: { host: `127.0.0.1:${host.port}`, cookie: cookie() } });
    expect(r.status).toBe(404);
  });
});
