import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyAndHash } from '../../../electron/core/ingest/copyAndHash';
import { CustodianError } from '../../../shared/errors';

let dir: string;
let staging: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'copy-'));
  staging = path.join(dir, 'staging');
  fs.mkdirSync(staging);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function noise(size: number, seed: number): Buffer {
  const b = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    b[i] = x >>> 24;
  }
  return b;
}

function write(name: string, data: Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, data);
  return p;
}

async function refusal(p: Promise<unknown>): Promise<CustodianError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CustodianError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const stagingFiles = () => fs.readdirSync(staging);

describe('copyAndHash', () => {
  test('copies byte for byte across chunk boundaries and reports the SHA-256', async () => {
    for (const size of [1, 4095, 4096, 4097, 3 * 65536 + 17]) {
      const data = noise(size, size);
      const src = write(`s${size}.bin`, data);
      const copy = await copyAndHash(src, staging, { chunkBytes: 4096 });
      expect(copy.size).toBe(size);
      expect(copy.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      expect(fs.readFileSync(copy.partPath).equals(data)).toBe(true);
      expect(path.dirname(copy.partPath)).toBe(staging);
      expect(copy.partPath).toMatch(/[0-9a-f-]{36}\.part$/);
      fs.rmSync(copy.partPath);
    }
  });

  test('progress covers the copy and then the re-hash from disk', async () => {
    const src = write('progress.bin', noise(10_000, 7));
    const seen: string[] = [];
    const copy = await copyAndHash(src, staging, { chunkBytes: 4096, onBytes: (b, phase) => seen.push(`${phase}:${b}`) });
    expect(seen.filter((s) => s.startsWith('copy'))).toEqual(['copy:4096', 'copy:8192', 'copy:10000']);
    expect(seen.at(-1)).toBe('verify:10000');
    fs.rmSync(copy.partPath);
  });

  test('a source appended to during the copy is refused as SOURCE_CHANGED, and no .part stays', async () => {
    const src = write('growing.bin', noise(20_000, 3));
    let done = false;
    const err = await refusal(
      copyAndHash(src, staging, {
        chunkBytes: 4096,
        onBytes: () => {
          if (!done) fs.appendFileSync(src, 'more');
          done = true;
        },
      }),
    );
    expect(err.code).toBe('SOURCE_CHANGED');
    expect(stagingFiles()).toEqual([]);
  });

  test('a source whose mtime changes during the copy is refused (same size)', async () => {
    const src = write('touched.bin', noise(20_000, 4));
    let done = false;
    const err = await refusal(
      copyAndHash(src, staging, {
        chunkBytes: 4096,
        onBytes: (_b, phase) => {
          if (!done && phase === 'verify') fs.utimesSync(src, new Date(), new Date(Date.now() + 5000));
          done ||= phase === 'verify';
        },
      }),
    );
    expect(err.code).toBe('SOURCE_CHANGED');
    expect(stagingFiles()).toEqual([]);
  });

  test('a file replaced after it was listed is refused', async () => {
    const src = write('replaced.bin', noise(100, 5));
    const st = fs.lstatSync(src, { bigint: true });
    fs.rmSync(src);
    write('replaced.bin', noise(100, 6));
    const err = await refusal(copyAndHash(src, staging, { expected: { dev: st.dev, ino: st.ino + 1n } }));
    expect(err.code).toBe('SOURCE_CHANGED');
  });

  test('cancel between chunks removes the .part', async () => {
    const src = write('cancel.bin', noise(50_000, 8));
    const ac = new AbortController();
    const err = await refusal(copyAndHash(src, staging, { chunkBytes: 4096, signal: ac.signal, onBytes: (b) => b >= 8192 && ac.abort() }));
    expect(err.code).toBe('CANCELLED');
    expect(stagingFiles()).toEqual([]);
  });

  test('ENOSPC while writing becomes DISK_FULL and the .part is removed', async () => {
    const src = write('full.bin', noise(50_000, 9));
    const realWrite = fs.write;
    let calls = 0;
    vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
      calls++;
      const cb = args[args.length - 1] as (err: NodeJS.ErrnoException | null, n?: number) => void;
      if (calls >= 3) {
        cb(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
        return;
      }
      (realWrite as (...a: unknown[]) => void)(...args);
    }) as typeof fs.write);
    const err = await refusal(copyAndHash(src, staging, { chunkBytes: 4096 }));
    expect(err.code).toBe('DISK_FULL');
    expect(err.message).toMatch(/full/);
    expect(stagingFiles()).toEqual([]);
  });

  test('a symlink swapped in is not followed; a FIFO does not block; empty files are refused', async () => {
    const target = write('target.bin', noise(10, 1));
    const link = path.join(dir, 'swapped.bin');
    fs.symlinkSync(target, link);
    expect((await refusal(copyAndHash(link, staging))).code).toBe('NOT_REGULAR_FILE');
    const fifo = path.join(dir, 'fifo.bin');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    expect((await refusal(copyAndHash(fifo, staging))).code).toBe('NOT_REGULAR_FILE');
    expect((await refusal(copyAndHash(write('empty.bin', Buffer.alloc(0)), staging))).code).toBe('EMPTY_FILE');
    expect(stagingFiles()).toEqual([]);
  });

  test('read back behind the copy on the other core: byte for byte at every flush boundary, progress to the end', async () => {
    for (const size of [1, 4096, 3 * 4096 + 1, 40_000, 65_537]) {
      const data = noise(size, size + 11);
      const src = write(`t${size}.bin`, data);
      const seen: string[] = [];
      const copy = await copyAndHash(src, staging, { chunkBytes: 4096, trailingFrom: 0, flushEvery: 8192, onBytes: (b, phase) => seen.push(`${phase}:${b}`) });
      expect(copy.sha256).toBe(createHash('sha256').update(data).digest('hex'));
      expect(copy.size).toBe(size);
      expect(fs.readFileSync(copy.partPath).equals(data)).toBe(true);
      expect(seen.at(-1)).toBe(`verify:${size}`);
      fs.rmSync(copy.partPath);
    }
  });

  for (const trailing of [false, true]) {
    test(`a copy whose written bytes differ from what was read is refused as HASH_MISMATCH (${trailing ? 'read back behind the copy' : 'read back after it'})`, async () => {
      const src = write(`flip-${trailing}.bin`, noise(50_000, 12));
      const realWrite = fs.write;
      let calls = 0;
      // The disk "writes" one byte wrong in the fourth chunk: only the read-back can see it.
      vi.spyOn(fs, 'write').mockImplementation(((fd: number, buf: Buffer, offset: number, length: number, position: number, cb: unknown) => {
        calls++;
        if (calls === 4) {
          const bad = Buffer.from(buf.subarray(offset, offset + length));
          bad[bad.length >> 1] ^= 0x01;
          return (realWrite as (...a: unknown[]) => void)(fd, bad, 0, length, position, cb);
        }
        return (realWrite as (...a: unknown[]) => void)(fd, buf, offset, length, position, cb);
      }) as unknown as typeof fs.write);
      const err = await refusal(copyAndHash(src, staging, { chunkBytes: 4096, ...(trailing ? { trailingFrom: 0, flushEvery: 8192 } : {}) }));
      expect(err.code).toBe('HASH_MISMATCH');
      expect(err.message).toMatch(/does not match/);
      expect(stagingFiles()).toEqual([]);
    });
  }

  test('cancel while the copy is read back behind it stops the worker and removes the .part', async () => {
    const src = write('cancel-trail.bin', noise(200_000, 13));
    const ac = new AbortController();
    const err = await refusal(copyAndHash(src, staging, { chunkBytes: 4096, trailingFrom: 0, flushEvery: 8192, signal: ac.signal, onBytes: (b) => b >= 100_000 && ac.abort() }));
    expect(err.code).toBe('CANCELLED');
    expect(stagingFiles()).toEqual([]);
  });

  test('a flush that fails (EIO) stops the copy with the disk error and removes the .part', async () => {
    const src = write('eio.bin', noise(50_000, 14));
    vi.spyOn(fs, 'fdatasync').mockImplementation(((_fd: number, cb: (err: NodeJS.ErrnoException | null) => void) => {
      cb(Object.assign(new Error('EIO: i/o error, fdatasync'), { code: 'EIO' }));
    }) as typeof fs.fdatasync);
    const err = await refusal(copyAndHash(src, staging, { chunkBytes: 4096, trailingFrom: 0, flushEvery: 8192 }));
    expect(err.code).toBe('IO_ERROR');
    expect(err.message).toMatch(/read or write error/);
    expect(stagingFiles()).toEqual([]);
  });

  test('memory stays flat on a 300 MB file (fixed buffers, no readFile)', async () => {
    const src = path.join(dir, 'big.sparse');
    const fd = fs.openSync(src, 'w');
    fs.ftruncateSync(fd, 300 * 1024 * 1024);
    fs.writeSync(fd, 'evidence', 123_456_789);
    fs.closeSync(fd);
    const before = process.memoryUsage();
    let peak = 0;
    const copy = await copyAndHash(src, staging, { onBytes: () => (peak = Math.max(peak, process.memoryUsage().rss)) });
    expect(copy.size).toBe(300 * 1024 * 1024);
    expect(peak - before.rss).toBeLessThan(96 * 1024 * 1024);
    fs.rmSync(copy.partPath);
    fs.rmSync(src);
  });

  test.runIf(process.env.INGEST_LARGE_FILE === '1')('a file over 4 GiB copies and verifies', async () => {
    const src = path.join(dir, 'huge.sparse');
    const size = 4 * 1024 * 1024 * 1024 + 12_345;
    const fd = fs.openSync(src, 'w');
    fs.ftruncateSync(fd, size);
    fs.writeSync(fd, 'tail', size - 4);
    fs.closeSync(fd);
    const copy = await copyAndHash(src, staging);
    expect(copy.size).toBe(size);
    const tail = Buffer.alloc(4);
    const out = fs.openSync(copy.partPath, 'r');
    fs.readSync(out, tail, 0, 4, size - 4);
    fs.closeSync(out);
    expect(tail.toString()).toBe('tail');
    fs.rmSync(copy.partPath);
    fs.rmSync(src);
  }, 600_000);
});
