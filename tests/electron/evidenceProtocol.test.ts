import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveMediaRequest, ticketFromUrl, type ResolvedMedia } from '../../electron/main/evidenceProtocol';

/** evidence://media/<ticket> against real files, including a sparse one past 4 GB. */

const TICKET = 'AbC_dEf-0123456789abcdefghijKLMN';
const BIG_TICKET = 'big_ticket_0123456789abcdefghijk';
const FIVE_GB = 5 * 1024 ** 3;
const MARK_AT = 4.5 * 1024 ** 3;

let dir: string;
let clip: ResolvedMedia;
let big: ResolvedMedia;
const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-evidence-protocol-'));
  const clipFile = path.join(dir, 'clip.mp4');
  fs.writeFileSync(clipFile, bytes);
  clip = { file: clipFile, contentType: 'video/mp4', size: bytes.length };
  // Sparse: takes no disk space, but offsets beyond 2^32 must still be exact.
  const bigFile = path.join(dir, 'big.mp4');
  const fd = fs.openSync(bigFile, 'w');
  fs.writeSync(fd, Buffer.from('MARK'), 0, 4, MARK_AT);
  fs.ftruncateSync(fd, FIVE_GB);
  fs.closeSync(fd);
  big = { file: bigFile, contentType: 'video/mp4', size: FIVE_GB };
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const resolve = (ticket: string): ResolvedMedia | null => (ticket === TICKET ? clip : ticket === BIG_TICKET ? big : null);

function request(ticket: string, range?: string, method = 'GET') {
  const headers = new Headers(range === undefined ? {} : { Range: range });
  return serveMediaRequest({ url: `evidence://media/${ticket}`, method, headers }, resolve);
}

async function bodyOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

describe('serveMediaRequest', () => {
  it('streams the whole file with 200 and advertises ranges', async () => {
    const res = await request(TICKET);
    expect(res.status).toBe(200);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('content-length')).toBe('1000');
    expect((await bodyOf(res)).equals(bytes)).toBe(true);
  });

  it('answers a range with 206 and exactly those bytes', async () => {
    const res = await request(TICKET, 'bytes=100-199');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 100-199/1000');
    expect(res.headers.get('content-length')).toBe('100');
    expect((await bodyOf(res)).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it('answers an open and a suffix range', async () => {
    expect((await bodyOf(await request(TICKET, 'bytes=990-'))).equals(bytes.subarray(990))).toBe(true);
    expect((await bodyOf(await request(TICKET, 'bytes=-10'))).equals(bytes.subarray(990))).toBe(true);
  });

  it('answers 416 for a range past the end', async () => {
    const res = await request(TICKET, 'bytes=1000-');
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe('bytes */1000');
    expect(await bodyOf(res)).toHaveLength(0);
  });

  it('answers HEAD with headers only', async () => {
    const res = await request(TICKET, 'bytes=0-9', 'HEAD');
    expect(res.status).toBe(206);
    expect(res.headers.get('content-length')).toBe('10');
    expect(await bodyOf(res)).toHaveLength(0);
  });

  it('seeks past 4 GB without reading the file into memory', async () => {
    const res = await request(BIG_TICKET, `bytes=${MARK_AT}-${MARK_AT + 3}`);
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${MARK_AT}-${MARK_AT + 3}/${FIVE_GB}`);
    expect((await bodyOf(res)).toString()).toBe('MARK');
    const whole = await request(BIG_TICKET);
    expect(whole.headers.get('content-length')).toBe(String(FIVE_GB));
    await whole.body?.cancel();
  });

  it('answers 404 for an unknown or expired ticket and 400 for a malformed one', async () => {
    expect((await request('unknown_ticket_0123456789abcdefgh')).status).toBe(404);
    expect((await request('..%2F..%2Fetc%2Fpasswd')).status).toBe(400);
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await request(TICKET, undefined, 'POST')).status).toBe(405);
  });
});

describe('ticketFromUrl', () => {
  it('accepts only evidence://media/<ticket>', () => {
    expect(ticketFromUrl(`evidence://media/${TICKET}`)).toBe(TICKET);
    expect(ticketFromUrl(`evidence://other/${TICKET}`)).toBeNull();
    expect(ticketFromUrl(`app://media/${TICKET}`)).toBeNull();
    expect(ticketFromUrl(`evidence://media/${TICKET}/extra`)).toBeNull();
    expect(ticketFromUrl('evidence://media/')).toBeNull();
  });
});
