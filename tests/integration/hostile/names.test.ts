/**
 * ≥ 200 hostile file names (tests/fixtures/hostileNames.ts), each a file with unique bytes,
 * ingested in one batch. Every one is added under its exact original name; none reaches an
 * ffmpeg/ffprobe command line (the only variable words there are store paths the app made);
 * nothing is written outside the data folder; progress text carries no control or
 * bidirectional characters; search by a hostile name does not break.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import { makeClip, makeTempDir } from '../../fixtures/makeClips';
import { hostileNames, makeHostileNameFiles, type NamedFile } from '../../fixtures/hostileNames';
import { diffSnapshots, expectSafeToolCalls, filesUnder, openHostileCore, settleJobs, snapshot, withinMs, type Entry, type HostileCore } from './harness';

/** ~290 files, each copied, fsynced, re-hashed and probed (~0.1–0.25 s apiece, mostly ffprobe start-up). */
const BATCH_BOUND_MS = 150_000;

describe('hostile file names', () => {
  let root: string;
  let namesDir: string;
  let files: NamedFile[];
  let invalid: string[];
  let direct: { given: string; resolved: string; name: string }[];
  let h: HostileCore;
  let result: IngestResult;
  let namesBefore: Map<string, Entry>;
  let dataBefore: Map<string, Entry>;
  let baselineWords: Set<string>;
  let cwdDir: string;
  const originalCwd = process.cwd();
  const progressMessages = new Set<string>();
  const figures: Record<string, number> = {};

  beforeAll(async () => {
    root = await makeTempDir('custodian-names-');
    namesDir = path.join(root, 'names');
    fs.mkdirSync(namesDir);
    ({ files, invalid } = await makeHostileNameFiles(namesDir));
    // Given directly with `..` and `.` components (resolved by ingest, never passed on).
    const directDir = path.join(root, 'direct');
    fs.mkdirSync(path.join(directDir, 'sub'), { recursive: true });
    direct = [];
    for (const [i, name] of ['via-dotdot.mp4', '-i', 'concat:x|y'].entries()) {
      fs.writeFileSync(path.join(directDir, name), `direct ${i}`);
      direct.push({ given: `${directDir}/sub/./../${name}`, resolved: path.join(directDir, name), name });
    }

    // The command-line words a plain name produces: everything a hostile name may produce too.
    const benignDir = path.join(root, 'benign');
    fs.mkdirSync(benignDir);
    await makeClip(benignDir, 'benign.mp4', { seconds: 0.2, width: 32, height: 32, rate: 5 });
    h = await openHostileCore(path.join(root, 'data'), path.join(root, 'work'));
    const b = await h.call('ingest.start', { paths: [path.join(benignDir, 'benign.mp4')] });
    await h.core.jobs.wait(b.jobId);
    await settleJobs(h.core, 60_000);
    baselineWords = new Set(h.toolCalls().flatMap((c) => c.args.filter((a) => !a.startsWith('file:'))));
    for (const f of fs.readdirSync(h.toolLog)) fs.rmSync(path.join(h.toolLog, f));

    namesBefore = snapshot(root);
    dataBefore = snapshot(h.dataDir);
    // ffmpeg writes relative outputs (and -report logs) into its working folder: make it one we watch.
    cwdDir = fs.mkdtempSync(path.join(root, 'cwd-'));
    process.chdir(cwdDir);

    const t0 = Date.now();
    const { jobId } = await h.call('ingest.start', { paths: [namesDir, ...direct.map((d) => d.given)] });
    const poll = setInterval(() => {
      const j = h.core.jobs.get(jobId);
      if (j) progressMessages.add(j.message);
    }, 2);
    try {
      const job = await withinMs(BATCH_BOUND_MS, 'the ingest batch', h.core.jobs.wait(jobId));
      expect(job.status).toBe('done');
      result = job.result as IngestResult;
    } finally {
      clearInterval(poll);
    }
    figures.batchMs = Date.now() - t0;
    await settleJobs(h.core, 120_000);
  }, 400_000);

  afterAll(async () => {
    process.chdir(originalCwd);
    await h?.core.close();
    if (root) fs.rmSync(root, { recursive: true, force: true });
    console.info(`[hostile names] ${JSON.stringify(figures)}`);
  });

  it('has at least 200 distinct names across every category', () => {
    expect(files.length).toBeGreaterThanOrEqual(200);
    expect(new Set(files.map((f) => f.category)).size).toBe(10);
    expect(new Set(files.map((f) => Buffer.from(f.name).toString('hex'))).size).toBe(files.length);
    figures.names = files.length;
    figures.clips = files.filter((f) => f.clip).length;
  });

  it('adds every file under its exact original name (no duplicates: every file has its own bytes)', () => {
    const byPath = new Map(result.ingested.map((i) => [i.path, i]));
    const missing: string[] = [];
    for (const f of files) {
      const item = byPath.get(f.path);
      if (!item) {
        missing.push(JSON.stringify(f.name));
        continue;
      }
      expect(Buffer.from(item.originalName).equals(Buffer.from(f.name)), JSON.stringify(f.name)).toBe(true);
      const row = h.core.db.prepare('SELECT original_name, source_path FROM items WHERE id = ?').get(item.id) as { original_name: string; source_path: string };
      expect(Buffer.from(row.original_name).equals(Buffer.from(f.name)), JSON.stringify(f.name)).toBe(true);
      expect(row.source_path).toBe(f.path);
      expect(item.playable, JSON.stringify(f.name)).toBe(f.clip);
    }
    expect(missing).toEqual([]);
    for (const d of direct) {
      const item = byPath.get(d.resolved);
      expect(item?.originalName, d.given).toBe(d.name);
    }
    expect(result.duplicates).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.ingested.length).toBe(files.length + direct.length);
    figures.ingested = result.ingested.length;
    figures.duplicates = result.duplicates.length;
  });

  it('refuses only the names that are not valid text, with a reason', () => {
    expect(result.rejected.map((r) => r.path).sort()).toEqual([...invalid].sort());
    for (const r of result.rejected) {
      expect(r.code).toBe('NOT_FOUND');
      expect(r.message).toMatch(/not valid text/);
    }
    figures.refused = result.rejected.length;
  });

  it('writes every name into the custody log exactly', () => {
    const entries = h.core.db.prepare("SELECT object_id, details FROM custody_log WHERE action = 'ingest'").all() as { object_id: string; details: string }[];
    const nameById = new Map(entries.map((e) => [e.object_id, (JSON.parse(e.details) as { originalName: string }).originalName]));
    for (const item of result.ingested) expect(nameById.get(item.id), JSON.stringify(item.originalName)).toBe(item.originalName);
  });

  it('no name reached a command line: the only words that vary are store paths the app made', () => {
    const calls = h.toolCalls();
    figures.ffprobeRuns = calls.filter((c) => c.tool === 'ffprobe').length;
    figures.ffmpegRuns = calls.filter((c) => c.tool === 'ffmpeg').length;
    expect(figures.ffprobeRuns).toBe(files.length + direct.length);
    expectSafeToolCalls(calls, h.core.paths.root, [namesDir, root + path.sep + 'direct']);
    const storePath = new RegExp(
      `^file:${escapeRe(h.core.paths.root)}/(staging/[0-9a-f-]{36}\\.part|objects/[0-9a-f]{2}/[0-9a-f]{2}/[0-9a-f]{64}|derived/[0-9a-f]{2}/[0-9a-f]{64}\\.(thumb\\.jpg|proxy\\.mp4)(\\.part)?)$`,
    );
    const strays = new Set<string>();
    for (const c of calls) {
      for (const a of c.args) {
        if (a.startsWith('file:')) expect(a).toMatch(storePath);
        else if (!baselineWords.has(a) && !/^\d+(\.\d+)?$/.test(a)) strays.add(a);
      }
    }
    expect([...strays]).toEqual([]);
  });

  it('wrote nothing outside the data folder, and inside it only objects/, derived/ and the database', () => {
    expect(fs.readdirSync(cwdDir)).toEqual([]);
    const src = diffSnapshots(namesBefore, snapshot(root));
    const outsideData = (k: string) => !k.startsWith('data/') && k !== 'data' && !k.startsWith('work/') && !k.startsWith(path.basename(cwdDir));
    expect({ added: src.added.filter(outsideData), removed: src.removed.filter(outsideData), changed: src.changed.filter(outsideData) }).toEqual({ added: [], removed: [], changed: [] });

    const d = diffSnapshots(dataBefore, snapshot(h.dataDir));
    const allowed = (k: string) => /^(objects|derived)(\/|$)/.test(k) || /^custodian\.sqlite(-wal|-shm)?$/.test(k) || k === 'keys/checkpoint-anchor.txt';
    expect([...d.added, ...d.removed, ...d.changed].filter((k) => !allowed(k))).toEqual([]);
    expect(filesUnder(h.core.paths.staging)).toEqual([]);
    expect(filesUnder(h.core.paths.quarantine)).toEqual([]);
    expect(filesUnder(h.core.paths.exports)).toEqual([]);
    expect(filesUnder(root).filter((f) => /^(pwned|out\.mp4|ffmpeg-\d{8}-\d{6}\.log)$/.test(path.basename(f)))).toEqual([]);
  });

  it('progress text never carried a control or bidirectional-override character from a name', () => {
    expect(progressMessages.size).toBeGreaterThan(1);
    for (const m of progressMessages) expect([...m].filter(isControlOrBidi), JSON.stringify(m)).toEqual([]);
  });

  it('searching the library for any hostile name is answered, never an error; names in every script are found', async () => {
    const notFound: string[] = [];
    for (const f of files) {
      const r = await h.call('recordings.query', { text: f.name.slice(0, 500), limit: 500 });
      if (!r.rows.some((x) => x.originalName === f.name)) notFound.push(f.name);
    }
    const script = files.filter((f) => f.category === 'script').map((f) => f.name);
    expect(notFound.filter((n) => script.includes(n))).toEqual([]);
    figures.searchable = files.length - notFound.length;
    figures.notFoundByOwnName = notFound.length;
  });

  // The query and the index are both in NFKC, so a name in compatibility characters (fullwidth,
  // mathematical letters, ligatures) is found by typing it exactly, and by its plain letters.
  it('a name in compatibility characters is found by its own text', async () => {
    for (const name of ['\u{1d400}\u{1d401}.mp4', '\ufb01le.mp4', '\uff46\uff49\uff4c\uff45\uff0e\uff4d\uff50\uff14']) {
      const r = await h.call('recordings.query', { text: name, limit: 500 });
      expect(r.rows.map((x) => x.originalName), JSON.stringify(name)).toContain(name);
    }
    const plain = await h.call('recordings.query', { text: 'file', limit: 500 });
    expect(plain.rows.map((x) => x.originalName)).toContain('\ufb01le.mp4');
  });

  // A stand-alone '-' or '--' holds nothing the tokenizer indexes; as an AND term it would empty
  // the result, so the query drops it ("touch - pwned" finds what "touch pwned" finds).
  it('a stand-alone hyphen in the search text does not empty the result', async () => {
    expect((await h.call('recordings.query', { text: 'touch pwned', limit: 500 })).rows.length).toBeGreaterThan(0);
    const r = await h.call('recordings.query', { text: 'touch - pwned', limit: 500 });
    expect(r.rows.map((x) => x.originalName)).toContain('; touch pwned');
  });

  it('custody chain verifies and fixity is clean', async () => {
    expect((await h.call('custody.verify', {})).ok).toBe(true);
    const fx = await h.call('custody.fixity', {});
    expect(fx).toMatchObject({ ok: true, mismatched: [], missing: [] });
    expect(fx.checked).toBe(result.ingested.length + 1);
  });

  it('refuses a name given as a relative path before anything runs', async () => {
    for (const p of ['-y', 'concat:a|b', '../x.mp4', 'file:x.mp4']) {
      const r = await h.core.call({ method: 'ingest.start', input: { paths: [p] }, session: h.token }, { host: 'test' });
      expect(r.ok, p).toBe(false);
      if (!r.ok) expect(r.error.code).toBe('BAD_INPUT');
    }
  });

  it('the name list itself is stable and valid', () => {
    const names = hostileNames();
    for (const n of names) {
      expect(n.name.includes('/')).toBe(false);
      expect(Buffer.byteLength(n.name)).toBeLessThanOrEqual(255);
    }
    expect(names.some((n) => Buffer.byteLength(n.name) === 255)).toBe(true);
  });
});

/** C0/C1 controls, DEL, and the marks and overrides that reorder text on screen. */
function isControlOrBidi(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  return c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
