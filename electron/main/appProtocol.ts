import fs from 'node:fs';
import path from 'node:path';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY, parseUrl } from './security';

/**
 * Answers app://custodian/… from the built renderer folder (out/renderer). No Electron
 * imports, so tests call it with real files under plain Node; protocols.ts hands it to
 * `protocol.handle`. A custom scheme instead of file:// keeps the page from reading the disk.
 */

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  };
}

function refuse(status: 400 | 403 | 404 | 405): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

/**
 * Maps a URL path to a file inside `rootDir`, or null when it would leave it. The URL parser
 * already removes `..` segments; decoding can bring back `/`, `\` and `..` (`%2f`, `%5c`), so
 * containment is checked on the resolved path, then again after symlinks are followed.
 */
export function resolveRendererFile(rootDir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = path.resolve(rootDir);
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const candidate = path.resolve(root, relative);
  if (!isInside(root, candidate)) return null;
  return candidate;
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function realFileInside(root: string, candidate: string): string | null {
  try {
    const realRoot = fs.realpathSync(root);
    const real = fs.realpathSync(candidate);
    if (!isInside(realRoot, real)) return null;
    return fs.statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

export interface AppRequest {
  url: string;
  method: string;
}

export async function serveAppRequest(request: AppRequest, rootDir: string): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405);
  const url = parseUrl(request.url);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return refuse(404);

  const candidate = resolveRendererFile(rootDir, url.pathname);
  if (candidate === null) return refuse(403);

  let file = realFileInside(rootDir, candidate);
  // Client-side routes (no file extension) get the app shell, so a reload does not 404.
  if (file === null && path.extname(candidate) === '') {
    file = realFileInside(rootDir, path.join(path.resolve(rootDir), 'index.html'));
  }
  if (file === null) return refuse(404);

  const body = request.method === 'HEAD' ? null : await fs.promises.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { ...securityHeaders(), 'Content-Type': contentTypeFor(file) },
  });
}
