/**
 * Shared pieces of the hostile-input suites: a real core whose ffmpeg and ffprobe are thin
 * wrappers that record every argument vector (then exec the real binary), checks on those
 * vectors, file-tree snapshots, and bounded waits.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { openCore, type Core } from '../../../electron/core/openCore';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import { locateFfmpeg, locateFfprobe } from '../../../electron/core/media/locateTools';
import { INPUT_FORMAT_WHITELIST, INPUT_MAX_PIXELS, INPUT_PROTOCOL_WHITELIST } from '../../../electron/core/media/safeArgs';
import { hashFile } from '../../../electron/core/store/hashFile';
import type { Input, JobInfo, Method, Output } from '../../../shared/contract';
import { ADMIN_PASSWORD } from '../../helpers/testCore';

export interface ToolCall {
  tool: 'ffmpeg' | 'ffprobe';
  args: string[];
}

export interface HostileCore {
  core: Core;
  dataDir: string;
  token: string;
  toolLog: string;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  toolCalls(): ToolCall[];
}

/** A wrapper that writes its arguments NUL-separated to a fresh file, then becomes the real tool. */
function writeWrapper(binDir: string, tool: 'ffmpeg' | 'ffprobe', real: string, logDir: string): string {
  const p = path.join(binDir, tool);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  fs.writeFileSync(
    p,
    ['#!/bin/sh', `f=$(mktemp ${q(path.join(logDir, `${tool}-XXXXXXXX`))})`, `for a in "$@"; do printf '%s\\000' "$a"; done > "$f"`, `exec ${q(real)} "$@"`, ''].join('\n'),
    { mode: 0o755 },
  );
  return p;
}

/** A set-up core (administrator + custodian) with recording wrappers around the video tools. */
export async function openHostileCore(dataDir: string, workDir: string): Promise<HostileCore> {
  const binDir = path.join(workDir, 'bin');
  const toolLog = path.join(workDir, 'tool-calls');
  fs.mkdirSync(binDir, { recursive: true });
  fs.mkdirSync(toolLog, { recursive: true });
  const ffprobePath = writeWrapper(binDir, 'ffprobe', locateFfprobe(), toolLog);
  const ffmpegPath = writeWrapper(binDir, 'ffmpeg', locateFfmpeg(), toolLog);
  const core = await openCore({ dataDir, ffprobePath, ffmpegPath, backgroundTasks: false });
  const h: HostileCore = {
    core,
    dataDir,
    token: '',
    toolLog,
    async call(method, input) {
      const r = await core.call({ method, input, session: h.token }, { host: 'test' });
      if (!r.ok) throw Object.assign(new Error(`${r.error.code}: ${r.error.message}`), { code: r.error.code });
      return r.value as Output<typeof method>;
    },
    toolCalls: () => readToolCalls(toolLog),
  };
  const s = await h.call('setup.run', { agencyName: 'Test Police Department', agencyAddress: '1 Main St', username: 'admin', displayName: 'Ada Admin', password: ADMIN_PASSWORD });
  h.token = s.token;
  return h;
}

export function readToolCalls(logDir: string): ToolCall[] {
  return fs
    .readdirSync(logDir)
    .sort()
    .map((f) => {
      const raw = fs.readFileSync(path.join(logDir, f), 'utf8');
      const args = raw.split('\0');
      args.pop();
      return { tool: f.startsWith('ffprobe') ? 'ffprobe' : 'ffmpeg', args } as ToolCall;
    });
}

/**
 * Every input is `-max_pixels 67108864 -format_whitelist … -protocol_whitelist file -i file:<inside the data folder>`,
 * every `file:` word names a path inside the data folder, and no word carries `forbidden` text
 * (the hostile names, the source folder).
 */
export function expectSafeToolCalls(calls: ToolCall[], dataRoot: string, forbidden: string[]): void {
  const inside = `file:${dataRoot}${path.sep}`;
  for (const c of calls) {
    if (c.args.includes('-version')) continue;
    const where = `${c.tool} ${JSON.stringify(c.args)}`;
    const inputs = c.args.flatMap((a, i) => (a === '-i' ? [i] : []));
    expect(inputs.length, where).toBeGreaterThan(0);
    for (const i of inputs) {
      expect(c.args[i - 2], where).toBe('-protocol_whitelist');
      expect(c.args[i - 1], where).toBe(INPUT_PROTOCOL_WHITELIST);
      expect(c.args[i - 4], where).toBe('-format_whitelist');
      expect(c.args[i - 3], where).toBe(INPUT_FORMAT_WHITELIST);
      expect(c.args[i - 6], where).toBe('-max_pixels');
      expect(c.args[i - 5], where).toBe(INPUT_MAX_PIXELS);
      expect(c.args[i + 1]!.startsWith(inside), where).toBe(true);
    }
    for (const a of c.args) {
      if (a.startsWith('file:')) expect(a.startsWith(inside), where).toBe(true);
      for (const f of forbidden) expect(a.includes(f), `${where} carries ${JSON.stringify(f)}`).toBe(false);
    }
    // Output words (ffmpeg) are the last argument: always a file: path the app chose, or, for
    // the ingest decode check, frame checksums written to the app's own pipe.
    if (c.tool === 'ffmpeg') {
      const last = c.args[c.args.length - 1]!;
      const decodeCheck = last === 'pipe:1' && c.args[c.args.length - 2] === 'framecrc' && c.args[c.args.length - 3] === '-f';
      expect(last.startsWith(inside) || decodeCheck, where).toBe(true);
    }
  }
}

export interface Entry {
  kind: 'file' | 'dir' | 'link' | 'other';
  size: number;
  mtimeMs: number;
  mode: number;
  sha256?: string;
}

/**
 * Every entry under `dir` (not following links), with content hashes for small regular files.
 * Names are read as bytes, so names that are not valid UTF-8 are listed too (keyed in hex).
 */
export function snapshot(dir: string, hashUpTo = 64 * 1024 * 1024): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (d: Buffer, rel: string) => {
    const names = fs.readdirSync(d, { encoding: 'buffer' }).sort(Buffer.compare);
    for (const raw of names) {
      const abs = Buffer.concat([d, Buffer.from(path.sep), raw]);
      const text = raw.toString('utf8');
      const name = Buffer.from(text).equals(raw) ? text : `hex:${raw.toString('hex')}`;
      const r = rel ? `${rel}/${name}` : name;
      const st = fs.lstatSync(abs);
      const kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : 'other';
      const e: Entry = { kind, size: st.size, mtimeMs: st.mtimeMs, mode: st.mode };
      if (kind === 'file' && st.size <= hashUpTo && st.mode & 0o444) e.sha256 = sha256Of(abs);
      out.set(r, e);
      if (kind === 'dir') walk(abs, r);
    }
  };
  walk(Buffer.from(dir), '');
  return out;
}

function sha256Of(p: Buffer): string {
  return createHash('sha256').update(fs.readFileSync(p)).digest('hex');
}

/** Paths added, removed or changed between two snapshots. */
export function diffSnapshots(before: Map<string, Entry>, after: Map<string, Entry>): { added: string[]; removed: string[]; changed: string[] } {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => {
    const a = before.get(k);
    const b = after.get(k);
    return a && b && (a.kind !== b.kind || a.size !== b.size || a.mode !== b.mode || a.sha256 !== b.sha256 || (a.kind === 'file' && a.mtimeMs !== b.mtimeMs));
  });
  return { added, removed, changed };
}

export async function withinMs<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts a batch and waits for it; the job itself must not fail. */
export async function ingestAll(h: HostileCore, paths: string[], boundMs: number): Promise<{ result: IngestResult; ms: number }> {
  const t0 = Date.now();
  const { jobId } = await h.call('ingest.start', { paths });
  const job = await withinMs(boundMs, 'the ingest batch', h.core.jobs.wait(jobId));
  expect(job.status, JSON.stringify(job.error)).toBe('done');
  return { result: job.result as IngestResult, ms: Date.now() - t0 };
}

/** Waits until no job is running (derivatives are queued by the batch). */
export async function settleJobs(core: Core, boundMs: number): Promise<JobInfo[]> {
  const until = Date.now() + boundMs;
  for (;;) {
    const running = core.jobs.list().filter((j) => j.status === 'running');
    if (running.length === 0) return core.jobs.list();
    if (Date.now() > until) throw new Error(`jobs still running after ${boundMs} ms: ${running.map((j) => j.title).join(', ')}`);
    await withinMs(Math.max(1, until - Date.now()), 'background jobs', Promise.all(running.map((j) => core.jobs.wait(j.id))));
  }
}

export async function objectSha(core: Core, sha256: string): Promise<{ sha256: string; size: number }> {
  return hashFile(path.join(core.paths.objects, sha256.slice(0, 2), sha256.slice(2, 4), sha256));
}

/** A message fit for a records custodian: words, no stack trace, no internal path. */
export function expectCustodianMessage(message: string, dataRoot: string): void {
  expect(message.length).toBeGreaterThan(10);
  expect(message.length).toBeLessThan(600);
  expect(message).not.toMatch(/\n\s+at |Error:|undefined|\[object /);
  expect(message.includes(dataRoot)).toBe(false);
  expect(message).not.toMatch(/\.part\b/);
}

export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return [...snapshot(dir, 0).entries()].filter(([, e]) => e.kind !== 'dir').map(([k]) => k);
}
