import { describe, expect, test } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { placeObject, renameWithRetry, type RenameRetry } from '../../../electron/core/store/placeObject';

const locked = (code: string) => Object.assign(new Error(`${code}: operation not permitted, rename`), { code });

describe('renameWithRetry', () => {
  test('retries EPERM/EBUSY with backoff, reporting each retry', async () => {
    const retries: RenameRetry[] = [];
    const slept: number[] = [];
    let calls = 0;
    await renameWithRetry('a', 'b', {
      retryLocked: true,
      rename: () => {
        calls++;
        if (calls === 1) throw locked('EPERM');
        if (calls === 2) throw locked('EBUSY');
      },
      sleep: async (ms) => void slept.push(ms),
      onRetry: (r) => retries.push(r),
    });
    expect(calls).toBe(3);
    expect(retries).toEqual([{ attempt: 1, code: 'EPERM', delayMs: 50 }, { attempt: 2, code: 'EBUSY', delayMs: 100 }]);
    expect(slept).toEqual([50, 100]);
  });

  test('gives up after the last delay, and never retries other errors', async () => {
    const always = () => {
      throw locked('EPERM');
    };
    await expect(renameWithRetry('a', 'b', { retryLocked: true, rename: always, delaysMs: [1, 1], sleep: async () => undefined })).rejects.toMatchObject({ code: 'EPERM' });
    let calls = 0;
    const enoent = () => {
      calls++;
      throw locked('ENOENT');
    };
    await expect(renameWithRetry('a', 'b', { retryLocked: true, rename: enoent, sleep: async () => undefined })).rejects.toMatchObject({ code: 'ENOENT' });
    expect(calls).toBe(1);
  });
});

describe('placeObject', () => {
  test('moves the .part to objects/ab/cd/<sha256>, read-only', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'place-'));
    try {
      const objects = path.join(dir, 'objects');
      fs.mkdirSync(objects);
      const part = path.join(dir, 'x.part');
      fs.writeFileSync(part, 'bytes');
      const sha = 'ab'.repeat(32);
      const placed = await placeObject(objects, part, sha);
      expect(placed).toBe(path.join(objects, 'ab', 'ab', sha));
      expect(fs.readFileSync(placed, 'utf8')).toBe('bytes');
      expect(fs.existsSync(part)).toBe(false);
      expect(fs.statSync(placed).mode & 0o777).toBe(0o400);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
