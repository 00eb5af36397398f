import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core/core';
import { SECURITY_HEADERS } from './webSecurity';
import { parseRange } from '../core/media/rangeResponse';

/** Streams evidence named by a live media ticket, with HTTP Range so seeking works. */
export function serveMedia(core: Core, ticket: string, req: IncomingMessage, res: ServerResponse): void {
  const media = core.media.resolve(ticket);
  if (!media) {
    res.writeHead(404, SECURITY_HEADERS);
    res.end('Not found');
    return;
  }
  const base = { ...SECURITY_HEADERS, 'Accept-Ranges': 'bytes', 'Content-Type': media.contentType };
  const range = parseRange(req.headers.range, media.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...base, 'Content-Range': `bytes */${media.size}` });
    res.end();
    return;
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : media.size - 1;
  const headers = { ...base, 'Content-Length': String(media.size === 0 ? 0 : end - start + 1) };
  if (range) res.writeHead(206, { ...headers, 'Content-Range': `bytes ${start}-${end}/${media.size}` });
  else res.writeHead(200, headers);
  if (req.method === 'HEAD' || media.size === 0) {
    res.end();
    return;
  }
  const stream = fs.createReadStream(media.file, { start, end, highWaterMark: 1024 * 1024 });
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
