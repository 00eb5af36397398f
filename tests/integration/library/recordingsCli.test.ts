import { createHash } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivativeRelPath } from '../../../electron/core/ingest/derivativeJobs';
import type { CustodyEntryInfo } from '../../../shared/contract';
import { makeClip, makeFaststartCut } from '../../fixtures/makeClips';
import { TEST_PASSWORD, callOk, ingest, openSetUpCore, removeDir, reopenCore, tempDir, waitAllJobs, type Opened } from '../ingest/helpers';

/**
 * `custodian recordings set` and `custodian recordings proxy`, run as a user would: the built
 * CLI in a child process, on a data folder set up by a real core, signed in with the
 * environment. Changes go through the same core call as the recording page, so each is a
 * custody entry with the old and new value.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const sha = (p: string) => createHash('sha256').update(fs.readFileSync(p)).digest('hex');

let dataDir: string;
let src: string;
let ids: { plain: string; avi: string; aviSha: string; broken: string };

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'custodian.js'), '--data', dataDir, '--accept-banner', ...args], {
      cwd: ROOT,
      env: { ...process.env, CUSTODIAN_DATA: '', CUSTODIAN_USER: 'custodian', CUSTODIAN_PASSWORD: TEST_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

async function withCore<T>(fn: (o: Opened) => Promise<T> | T): Promise<T> {
  const o = await reopenCore(dataDir);
  try {
    return await fn(o);
  } finally {
    await o.core.close();
  }
}

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'pipe' });
  src = tempDir('recordings-cli-src-');
  const o = await openSetUpCore();
  dataDir = o.dataDir;
  const plain = await makeClip(src, 'plain.mp4', { seconds: 1 });
  const avi = await makeClip(src, 'needs-proxy.avi', { container: 'avi', codec: 'mpeg4', seconds: 1 });
  const broken = await makeFaststartCut(src, 'moov-only.mp4', { keepMdatBytes: 0 });
  const aviSha = sha(avi);
  // The first playable copy of the AVI fails: a folder sits where ffmpeg writes its .part file.
  const blocker = path.join(o.core.paths.derived, `${derivativeRelPath(aviSha, 'proxy')}.part`);
  fs.mkdirSync(blocker, { recursive: true });
  const r = await ingest(o, { paths: [plain, avi, broken] });
  const jobs = await waitAllJobs(o.core);
  expect(jobs.find((j) => j.kind === 'proxy')?.status).toBe('failed');
  fs.rmdirSync(blocker);
  const idOf = (name: string) => r.ingested.find((i) => i.originalName === name)!.id;
  ids = { plain: idOf('plain.mp4'), avi: idOf('needs-proxy.avi'), aviSha, broken: idOf('moov-only.mp4') };
  await o.core.close();
}, 240_000);

afterAll(() => {
  if (dataDir) removeDir(dataDir);
  if (src) removeDir(src);
});

describe('custodian recordings set', () => {
  it('changes every field given, prints old and new as JSON, and logs one custody entry with both', async () => {
    const r = await cli([
      'recordings', 'set', ids.plain,
      '--officer', 'J. Smith', '--badge', '4411', '--school', 'Central High', '--incident', '26-001234', '--cad', 'CAD-77',
      '--recorded-start', '2026-03-05T14:30:00-05:00', '--location-type', 'school', '--minors-present', 'yes',
      '--use-of-force', 'no', '--arrest', 'yes', '--categories', 'fight, hallway', '--notes', 'Line one\nline two', '--json',
    ]);
    expect(r.stderr).not.toMatch(/custodian: /);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; changed: boolean; old: Record<string, unknown>; new: Record<string, unknown> };
    expect(out).toEqual({
      id: ids.plain,
      changed: true,
      old: { officer: '', badge: '', school: '', incident: '', cad: '', recordedStart: null, locationType: '', minorsPresent: null, arrest: false, categories: [], notes: '' },
      new: {
        officer: 'J. Smith', badge: '4411', school: 'Central High', incident: '26-001234', cad: 'CAD-77', recordedStart: '2026-03-05T19:30:00.000Z',
        locationType: 'school', minorsPresent: true, arrest: true, categories: ['fight', 'hallway'], notes: 'Line one\nline two',
      },
    });
    // useOfForce was already false: not a change, so not in the entry.
    expect('useOfForce' in out.new).toBe(false);

    await withCore(async (o) => {
      const entries = (o.core.custody.forObject(ids.plain) as CustodyEntryInfo[]).filter((e) => e.action === 'metadata-changed');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ username: 'custodian', objectId: ids.plain, details: { old: out.old, new: out.new } });
      const meta = o.core.db.prepare('SELECT officer, school, recorded_start, minors_present, categories FROM recording_meta WHERE item_id = ?').get(ids.plain);
      expect(meta).toEqual({ officer: 'J. Smith', school: 'Central High', recorded_start: '2026-03-05T19:30:00.000Z', minors_present: 1, categories: '["fight","hallway"]' });
      expect(await callOk<{ ok: boolean }>(o, 'custody.verify', {})).toMatchObject({ ok: true });
    });
  });

  it('the same values again change nothing and log nothing; one field changes only that field', async () => {
    const same = await cli(['recordings', 'set', ids.plain, '--officer', 'J. Smith', '--json']);
    expect(same.status).toBe(0);
    expect(JSON.parse(same.stdout)).toEqual({ id: ids.plain, changed: false, old: {}, new: {} });

    const human = await cli(['recordings', 'set', ids.plain, '--notes', '', '--recorded-start', 'none']);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain(`${ids.plain}: changed 2 fields`);
    expect(human.stdout).toContain('notes: "Line one\\nline two" → ""');
    await withCore((o) => {
      const entries = (o.core.custody.forObject(ids.plain) as CustodyEntryInfo[]).filter((e) => e.action === 'metadata-changed');
      expect(entries).toHaveLength(2);
      expect(entries[1]!.details).toEqual({ old: { recordedStart: '2026-03-05T19:30:00.000Z', notes: 'Line one\nline two' }, new: { recordedStart: null, notes: '' } });
    });
  });

  it('refuses bad values and unknown options with exit 2, changing nothing', async () => {
    for (const args of [
      ['--minors-present', 'maybe'],
      ['--location-type', 'gym'],
      ['--recorded-start', '2026-03-05 14:30'],
      ['--offcer', 'typo'],
      [],
    ]) {
      const r = await cli(['recordings', 'set', ids.plain, ...args, '--json']);
      expect(r.status, args.join(' ')).toBe(2);
      expect((JSON.parse(r.stdout) as { ok: boolean; error: { code: string } }).error.code).toBe('BAD_INPUT');
    }
    const missing = await cli(['recordings', 'set', 'REC-20000101-00000000', '--officer', 'X', '--json']);
    expect(missing.status).toBe(3);
    expect((JSON.parse(missing.stdout) as { error: { code: string } }).error.code).toBe('NOT_FOUND');
    await withCore((o) => {
      expect((o.core.custody.forObject(ids.plain) as CustodyEntryInfo[]).filter((e) => e.action === 'metadata-changed')).toHaveLength(2);
    });
  });
});

describe('custodian recordings proxy', () => {
  it('makes the playable copy whose first attempt failed, recorded in custody', async () => {
    const r = await cli(['recordings', 'proxy', ids.avi, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { id: string; jobs: { kind: string; status: string; error: unknown }[] };
    expect(out.id).toBe(ids.avi);
    expect(out.jobs.map((j) => [j.kind, j.status, j.error])).toEqual([['proxy', 'done', null]]);
    await withCore((o) => {
      const row = o.core.db.prepare("SELECT path, sha256 FROM derivatives WHERE item_id = ? AND kind = 'proxy'").get(ids.avi) as { path: string; sha256: string };
      expect(sha(path.join(o.core.paths.derived, row.path))).toBe(row.sha256);
      const actions = (o.core.custody.forObject(ids.avi) as CustodyEntryInfo[]).map((e) => e.action);
      expect(actions.indexOf('proxy-failed')).toBeLessThan(actions.indexOf('derivatives-requested'));
      expect(actions.indexOf('derivatives-requested')).toBeLessThan(actions.indexOf('proxy-made'));
    });

    // Made now: asking again is refused with the reason (exit 3), as is a file nothing decodes from.
    const again = await cli(['recordings', 'proxy', ids.avi]);
    expect(again.status).toBe(3);
    expect(again.stderr).toMatch(/already has its playable copy/);
    const broken = await cli(['recordings', 'proxy', ids.broken]);
    expect(broken.status).toBe(3);
    expect(broken.stderr).toMatch(/could not read video/);
  });
});

describe('custodian ingest and viewing copies', () => {
  it('waits for the thumbnail and playable copy before it exits, and reports them', async () => {
    const dir = tempDir('ingest-cli-copies-');
    try {
      await makeClip(dir, 'second.avi', { container: 'avi', codec: 'mpeg4', seconds: 1, rate: 9 });
      const r = await cli(['ingest', dir, '--json']);
      expect(r.status).toBe(0);
      const out = JSON.parse(r.stdout) as { ingested: { id: string }[]; viewingCopies: { itemId: string; kind: string; status: string }[] };
      expect(out.ingested).toHaveLength(1);
      const id = out.ingested[0]!.id;
      expect(out.viewingCopies.filter((c) => c.itemId === id).map((c) => `${c.kind}:${c.status}`).sort()).toEqual(['proxy:done', 'thumbnail:done']);
      await withCore(async (o) => {
        const d = await callOk<{ hasProxy: boolean; hasThumbnail: boolean }>(o, 'recordings.get', { id });
        expect(d).toMatchObject({ hasProxy: true, hasThumbnail: true });
      });
    } finally {
      removeDir(dir);
    }
  }, 120_000);

  it('--no-viewing-copies commits the evidence and leaves the copies for later', async () => {
    const dir = tempDir('ingest-cli-nocopies-');
    try {
      await makeClip(dir, 'third.avi', { container: 'avi', codec: 'mpeg4', seconds: 1, rate: 7 });
      const r = await cli(['ingest', '--no-viewing-copies', dir]);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/1 ingested, 0 duplicates, 0 refused; 0 of 2 thumbnails and playable copies made\./);
      const id = /ingested {2}(\S+)/.exec(r.stdout)![1]!;
      expect(r.stdout).toContain(`custodian recordings proxy ${id}`);
      await withCore(async (o) => {
        const d = await callOk<{ hasProxy: boolean; hasThumbnail: boolean; playable: boolean }>(o, 'recordings.get', { id });
        expect(d).toMatchObject({ hasProxy: false, hasThumbnail: false, playable: true });
      });
    } finally {
      removeDir(dir);
    }
  }, 120_000);
});
