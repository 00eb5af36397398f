import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { startWebHost, type WebHost } from '../../../electron/web/webHost';
import { writeLaunchFile } from '../../../electron/web/launchHandover';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

let t: TestCore;
let host: WebHost;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function get(p: string, headers: Record<string, string> = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: p, method: 'GET', headers: { host: `127.0.0.1:${host.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

const launchPath = () => {
  const u = new URL(host.launchUrl);
  return u.pathname + u.search;
};
const tokenOf = (url: string) => new URL(url).searchParams.get('t')!;

beforeAll(async () => {
  t = await setUpCore();
  const rendererDir = tempDir();
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Custodian</title>');
  host = await startWebHost({ core: t.core, rendererDir });
});
afterAll(async () => {
  await host.close();
  await t.core.close();
});

describe('one-time launch token', () => {
  it('is refused when wrong, works once (even from the file:// launch page), and is then burnt', async () => {
    expect((await get('/?t=not-the-token')).status).toBe(403);

    // The launch file navigates cross-site (file:// → http); that is allowed for the exchange only.
    const first = await get(launchPath(), { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(first.status).toBe(200);
    const setCookie = String(first.headers['set-cookie']);
    expect(setCookie).toMatch(/^custodian_token=[\w-]{43}; HttpOnly; SameSite=Strict; Path=\/$/);
    // The cookie carries a different secret: the token in the link is worth nothing now.
    expect(setCookie).not.toContain(tokenOf(host.launchUrl));
    expect(first.body).toContain('url=/');
    const cookie = setCookie.split(';')[0];
    expect((await get('/', { cookie })).status).toBe(200);

    // A second use, from a browser without the cookie (copied link, history, another user).
    const again = await get(launchPath());
    expect(again.status).toBe(410);
    expect(again.body).toMatch(/already been used/);
    expect(again.body).toMatch(/start it again/);
    expect(again.headers['set-cookie']).toBeUndefined();
    const againCrossSite = await get(launchPath(), { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' });
    expect(againCrossSite.status).toBe(410);

    // The token itself never works as the cookie or header secret.
    expect((await get('/', { cookie: `custodian_token=${tokenOf(host.launchUrl)}` })).status).toBe(401);
    expect((await get('/', { 'x-custodian-token': tokenOf(host.launchUrl) })).status).toBe(401);

    // The browser that spent it opening the launch file again just goes on to the app.
    const sameBrowser = await get(launchPath(), { cookie });
    expect(sameBrowser.status).toBe(302);
    expect(sameBrowser.headers.location).toBe('/');
  });

  it('allows cross-site only for the launch exchange', async () => {
    expect((await get('/', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await get('/?t=x', { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' })).status).toBe(403);
    expect((await get(launchPath(), { host: 'evil.example' })).status).toBe(403);
  });

  it('hands the address over in a private file, not a command line', () => {
    const parent = tempDir();
    const launch = writeLaunchFile(host.launchUrl, parent);
    const html = fs.readFileSync(launch.file, 'utf8');
    expect(html).toContain(`<meta http-equiv="refresh" content="0;url=${host.launchUrl}">`);
    if (process.platform !== 'win32') {
      expect(fs.statSync(launch.file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(launch.file)).mode & 0o777).toBe(0o700);
    }
    launch.remove();
    expect(fs.existsSync(path.dirname(launch.file))).toBe(false);
  });
});
