import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { contract, isMethod } from '../../shared/contract';
import type { Core } from '../core/core';
import { WEB_BRIDGE_JS } from './webBridge';
import { SECURITY_HEADERS, TOKEN_COOKIE, cookieToken, hostAndOriginOk, sameSecret } from './webSecurity';
import { serveMedia } from './webMedia';
import { CONTINUE_HTML, LINK_USED_HTML, LINK_WRONG_HTML } from './launchHandover';

export interface WebHostOptions {
  core: Core;
  rendererDir: string;
  port?: number;
}

export interface WebHost {
  url: string;
  /** The one-time address: hand it over only through the launch file (launchHandover.ts), never on a command line. */
  launchUrl: string;
  port: number;
  close(): Promise<void>;
}

const envelopeSchema = z.object({ method: z.string().max(100), input: z.unknown(), session: z.string().max(200).optional() });
const MAX_BODY = 2 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

function send(res: ServerResponse, status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, ...extra });
  res.end(body);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The loopback face of the core: the same contract as Electron IPC, for the e2e tests and
 * for machines with no Electron binary. 127.0.0.1 only; Host and Origin checked on every
 * request. Each start makes a one-time launch token, handed to the browser through a private
 * launch file (launchHandover.ts), never on a command line. Its first use sets an HttpOnly
 * SameSite=Strict cookie holding a different secret and burns the token: a copied link,
 * browser history or a second browser gets a page saying the link was used.
 */
export async function startWebHost(opts: WebHostOptions): Promise<WebHost> {
  const launchToken = randomBytes(32).toString('base64url');
  const cookieSecret = randomBytes(32).toString('base64url');
  let launchUsed = false;
  const rendererDir = path.resolve(opts.rendererDir);
  let port = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const isLaunch = url.pathname === '/' && url.searchParams.has('t');
    const check = hostAndOriginOk(req, port, { launchNavigation: isLaunch });
    if (!check.ok) return send(res, 403, `Refused: ${check.why}.`);
    const hasCookie = sameSecret(cookieToken(req) ?? (req.headers['x-custodian-token'] as string | undefined), cookieSecret);

    if (isLaunch) {
      if (req.method !== 'GET') return send(res, 405, 'Method not allowed');
      if (!sameSecret(url.searchParams.get('t') ?? undefined, launchToken)) return send(res, 403, LINK_WRONG_HTML, TYPES['.html']);
      if (launchUsed) {
        // The same browser opening the launch file again already holds the cookie.
        if (hasCookie) return send(res, 302, '', TYPES['.html'], { Location: '/' });
        return send(res, 410, LINK_USED_HTML, TYPES['.html']);
      }
      launchUsed = true;
      // 200 and a same-origin refresh, not a 302: a redirect that follows a navigation from the
      // file:// launch page is still cross-site, and the Strict cookie would not go with it.
      return send(res, 200, CONTINUE_HTML, TYPES['.html'], { 'Set-Cookie': `${TOKEN_COOKIE}=${cookieSecret}; HttpOnly; SameSite=Strict; Path=/` });
    }
    if (!hasCookie) return send(res, 401, 'Refused: open Custodian with the launch file it printed when it started. If that was used already, close Custodian and start it again.');

    if (url.pathname === '/api') {
      if (req.method !== 'POST') return send(res, 405, 'POST only');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return send(res, 415, 'JSON only');
      let body: unknown;
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'The request could not be read.' } }), 'application/json');
      }
      const env = envelopeSchema.safeParse(body);
      if (!env.success || !isMethod(env.data.method)) {
        return send(res, 400, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: 'Custodian does not know that request.' } }), 'application/json');
      }
      // Validated here at the host, and again by the core.
      const input = contract[env.data.method].safeParse(env.data.input ?? {});
      if (!input.success) {
        const first = input.error.issues[0];
        return send(res, 200, JSON.stringify({ ok: false, error: { code: 'BAD_INPUT', message: `Some of the information given is not valid${first?.path.length ? ` (${first.path.join('.')})` : ''}: ${first?.message ?? 'invalid'}.` } }), 'application/json');
      }
      const result = await opts.core.call({ method: env.data.method, input: env.data.input ?? {}, session: env.data.session }, { host: 'web' });
      return send(res, 200, JSON.stringify(result), 'application/json');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    if (url.pathname.startsWith('/media/')) return serveMedia(opts.core, decodeURIComponent(url.pathname.slice('/media/'.length)), req, res);
    if (url.pathname === '/bridge.js') return send(res, 200, WEB_BRIDGE_JS, TYPES['.js']);

    const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
    const file = path.resolve(rendererDir, rel);
    if (!file.startsWith(rendererDir + path.sep)) return send(res, 404, 'Not found');
    let data: Buffer;
    try {
      data = fs.readFileSync(file);
    } catch {
      return send(res, 404, 'Not found');
    }
    return send(res, 200, data, TYPES[path.extname(file)] ?? 'application/octet-stream');
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/`,
    launchUrl: `${base}/?t=${launchToken}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
