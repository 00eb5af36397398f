import type { IncomingMessage } from 'node:http';
import { timingSafeEqual } from 'node:crypto';

export const TOKEN_COOKIE = 'custodian_token';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

export const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

export function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function cookieToken(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === TOKEN_COOKIE) return v.join('=');
  }
  return undefined;
}

/**
 * DNS-rebinding and cross-site defence: the Host must be this loopback address and port,
 * and any Origin sent must be this same origin. `launchNavigation`: the GET that spends the
 * one-time launch token, which may come from the local launch file.
 */
export function hostAndOriginOk(req: IncomingMessage, port: number, opts: { launchNavigation?: boolean } = {}): { ok: true } | { ok: false; why: string } {
  const allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const host = req.headers.host;
  if (!host || !allowedHosts.has(host.toLowerCase())) return { ok: false, why: 'forged or missing Host header' };
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return { ok: false, why: 'request from another origin' };
  }
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://')) return { ok: false, why: 'request from another origin' };
  const site = req.headers['sec-fetch-site'];
  // The launch file is a local page (file://), so the browser calls its one navigation to the
  // launch address cross-site. That request only exchanges the one-time token: it carries no
  // cookie that could be abused, and without the token it is refused anyway.
  const launch = opts.launchNavigation === true && req.method === 'GET' && (req.headers['sec-fetch-mode'] ?? 'navigate') === 'navigate';
  if (site !== undefined && site !== 'same-origin' && site !== 'none' && !(launch && site === 'cross-site')) return { ok: false, why: 'cross-site request' };
  return { ok: true };
}
