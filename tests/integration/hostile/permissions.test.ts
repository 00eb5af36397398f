/**
 * The database (and its -wal/-shm), the signing key and the checkpoint anchor are 0600 whatever
 * the data folder was; a new data folder is 0700; a signing key others can read or change is
 * refused with the command that fixes it. POSIX only: on Windows mode bits do not say who may
 * read a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/openCore';
import { openSetUpCore, removeDir, tempDir } from '../ingest/helpers';

const posix = process.platform !== 'win32';
const dirs: string[] = [];
const mode = (p: string) => fs.statSync(p).mode & 0o777;
const octal = (m: number) => `0${m.toString(8)}`;

function newDir(): string {
  const d = tempDir('custodian-perm-');
  dirs.push(d);
  return d;
}

/** Every file Custodian keeps secret, that exists now: each file at the top of the data folder (databases, presence lock) and in keys/. */
function privateFiles(dataDir: string): string[] {
  const db = path.join(dataDir, 'custodian.sqlite');
  const keys = path.join(dataDir, 'keys');
  const top = fs.readdirSync(dataDir).map((n) => path.join(dataDir, n)).filter((p) => fs.statSync(p).isFile());
  return [...new Set([db, `${db}-wal`, `${db}-shm`, ...top, ...fs.readdirSync(keys).map((n) => path.join(keys, n))])].filter((p) => fs.existsSync(p));
}

afterEach(() => {
  for (const d of dirs.splice(0)) removeDir(d);
});

describe.runIf(posix)('file permissions', () => {
  it('makes the database, its -wal/-shm and every key file 0600 in a folder that already existed 0755', async () => {
    const dataDir = newDir();
    fs.chmodSync(dataDir, 0o755);
    const o = await openSetUpCore(dataDir);
    try {
      const files = privateFiles(dataDir);
      expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['custodian.sqlite', 'custodian.sqlite-wal', 'custodian.sqlite-shm', 'checkpoint-ed25519.pem']));
      for (const f of files) expect(`${path.basename(f)} ${octal(mode(f))}`).toBe(`${path.basename(f)} 0600`);
      expect(octal(mode(path.join(dataDir, 'keys')))).toBe('0700');
      // The folder that was already there is left as it was given.
      expect(octal(mode(dataDir))).toBe('0755');
    } finally {
      await o.core.close();
    }
  });

  it('creates a new data folder 0700', async () => {
    const dataDir = path.join(newDir(), 'fresh', 'custodian');
    const o = await openSetUpCore(dataDir);
    try {
      expect(octal(mode(dataDir))).toBe('0700');
      for (const f of privateFiles(dataDir)) expect(octal(mode(f))).toBe('0600');
    } finally {
      await o.core.close();
    }
  });

  it('tightens a database left 0644 by an older version when it is opened again', async () => {
    const dataDir = newDir();
    const o = await openSetUpCore(dataDir);
    await o.core.close();
    const db = path.join(dataDir, 'custodian.sqlite');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o644);
    const again = await openCore({ dataDir });
    try {
      for (const f of privateFiles(dataDir)) expect(`${path.basename(f)} ${octal(mode(f))}`).toBe(`${path.basename(f)} 0600`);
    } finally {
      await again.close();
    }
  });

  it('refuses a signing key that its group or others can read or write, saying how to fix it; a read-only key is fine', async () => {
    const dataDir = newDir();
    const o = await openSetUpCore(dataDir);
    await o.core.close();
    const key = path.join(dataDir, 'keys', 'checkpoint-ed25519.pem');
    for (const loose of [0o644, 0o640, 0o604, 0o620, 0o602, 0o660, 0o666]) {
      fs.chmodSync(key, loose);
      const err = await openCore({ dataDir }).then(
        async (c) => {
          await c.close();
          return null;
        },
        (e: unknown) => e as { code?: string; message: string },
      );
      expect(err, octal(loose)).not.toBeNull();
      expect(err!.message).toContain(`run: chmod 600 '${key}'`);
      expect(err!.message).toContain(octal(loose));
      // Refused, not silently fixed: the administrator decides whether the key can be trusted.
      expect(mode(key)).toBe(loose);
    }
    fs.chmodSync(key, 0o400);
    const ok = await openCore({ dataDir });
    await ok.close();
    fs.chmodSync(key, 0o600);
  });
});
