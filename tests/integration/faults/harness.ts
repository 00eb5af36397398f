/**
 * Fault-injection harness: run part of the core in a child process, SIGKILL it at a random
 * moment, reopen the data folder and check that nothing was lost or left half-done. Written
 * for ingest; rendering and export reuse it with their own child scripts and audits.
 *
 * Children are TypeScript run by plain node with a tiny transpile-only loader
 * (tsRegister.cjs): one process, so SIGKILL reaches the process doing the work.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../../../electron/core/core';
import { objectPath } from '../../../electron/core/store/objectPaths';

export const FAULTS_DIR = path.resolve(__dirname);
export const TS_REGISTER = path.join(FAULTS_DIR, 'tsRegister.cjs');

/** Rounds for a kill test: `KILL_ROUNDS` from the environment, else the given default. */
export function killRounds(defaultRounds: number): number {
  const n = Number(process.env.KILL_ROUNDS);
  return Number.isInteger(n) && n > 0 ? n : defaultRounds;
}

/** A small seeded PRNG (mulberry32), so a failing round can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed for this run: `KILL_SEED` to replay, else the clock. */
export function runSeed(): number {
  const s = Number(process.env.KILL_SEED);
  return Number.isInteger(s) ? s : Date.now() % 2 ** 31;
}

/** A sparse file of `size` bytes with `marker` written in the middle, so each has its own hash. */
export function makeSparseFile(file: string, size: number, marker: string): string {
  const fd = fs.openSync(file, 'w');
  try {
    fs.ftruncateSync(fd, size);
    fs.writeSync(fd, marker, Math.floor(size / 2));
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

export interface ChildRun {
  child: ChildProcess;
  /** Resolves with the first stdout line matching, or rejects when the child exits first. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
  killHard(): void;
}

/**
 * Starts a TypeScript child script with plain node and the transpile-only loader, in its own
 * process group, so `killHard` takes its ffmpeg children down with it as a power cut would
 * (a lone SIGKILL to node would leave them running and writing into the data folder).
 */
export function spawnTsChild(script: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildRun {
  const child = spawn(process.execPath, ['-r', TS_REGISTER, script, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
    detached: process.platform !== 'win32',
  });
  let out = '';
  let err = '';
  const listeners: ((line: string) => void)[] = [];
  let pending = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString('utf8');
    pending += c.toString('utf8');
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      for (const l of [...listeners]) l(line);
    }
  });
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    child,
    exited,
    stdout: () => out,
    stderr: () => err,
    killHard: () => {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        if (process.platform === 'win32') child.kill('SIGKILL');
        else process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    },
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`child did not print ${pattern} within ${timeoutMs} ms\n${err}`)), timeoutMs);
        const onLine = (line: string) => pattern.test(line) && done(null, line);
        const onExit = () => done(new Error(`child exited before printing ${pattern}\nstdout:\n${out}\nstderr:\n${err}`));
        const done = (e: Error | null, line?: string) => {
          clearTimeout(timer);
          const i = listeners.indexOf(onLine);
          if (i >= 0) listeners.splice(i, 1);
          child.off('exit', onExit);
          if (e) reject(e);
          else resolve(line!);
        };
        listeners.push(onLine);
        child.once('exit', onExit);
      });
    },
  };
}

export interface KillOutcome {
  /** True when the SIGKILL landed before the child finished on its own. */
  killed: boolean;
  killAfterMs: number;
  /** From the ready line to the child's exit. */
  ranMs: number;
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a child until it prints `readyPattern`, then SIGKILLs it `killAfterMs` later (if it
 * is still running). A child that fails on its own (non-zero exit without the kill) throws.
 */
export async function runAndKill(script: string, args: string[], opts: { readyPattern: RegExp; killAfterMs: number; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<KillOutcome> {
  const run = spawnTsChild(script, args, opts.env);
  try {
    await run.waitForLine(opts.readyPattern, opts.timeoutMs);
  } catch (err) {
    run.killHard();
    throw err;
  }
  const readyAt = Date.now();
  const timer = setTimeout(() => run.killHard(), opts.killAfterMs);
  const { code, signal } = await run.exited;
  const ranMs = Date.now() - readyAt;
  clearTimeout(timer);
  const killed = signal === 'SIGKILL';
  if (!killed && code !== 0) throw new Error(`child failed on its own (exit ${code})\nstdout:\n${run.stdout()}\nstderr:\n${run.stderr()}`);
  return { killed, killAfterMs: opts.killAfterMs, ranMs, code, signal, stdout: run.stdout(), stderr: run.stderr() };
}

/** Every file under `dir`, absolute. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out.sort();
}

function sha256File(p: string): string {
  const h = createHash('sha256');
  const fd = fs.openSync(p, 'r');
  try {
    const buf = Buffer.allocUnsafe(8 * 1024 * 1024);
    let n: number;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return h.digest('hex');
}

export interface StoreAudit {
  /** Committed items whose object is missing or does not hash to its SHA-256. */
  itemsWithoutFile: string[];
  /** Files in objects/ that no committed item owns. */
  objectsWithoutItem: string[];
  /** Rows still `staged` (reconciliation must have settled them). */
  stagedRows: string[];
  /** Files left in staging/ and derived .part files. */
  leftovers: string[];
  /** Derivative rows whose file is missing or does not match its recorded hash. */
  badDerivatives: string[];
  quarantined: string[];
  quickCheck: string;
}

/** Looks at the store directly (not through the code under test). */
export function auditStore(core: Core): StoreAudit {
  const items = core.db.prepare('SELECT id, sha256, state FROM items').all() as { id: string; sha256: string; state: string }[];
  const committed = items.filter((i) => i.state === 'committed');
  const owned = new Set(committed.map((i) => objectPath(core.paths.objects, i.sha256)));
  const derivatives = core.db.prepare('SELECT item_id, kind, path, sha256 FROM derivatives').all() as { item_id: string; kind: string; path: string; sha256: string }[];
  return {
    itemsWithoutFile: committed.filter((i) => {
      const p = objectPath(core.paths.objects, i.sha256);
      return !fs.existsSync(p) || sha256File(p) !== i.sha256;
    }).map((i) => i.id),
    objectsWithoutItem: listFiles(core.paths.objects).filter((f) => !owned.has(f)),
    stagedRows: items.filter((i) => i.state === 'staged').map((i) => i.id),
    leftovers: [...listFiles(core.paths.staging), ...listFiles(core.paths.derived).filter((f) => f.endsWith('.part'))],
    badDerivatives: derivatives.filter((d) => {
      const p = path.join(core.paths.derived, d.path);
      return !fs.existsSync(p) || sha256File(p) !== d.sha256;
    }).map((d) => `${d.item_id}:${d.kind}`),
    quarantined: listFiles(core.paths.quarantine),
    quickCheck: String(core.db.pragma('quick_check', { simple: true })),
  };
}
