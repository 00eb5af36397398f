/**
 * Custodian's own files cannot come back in as evidence or as a request letter: the signing
 * key, the database and its journal files, by their own path, through a linked parent folder,
 * with `..`, as a hard link, or inside a folder that contains the data folder; and nothing that
 * is not a regular file is stored as a letter. Real core, real SQLite, real files.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { copyAndHash } from '../../../electron/core/ingest/copyAndHash';
import { ownFilesOf } from '../../../electron/core/store/ownFiles';
import { objectPath } from '../../../electron/core/store/objectPaths';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import { ingest, openSetUpCore, removeDir, tempDir, type Opened } from '../ingest/helpers';

const posix = process.platform !== 'win32';
let o: Opened;
let outside: string;
let servers: net.Server[] = [];

const KEY = () => path.join(o.dataDir, 'keys', 'checkpoint-ed25519.pem');
const DB = () => path.join(o.dataDir, 'custodian.sqlite');

function itemCount(): number {
  return (o.core.db.prepare('SELECT count(*) AS n FROM items').get() as { n: number }).n;
}

function expectOwnRefusal(r: IngestResult, p: string): void {
  const hit = r.rejected.find((x) => x.path === p);
  expect(hit, `${p} should be refused; got ${JSON.stringify(r)}`).toBeDefined();
  expect(hit!.code).toBe('BAD_INPUT');
  expect(hit!.message).toMatch(/Custodian's own/);
  expect(hit!.message).toContain(o.core.paths.root);
}

async function attach(id: number, p: string): Promise<{ ok: boolean; code?: string; message?: string }> {
  const r = await o.core.call({ method: 'requests.attachLetter', input: { id, path: p }, session: o.token }, { host: 'test' });
  return r.ok ? { ok: true } : { ok: false, code: r.error.code, message: r.error.message };
}

function listen(p: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    servers.push(s);
    s.once('error', reject);
    s.listen(p, () => resolve());
  });
}

beforeAll(async () => {
  o = await openSetUpCore();
  outside = tempDir('custodian-outside-');
});

afterAll(async () => {
  for (const s of servers) s.close();
  servers = [];
  await o.core.close();
  removeDir(o.dataDir);
  removeDir(outside);
});

describe('ingest refuses the data folder', () => {
  it('refuses the signing key, the database and its -wal/-shm by their own paths, and stores nothing', async () => {
    const before = itemCount();
    const own = [KEY(), DB(), `${DB()}-wal`, `${DB()}-shm`, path.join(o.dataDir, 'presence.sqlite')].filter((p) => fs.existsSync(p));
    expect(own.length).toBeGreaterThanOrEqual(3);
    const r = await ingest(o, { paths: own });
    for (const p of own) expectOwnRefusal(r, p);
    expect(r.ingested).toEqual([]);
    expect(itemCount()).toBe(before);
  });

  it('refuses them by other names: `..`, `.`, a doubled slash, a linked parent folder, a link to the data folder itself', async () => {
    const linkToData = path.join(outside, 'looks-like-a-card');
    fs.symlinkSync(o.dataDir, linkToData);
    const linkToKeys = path.join(outside, 'keys-link');
    fs.symlinkSync(path.join(o.dataDir, 'keys'), linkToKeys);
    const names = [
      `${o.dataDir}/objects/../keys/checkpoint-ed25519.pem`,
      `${o.dataDir}/./keys//checkpoint-ed25519.pem`,
      path.join(linkToData, 'keys', 'checkpoint-ed25519.pem'),
      path.join(linkToKeys, 'checkpoint-ed25519.pem'),
      path.join(linkToData, 'custodian.sqlite'),
    ];
    const r = await ingest(o, { paths: names });
    expect(r.ingested).toEqual([]);
    for (const n of names) expectOwnRefusal(r, path.resolve(n));
  });

  it('refuses a hard link to the signing key or the database made outside the data folder', async () => {
    const keyLink = path.join(outside, 'holiday-photo.jpg');
    const dbLink = path.join(outside, 'notes.mp4');
    fs.linkSync(KEY(), keyLink);
    fs.linkSync(DB(), dbLink);
    const r = await ingest(o, { paths: [keyLink, dbLink] });
    expect(r.ingested).toEqual([]);
    expectOwnRefusal(r, keyLink);
    expectOwnRefusal(r, dbLink);
    expect(r.rejected.find((x) => x.path === keyLink)!.message).toMatch(/hard link/);
  });

  it('a folder given to ingest that contains the data folder skips it (reported), and ingests the rest', async () => {
    const parent = tempDir('custodian-parent-');
    try {
      const inner = await openSetUpCore(path.join(parent, 'custodian-data'));
      try {
        fs.writeFileSync(path.join(parent, 'clip-bytes.bin'), 'evidence that belongs here');
        const r = await ingest(inner, { paths: [parent] });
        expect(r.ingested.map((i) => i.originalName)).toEqual(['clip-bytes.bin']);
        const skipped = r.rejected.find((x) => x.path === inner.core.paths.root);
        expect(skipped?.message).toMatch(/Custodian's own data folder/);
        // Nothing from inside the data folder was even looked at.
        expect(r.rejected.filter((x) => x.path.startsWith(`${inner.core.paths.root}${path.sep}`))).toEqual([]);
        expect(r.duplicates).toEqual([]);
        // And the data folder itself, given directly, is refused whole.
        const whole = await ingest(inner, { paths: [inner.core.paths.root, path.join(inner.core.paths.root, 'keys')] });
        expect(whole.ingested).toEqual([]);
        expect(whole.rejected.map((x) => x.message).join('\n')).toMatch(/That folder is inside Custodian's own data folder/);
      } finally {
        await inner.core.close();
      }
    } finally {
      removeDir(parent);
    }
  });

  it('copyAndHash, asked directly (no walk before it), refuses a hard link to the key and a linked parent folder', async () => {
    const own = ownFilesOf(o.core.paths.root);
    const keyLink = path.join(outside, 'second-name.bin');
    fs.linkSync(KEY(), keyLink);
    const viaLink = path.join(outside, 'looks-like-a-card', 'keys', 'checkpoint-ed25519.pem');
    for (const p of [keyLink, viaLink, KEY()]) {
      await expect(copyAndHash(p, o.core.paths.staging, { ownFiles: own })).rejects.toMatchObject({ code: 'BAD_INPUT' });
    }
    expect(fs.readdirSync(o.core.paths.staging)).toEqual([]);
  });
});

describe('a sidecar from the data folder', () => {
  it('is refused before it is read, so no error message quotes a line of a key file', async () => {
    const totp = path.join(o.dataDir, 'keys', 'totp-secrets.key');
    if (!fs.existsSync(totp)) fs.writeFileSync(totp, 'c2VjcmV0IHRoYXQgbXVzdCBub3QgbGVhaw==', { mode: 0o600 });
    const secret = fs.readFileSync(totp, 'utf8').trim();
    const clip = path.join(outside, 'sidecar-target.bin');
    fs.writeFileSync(clip, 'x');
    const link = path.join(outside, 'meta.csv');
    fs.linkSync(totp, link);
    for (const sidecarPath of [totp, link, KEY()]) {
      const r = await o.core.call({ method: 'ingest.start', input: { paths: [clip], sidecarPath }, session: o.token }, { host: 'test' });
      expect(r.ok, sidecarPath).toBe(false);
      if (r.ok) continue;
      expect(r.error.message).toMatch(/Custodian's own/);
      expect(JSON.stringify(r.error)).not.toContain(secret.slice(0, 12));
      expect(JSON.stringify(r.error)).not.toContain('PRIVATE KEY');
    }
  });
});

describe('the folder browser', () => {
  it('does not offer the data folder (by its name or a link to it), and refuses to list inside it', async () => {
    const list = async (p: string) => o.core.call({ method: 'fs.list', input: { path: p }, session: o.token }, { host: 'test' });
    const parent = await list(path.dirname(o.dataDir));
    expect(parent.ok).toBe(true);
    const names = (parent as { value: { entries: { path: string }[] } }).value.entries.map((e) => e.path);
    expect(names).not.toContain(o.dataDir);
    const linkDir = tempDir('custodian-browse-');
    try {
      fs.symlinkSync(o.dataDir, path.join(linkDir, 'card'));
      fs.mkdirSync(path.join(linkDir, 'DCIM'));
      const r = (await list(linkDir)) as { ok: true; value: { entries: { name: string }[] } };
      expect(r.value.entries.map((e) => e.name)).toEqual(['DCIM']);
    } finally {
      removeDir(linkDir);
    }
    for (const p of [o.dataDir, path.join(o.dataDir, 'keys')]) {
      const r = await list(p);
      expect(r.ok, p).toBe(false);
    }
  });
});

describe('request letters refuse the data folder and anything not a regular file', () => {
  let requestId: number;
  beforeAll(async () => {
    const r = await o.core.call(
      {
        method: 'requests.create',
        input: { name: 'Pat Public', email: 'pat@example.org', category: 'public', channel: 'email', receivedAt: '2026-11-20T15:00:00Z', description: 'The video.' },
        session: o.token,
      },
      { host: 'test' },
    );
    if (!r.ok) throw new Error(r.error.message);
    requestId = (r.value as { id: number }).id;
  });

  it('refuses the signing key, the database and a hard link to the key as a request letter', async () => {
    const link = path.join(outside, 'scan.pdf');
    fs.linkSync(KEY(), link);
    for (const p of [KEY(), DB(), link, `${o.dataDir}/staging/../keys/checkpoint-ed25519.pem`]) {
      const r = await attach(requestId, p);
      expect(r, p).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      expect(r.message).toMatch(/Custodian's own/);
    }
    // Intake with the key as its letter is refused too, and no request is made.
    const before = (o.core.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n;
    const c = await o.core.call(
      {
        method: 'requests.create',
        input: { name: 'Pat Public', category: 'public', channel: 'email', receivedAt: '2026-11-20T15:00:00Z', description: 'x', letterPath: KEY() },
        session: o.token,
      },
      { host: 'test' },
    );
    expect(c.ok).toBe(false);
    expect((o.core.db.prepare('SELECT count(*) AS n FROM requests').get() as { n: number }).n).toBe(before);
  });

  it.runIf(posix)('refuses a folder, a named pipe, a socket and a device, saying what each is', async () => {
    const dir = path.join(outside, 'a-folder.pdf');
    fs.mkdirSync(dir);
    const fifo = path.join(outside, 'pipe.pdf');
    execFileSync('mkfifo', [fifo]);
    const sock = path.join(outside, 'sock.pdf');
    await listen(sock);
    const cases: [string, RegExp][] = [
      [dir, /not a regular file \(it is a folder\)/],
      [fifo, /not a regular file \(it is a named pipe\)/],
      [sock, /not a regular file \(it is a network socket\)/],
      ['/dev/null', /not a regular file \(it is a device\)/],
    ];
    for (const [p, why] of cases) {
      const r = await attach(requestId, p);
      expect(r, p).toMatchObject({ ok: false, code: 'NOT_REGULAR_FILE' });
      expect(r.message).toMatch(why);
    }
    expect(fs.readdirSync(o.core.paths.staging)).toEqual([]);
  });

  it('still stores an ordinary letter', async () => {
    const p = path.join(outside, 'letter.txt');
    fs.writeFileSync(p, 'Please send me the video.');
    expect(await attach(requestId, p)).toEqual({ ok: true });
  });

  it.runIf(process.platform === 'linux')('catches a parent folder swapped for a link into the data folder between the check and the open', async () => {
    const p = path.join(outside, 'letter-2.txt');
    fs.writeFileSync(p, 'A second letter.');
    const stored = (await o.core.call({ method: 'requests.attachLetter', input: { id: requestId, path: p }, session: o.token }, { host: 'test' })) as { ok: boolean; value?: { sha256: string } };
    expect(stored.ok).toBe(true);
    const object = objectPath(o.core.paths.objects, stored.value!.sha256);
    const card = path.join(outside, 'swapped-card');
    fs.mkdirSync(card);
    fs.writeFileSync(path.join(card, path.basename(object)), 'decoy that passes the path check');
    const realOpen = fs.openSync;
    const spy = vi.spyOn(fs, 'openSync').mockImplementation(((file: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode) => {
      if (String(file).startsWith(card)) {
        fs.rmSync(card, { recursive: true });
        fs.symlinkSync(path.dirname(object), card);
      }
      return realOpen(file, flags ?? 'r', mode);
    }) as typeof fs.openSync);
    try {
      await expect(copyAndHash(path.join(card, path.basename(object)), o.core.paths.staging, { ownFiles: ownFilesOf(o.core.paths.root) })).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/inside Custodian's own data folder/),
      });
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(o.core.paths.staging)).toEqual([]);
  });
});
