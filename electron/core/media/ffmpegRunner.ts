import { spawn } from 'node:child_process';
import path from 'node:path';
import { CustodianError } from '../../../shared/errors';
import { ProgressBlockSplitter, parseProgressBlock, toMediaProgress, type MediaProgress } from './progressParser';
import { formatCommandLine } from './safeArgs';

/**
 * Runs ffmpeg or ffprobe: no shell, an argument array, no stdin, a timeout, cancel by
 * AbortSignal, bounded memory for what the tool prints. Every running process is registered
 * so the app can stop them all when it closes.
 */

export interface RunToolOptions {
  signal?: AbortSignal;
  /** No limit when absent. */
  timeoutMs?: number;
  /**
   * Progress callback. For ffmpeg the runner adds `-progress pipe:1 -nostats` and parses the
   * blocks from stdout. Not for ffprobe, which has no such option.
   */
  onProgress?: (p: MediaProgress) => void;
  /** Input duration, so progress can carry a fraction. */
  durationSec?: number;
  cwd?: string;
  /** Keep stdout (e.g. ffprobe's JSON). */
  collectStdout?: boolean;
  /**
   * Stream stdout (raw frames, samples) to a consumer that keeps nothing: memory stays flat. A
   * consumer that returns a promise (it is busy) pauses the pipe, and so ffmpeg, until it settles.
   */
  onStdout?: (chunk: Buffer) => void | Promise<unknown>;
  /** Every chunk of stderr as it comes (e.g. per-frame log lines); the tail is still kept for errors. */
  onStderr?: (chunk: Buffer) => void;
}

export interface RunToolResult {
  stdout: string;
  stderr: string;
  commandLine: string;
}

/** Each running process's controller, by run id; `cancelAllMedia()` aborts them all. */
export const runningJobs = new Map<string, AbortController>();
const exits = new Map<string, Promise<void>>();
let nextId = 1;

const STDERR_KEEP_BYTES = 64 * 1024;
const STDERR_TAIL_LINES = 40;
const STDOUT_MAX_BYTES = 32 * 1024 * 1024;
/** Time between SIGTERM (ffmpeg closes its outputs) and SIGKILL. */
const KILL_GRACE_MS = 2_000;

/** Keeps the last `limit` bytes of a stream. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  truncated = false;
  constructor(private readonly limit: number) {}
  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.size > this.limit && this.chunks.length > 1) {
      const first = this.chunks.shift();
      if (first) this.size -= first.length;
      this.truncated = true;
    }
    if (this.size > this.limit && this.chunks.length === 1) {
      const only = this.chunks[0];
      if (only) {
        this.chunks[0] = only.subarray(only.length - this.limit);
        this.size = this.limit;
        this.truncated = true;
      }
    }
  }
  toString(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

export function lastLines(text: string, count: number): string {
  const lines = text.split(/\r?\n|\r/).filter((l) => l.trim() !== '');
  return lines.slice(-count).join('\n');
}

function toolLabel(binary: string): string {
  const base = path.basename(binary).toLowerCase();
  return base.startsWith('ffprobe') ? 'ffprobe' : base.startsWith('ffmpeg') ? 'ffmpeg' : base;
}

type Ending =
  | { kind: 'exit'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'spawn-error'; error: NodeJS.ErrnoException };

export function runTool(binary: string, args: string[], opts: RunToolOptions = {}): Promise<RunToolResult> {
  const tool = toolLabel(binary);
  const fullArgs =
    opts.onProgress && tool === 'ffmpeg' && !args.includes('-progress')
      ? ['-progress', 'pipe:1', '-nostats', ...args]
      : [...args];
  const commandLine = formatCommandLine(binary, fullArgs);

  if (opts.signal?.aborted) {
    return Promise.reject(cancelledError(tool, commandLine));
  }

  const id = `media-${nextId++}`;
  const controller = new AbortController();
  runningJobs.set(id, controller);
  let markExited: () => void = () => undefined;
  exits.set(
    id,
    new Promise<void>((resolve) => {
      markExited = resolve;
    }),
  );

  return new Promise<RunToolResult>((resolve, reject) => {
    const wantStdout = opts.collectStdout === true || opts.onProgress !== undefined || opts.onStdout !== undefined;
    const child = spawn(binary, fullArgs, {
      shell: false,
      stdio: ['ignore', wantStdout ? 'pipe' : 'ignore', 'pipe'],
      windowsHide: true,
      cwd: opts.cwd,
    });

    const stderr = new TailBuffer(STDERR_KEEP_BYTES);
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    let stdoutOverflow = false;
    const splitter = new ProgressBlockSplitter();
    let stopReason: 'cancelled' | 'timeout' | 'stdout-overflow' | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;
    let settled = false;

    const stop = (reason: NonNullable<typeof stopReason>): void => {
      if (stopReason !== undefined) return;
      stopReason = reason;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
      killTimer.unref();
    };

    const onExternalAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onExternalAbort, { once: true });
    controller.signal.addEventListener('abort', () => stop('cancelled'), { once: true });

    if (opts.timeoutMs !== undefined && opts.timeoutMs > 0) {
      timeoutTimer = setTimeout(() => stop('timeout'), opts.timeoutMs);
    }

    child.stderr?.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (opts.onStderr) consume(opts.onStderr, chunk);
    });
    const consume = (fn: (c: Buffer) => void | Promise<unknown>, chunk: Buffer): void => {
      try {
        const busy = fn(chunk);
        if (busy instanceof Promise) {
          child.stdout?.pause();
          busy.then(
            () => child.stdout?.resume(),
            (err: unknown) => {
              consumerError ??= err;
              stop('cancelled');
              child.stdout?.resume();
            },
          );
        }
      } catch (err) {
        consumerError ??= err;
        stop('cancelled');
      }
    };
    let consumerError: unknown;
    child.stdout?.on('data', (chunk: Buffer) => {
      if (opts.onStdout) consume(opts.onStdout, chunk);
      if (opts.collectStdout) {
        stdoutBytes += chunk.length;
        if (stdoutBytes > STDOUT_MAX_BYTES) {
          stdoutOverflow = true;
          stop('stdout-overflow');
        } else {
          stdoutChunks.push(chunk);
        }
      }
      if (opts.onProgress) {
        for (const block of splitter.push(chunk.toString('utf8'))) {
          try {
            opts.onProgress(toMediaProgress(parseProgressBlock(block), opts.durationSec));
          } catch {
            // A failing progress listener must not take the encode down with it.
          }
        }
      }
    });

    const finish = (ending: Ending): void => {
      if (settled) return;
      settled = true;
      if (timeoutTimer) clearTimeout(timeoutTimer);
      if (killTimer) clearTimeout(killTimer);
      opts.signal?.removeEventListener('abort', onExternalAbort);
      runningJobs.delete(id);
      exits.delete(id);
      markExited();

      const stderrText = stderr.toString();
      const tail = lastLines(stderrText, STDERR_TAIL_LINES);
      if (ending.kind === 'spawn-error') {
        const code = ending.error.code;
        reject(
          new CustodianError(
            'MEDIA_TOOL_MISSING',
            `Custodian could not start the ${tool} program it uses for video. Reinstall Custodian or ask your technician to check its location.`,
            { tool, binary, commandLine, cause: ending.error.message, errno: code },
          ),
        );
        return;
      }
      if (consumerError !== undefined) {
        reject(consumerError);
        return;
      }
      if (stopReason === 'cancelled') {
        reject(cancelledError(tool, commandLine));
        return;
      }
      if (stopReason === 'timeout') {
        reject(
          new CustodianError(
            'MEDIA_TIMEOUT',
            `The ${tool} step took longer than ${formatDuration(opts.timeoutMs ?? 0)} and was stopped. ` +
              'The file may be damaged or unusually large; nothing was changed.',
            { tool, commandLine, timeoutMs: opts.timeoutMs, stderrTail: tail },
          ),
        );
        return;
      }
      if (stdoutOverflow) {
        reject(
          new CustodianError('MEDIA_TOOL_FAILED', `The ${tool} program produced far more output than expected and was stopped.`, {
            tool,
            commandLine,
            stdoutLimitBytes: STDOUT_MAX_BYTES,
            stderrTail: tail,
          }),
        );
        return;
      }
      if (ending.code !== 0 && /No space left on device|Disk quota exceeded/i.test(tail)) {
        // The disk, not the recording, is at fault: say so, in the same words as ingest.
        reject(
          new CustodianError('DISK_FULL', 'The evidence disk is full, so this copy could not be made. Nothing was kept; free some space and try again.', {
            tool,
            commandLine,
            exitCode: ending.code,
            stderrTail: tail,
          }),
        );
        return;
      }
      if (ending.code !== 0) {
        reject(
          new CustodianError('MEDIA_TOOL_FAILED', `The ${tool} program could not finish this step with this file.`, {
            tool,
            commandLine,
            exitCode: ending.code,
            signal: ending.signal,
            stderrTail: tail,
          }),
        );
        return;
      }
      resolve({ stdout: Buffer.concat(stdoutChunks).toString('utf8'), stderr: stderrText, commandLine });
    };

    child.once('error', (error: NodeJS.ErrnoException) => {
      // 'error' without a spawned process (ENOENT, EACCES) never gets an 'exit'.
      if (child.pid === undefined) finish({ kind: 'spawn-error', error });
    });
    child.once('close', (code, signal) => finish({ kind: 'exit', code, signal }));
  });
}

function cancelledError(tool: string, commandLine: string): CustodianError {
  return new CustodianError('CANCELLED', `The ${tool} step was cancelled.`, { tool, commandLine });
}

function formatDuration(ms: number): string {
  if (ms < 1000) return 'a second';
  const s = Math.round(ms / 1000);
  return s >= 120 ? `${Math.round(s / 60)} minutes` : `${s} seconds`;
}

/**
 * Cancels every running ffmpeg/ffprobe process (app shutdown). Resolves once they have all
 * exited, so no child outlives the app and no partial file is still open.
 */
export async function cancelAllMedia(): Promise<void> {
  const pending = [...exits.values()];
  for (const controller of runningJobs.values()) controller.abort();
  await Promise.all(pending);
}
