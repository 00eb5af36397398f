/**
 * Parses the key=value blocks ffmpeg writes with `-progress pipe:1`. Each block ends with a
 * `progress=continue` or `progress=end` line. Pure, so the tests can feed it real ffmpeg output.
 */

export interface ProgressBlock {
  /** Position reached in the output, in seconds; absent while ffmpeg reports N/A or a negative time. */
  outTimeSec?: number;
  /** Encoding speed as a multiple of real time (`speed=2.5x`). */
  speed?: number;
  frame?: number;
  /** `end` on the final block. */
  state?: 'continue' | 'end';
}

export interface MediaProgress {
  outTimeSec: number;
  speed?: number;
  /** 0..1, only when the input's duration is known. */
  fraction?: number;
}

function parseKeyValues(text: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    // Later keys win: a block is one snapshot, a repeated key would be the newer value.
    values.set(line.slice(0, eq).trim(), line.slice(eq + 1).trim());
  }
  return values;
}

function microsToSec(value: string | undefined): number | undefined {
  if (value === undefined || !/^-?\d+$/.test(value)) return undefined;
  const us = Number(value);
  // Before the first packet ffmpeg prints INT64_MIN-derived negatives; they mean "unknown".
  if (!Number.isFinite(us) || us < 0) return undefined;
  return us / 1_000_000;
}

/** `HH:MM:SS.micro`; older ffmpeg prints `-577014:32:22.775808` before the first packet. */
function clockToSec(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value);
  if (!m) return undefined;
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

export function parseProgressBlock(text: string): ProgressBlock {
  const kv = parseKeyValues(text);
  const block: ProgressBlock = {};

  // ffmpeg quirk: out_time_ms has always carried microseconds, not milliseconds, and is kept
  // that way for compatibility. Prefer out_time_us (added later, same value) when present.
  const outTimeSec =
    microsToSec(kv.get('out_time_us')) ?? microsToSec(kv.get('out_time_ms')) ?? clockToSec(kv.get('out_time'));
  if (outTimeSec !== undefined) block.outTimeSec = outTimeSec;

  const speedMatch = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?)x$/i.exec(kv.get('speed') ?? '');
  if (speedMatch) block.speed = Number(speedMatch[1]);

  const frame = kv.get('frame');
  if (frame !== undefined && /^\d+$/.test(frame)) block.frame = Number(frame);

  const state = kv.get('progress');
  if (state === 'continue' || state === 'end') block.state = state;
  return block;
}

/** Turns a parsed block into what the UI shows; `durationSec` is the input's duration if known. */
export function toMediaProgress(block: ProgressBlock, durationSec?: number): MediaProgress {
  const outTimeSec = block.outTimeSec ?? 0;
  const progress: MediaProgress = { outTimeSec };
  if (block.speed !== undefined) progress.speed = block.speed;
  if (block.state === 'end') {
    progress.fraction = 1;
  } else if (durationSec !== undefined && Number.isFinite(durationSec) && durationSec > 0) {
    progress.fraction = Math.min(1, Math.max(0, outTimeSec / durationSec));
  }
  return progress;
}

/**
 * Splits a stdout stream into complete progress blocks. Feed it chunks; it returns the blocks
 * that finished in this chunk and keeps the unfinished tail.
 */
export class ProgressBlockSplitter {
  private pending = '';
  private static readonly MAX_PENDING = 64 * 1024;

  push(chunk: string): string[] {
    this.pending += chunk;
    const blocks: string[] = [];
    const terminator = /^progress=(?:continue|end)[ \t]*\r?$/m;
    for (;;) {
      const m = terminator.exec(this.pending);
      if (!m) break;
      const end = m.index + m[0].length;
      blocks.push(this.pending.slice(0, end));
      this.pending = this.pending.slice(end).replace(/^\r?\n/, '');
    }
    // A stream that never terminates a block must not grow without limit.
    if (this.pending.length > ProgressBlockSplitter.MAX_PENDING) {
      this.pending = this.pending.slice(-ProgressBlockSplitter.MAX_PENDING);
    }
    return blocks;
  }
}
