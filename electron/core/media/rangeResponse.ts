/**
 * HTTP Range handling for evidence media (RFC 9110 §14), shared by every host that serves a
 * media ticket: the Electron `evidence:` protocol and the loopback web host. Pure: no file
 * access, no Node or Electron imports, so both hosts build their responses from the same plan.
 *
 * Only single ranges are honoured. A syntactically invalid or multi-range header is ignored
 * and the whole file is sent (RFC 9110 §14.2 allows a server to ignore Range); a valid range
 * that starts past the end of the file is 416.
 */

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

const SINGLE_RANGE = /^bytes=(\d*)-(\d*)$/i;

/**
 * `null`: no usable Range header, send the whole file.
 * `'unsatisfiable'`: answer 416 with `Content-Range: bytes *\/size`.
 */
export function parseRange(header: string | undefined | null, size: number): ByteRange | 'unsatisfiable' | null {
  if (header === undefined || header === null) return null;
  const match = SINGLE_RANGE.exec(header.trim());
  if (!match) return null;
  const [, first, last] = match;
  if (first === '' && last === '') return null;

  if (first === '') {
    // Suffix range: the last N bytes.
    const suffix = toSafeInt(last);
    if (suffix === null) return null;
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }

  const start = toSafeInt(first);
  if (start === null) return null;
  let end = size - 1;
  if (last !== '') {
    const parsedEnd = toSafeInt(last);
    if (parsedEnd === null) return null;
    // last < first is invalid syntax, not an unsatisfiable range: ignore the header.
    if (parsedEnd < start) return null;
    end = Math.min(parsedEnd, size - 1);
  }
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function toSafeInt(digits: string): number | null {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : null;
}

export type MediaHeaders = Record<string, string>;

/**
 * Headers every media answer carries. Evidence must not land in a disk cache, and the
 * declared type is the one the core determined, never a browser's guess.
 */
function baseHeaders(contentType: string): MediaHeaders {
  return {
    'Content-Type': contentType,
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  };
}

/** 206 Partial Content for `range` of a file of `size` bytes. */
export function rangeHeaders(range: ByteRange, size: number, contentType: string): MediaHeaders {
  return {
    ...baseHeaders(contentType),
    'Content-Length': String(range.end - range.start + 1),
    'Content-Range': `bytes ${range.start}-${range.end}/${size}`,
  };
}

/** 200 OK for the whole file. */
export function fullHeaders(size: number, contentType: string): MediaHeaders {
  return { ...baseHeaders(contentType), 'Content-Length': String(size) };
}

/** 416 Range Not Satisfiable. */
export function unsatisfiableHeaders(size: number): MediaHeaders {
  return {
    'Accept-Ranges': 'bytes',
    'Cache-Control': 'no-store',
    'Content-Range': `bytes */${size}`,
    'Content-Length': '0',
  };
}

export interface MediaResponsePlan {
  status: 200 | 206 | 416;
  headers: MediaHeaders;
  /** The bytes to stream, or null when there is no body (416, or an empty file). */
  body: ByteRange | null;
}

/** Everything a host needs to answer a media request; it only has to open the file and stream `body`. */
export function planMediaResponse(
  rangeHeader: string | undefined | null,
  media: { size: number; contentType: string },
): MediaResponsePlan {
  const { size, contentType } = media;
  const range = parseRange(rangeHeader, size);
  if (range === 'unsatisfiable') return { status: 416, headers: unsatisfiableHeaders(size), body: null };
  if (range === null) {
    return { status: 200, headers: fullHeaders(size, contentType), body: size > 0 ? { start: 0, end: size - 1 } : null };
  }
  return { status: 206, headers: rangeHeaders(range, size, contentType), body: range };
}
