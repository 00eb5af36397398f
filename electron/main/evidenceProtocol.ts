import fs from 'node:fs';
import { planMediaResponse } from '../core/media/rangeResponse';
import { EVIDENCE_MEDIA_HOST, EVIDENCE_SCHEME, parseUrl } from './security';

/**
 * Answers evidence://media/<ticket> for <video> and <img>. The ticket is issued by the core
 * (`recordings.mediaTicket`) and resolved by it; this module never turns a URL into a path
 * itself. Streams from disk with Range support, so seeking works in files over 4 GB without
 * reading them into memory. No Electron imports: tests call it under plain Node.
 */

export interface ResolvedMedia {
  file: string;
  contentType: string;
  size: number;
}

/** `core.media.resolve`, structurally, so this module does not depend on the whole Core. */
export type MediaResolve = (ticket: string) => ResolvedMedia | null | Promise<ResolvedMedia | null>;

export interface MediaRequest {
  url: string;
  method: string;
  headers: { get(name: string): string | null };
}

const TICKET = /^[A-Za-z0-9_-]{1,256}$/;

function plain(status: 400 | 404 | 405): Response {
  return new Response(null, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function ticketFromUrl(raw: string): string | null {
  const url = parseUrl(raw);
  if (!url || url.protocol !== `${EVIDENCE_SCHEME}:` || url.hostname !== EVIDENCE_MEDIA_HOST) return null;
  const ticket = url.pathname.replace(/^\//, '');
  return TICKET.test(ticket) ? ticket : null;
}

export async function serveMediaRequest(request: MediaRequest, resolve: MediaResolve): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405);
  const ticket = ticketFromUrl(request.url);
  if (ticket === null) return plain(400);
  const media = await resolve(ticket);
  if (media === null) return plain(404);

  const plan = planMediaResponse(request.headers.get('range'), media);
  if (plan.body === null || request.method === 'HEAD') {
    return new Response(null, { status: plan.status, headers: plan.headers });
  }
  const stream = fs.createReadStream(media.file, { start: plan.body.start, end: plan.body.end });
  return new Response(toWebStream(stream), { status: plan.status, headers: plan.headers });
}

/**
 * Pull-based, so a paused <video> stops disk reads; cancelling (seek, element removed)
 * closes the file. Built on the global ReadableStream rather than `Readable.toWeb` because
 * that is the type the global Response accepts under both the Node and DOM typings.
 */
function toWebStream(stream: fs.ReadStream): ReadableStream<Uint8Array> {
  const chunks: AsyncIterator<Buffer> = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    cancel() {
      stream.destroy();
    },
  });
}
