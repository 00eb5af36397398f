import fs from 'node:fs';
import { CustodianError } from '../../../shared/errors';
import { runTool } from './ffmpegRunner';
import { locateFfprobe } from './locateTools';
import { describeFfprobeFailure, toProbeResult } from './probeResult';
import { assertInputsAreSafe, assertSafeMediaPath, globalArgs, inputArgs } from './safeArgs';

export type { ProbeResult, ProbeStream, StreamType } from './probeResult';
import type { ProbeResult } from './probeResult';

export interface ProbeOptions {
  signal?: AbortSignal;
  /** Default 30 s. A file that takes longer is reported unplayable, not thrown. */
  timeoutMs?: number;
  /** Defaults to `locateFfprobe()`. */
  ffprobePath?: string;
}

const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * Examines a media file with ffprobe. Bad media never throws: it comes back as
 * `playable: false` with a reason a records custodian can read, because a damaged camera file
 * is still evidence to keep. Throws only when ffprobe is missing, the probe is cancelled, or
 * `file` is not an absolute path to an existing regular file.
 */
export async function probeMedia(file: string, opts: ProbeOptions = {}): Promise<ProbeResult> {
  assertSafeMediaPath(file);
  await assertRegularFile(file);
  const ffprobe = opts.ffprobePath ?? locateFfprobe();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const args = [
    ...globalArgs('ffprobe'),
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    ...inputArgs(file),
  ];
  assertInputsAreSafe(args);

  let stdout: string;
  try {
    ({ stdout } = await runTool(ffprobe, args, { signal: opts.signal, timeoutMs, collectStdout: true }));
  } catch (err) {
    if (!(err instanceof CustodianError)) throw err;
    if (err.code === 'MEDIA_TOOL_FAILED') {
      const tail = typeof err.details?.stderrTail === 'string' ? err.details.stderrTail : '';
      return unplayable(describeFfprobeFailure(tail, file));
    }
    if (err.code === 'MEDIA_TIMEOUT') {
      return unplayable(
        `ffprobe could not finish examining this file within ${secondsText(timeoutMs)} — ` +
          'it may be damaged or built to stall video tools. The original is kept unchanged.',
      );
    }
    throw err;
  }

  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    return unplayable('ffprobe gave an answer Custodian could not read for this file.');
  }
  return toProbeResult(json);
}

function secondsText(ms: number): string {
  const s = Math.max(1, Math.round(ms / 1000));
  return s === 1 ? '1 second' : `${s} seconds`;
}

function unplayable(reason: string): ProbeResult {
  return { playable: false, unplayableReason: reason, streams: [], browserPlayable: false };
}

async function assertRegularFile(file: string): Promise<void> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new CustodianError('NOT_FOUND', 'The file to examine was not found.', { path: JSON.stringify(file) });
    }
    throw new CustodianError('IO_ERROR', 'The file to examine could not be opened.', {
      path: JSON.stringify(file),
      cause: (err as Error).message,
    });
  }
  if (!stat.isFile()) {
    throw new CustodianError('NOT_REGULAR_FILE', 'Only ordinary files can be examined, not folders or devices.', {
      path: JSON.stringify(file),
    });
  }
}
