import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodianError } from '../../../shared/errors';
import { cancelAllMedia, runTool, runningJobs } from '../../../electron/core/media/ffmpegRunner';
import { locateFfmpeg, locateFfprobe } from '../../../electron/core/media/locateTools';
import type { MediaProgress } from '../../../electron/core/media/progressParser';
import { makeTempDir } from '../../fixtures/makeClips';

let dir: string;
let ffmpeg: string;
let ffprobe: string;

/** A synthetic source that never ends; only the runner can stop it. */
const endless = ['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'testsrc2=size=64x48:rate=25', '-f', 'null', '-'];

beforeAll(async () => {
  dir = await makeTempDir();
  ffmpeg = locateFfmpeg();
  ffprobe = locateFfprobe();
});
afterAll(async () => {
  await cancelAllMedia();
  await fs.promises.rm(dir, { recursive: true, force: true });
});

async function rejection(p: Promise<unknown>): Promise<CustodianError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof CustodianError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

async function waitFor(cond: () => boolean, ms = 10_000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('runTool', () => {
  it('reports progress parsed from -progress pipe:1, ending at fraction 1', async () => {
    const events: MediaProgress[] = [];
    const result = await runTool(
      ffmpeg,
      ['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'testsrc2=size=160x120:rate=25:duration=3', '-f', 'null', '-'],
      { onProgress: (p) => events.push(p), durationSec: 3 },
    );
    expect(result.commandLine).toMatch(/-progress pipe:1 -nostats/);
    expect(events.length).toBeGreaterThan(0);
    const last = events[events.length - 1];
    expect(last?.fraction).toBe(1);
    expect(last?.outTimeSec).toBeCloseTo(3, 0);
    for (const e of events) {
      expect(e.fraction).toBeGreaterThanOrEqual(0);
      expect(e.fraction).toBeLessThanOrEqual(1);
    }
  });

  it('collects stdout when asked (ffprobe JSON), and does not add -progress to ffprobe', async () => {
    const r = await runTool(ffprobe, ['-hide_banner', '-v', 'error', '-print_format', 'json', '-show_program_version'], {
      collectStdout: true,
      onProgress: () => undefined,
    });
    expect(r.commandLine).not.toContain('-progress');
    expect(JSON.parse(r.stdout)).toHaveProperty('program_version');
  });

  it('rejects MEDIA_TOOL_FAILED with the end of stderr on a non-zero exit', async () => {
    const missing = path.join(dir, 'missing.mp4');
    const err = await rejection(runTool(ffmpeg, ['-hide_banner', '-nostdin', '-i', `file:${missing}`, '-f', 'null', '-']));
    expect(err.code).toBe('MEDIA_TOOL_FAILED');
    expect(err.message).toBe('The ffmpeg program could not finish this step with this file.');
    expect(err.details?.exitCode).not.toBe(0);
    expect(String(err.details?.stderrTail)).toMatch(/No such file or directory/);
    expect(String(err.details?.commandLine)).toContain(`file:${missing}`);
  });

  it('keeps only the last part of a very chatty stderr', async () => {
    // showinfo logs one long line per frame: ~2,000 frames is far more than the kept tail.
    const r = await runTool(ffmpeg, [
      '-hide_banner',
      '-nostdin',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=32x32:rate=1000:duration=2',
      '-vf',
      'showinfo',
      '-f',
      'null',
      '-',
    ]);
    expect(r.stderr.length).toBeGreaterThan(10_000);
    expect(Buffer.byteLength(r.stderr)).toBeLessThanOrEqual(64 * 1024);
    expect(r.stderr).toMatch(/n:\s*1999\b/);
  });

  it('rejects MEDIA_TOOL_MISSING when the binary cannot be started', async () => {
    const err = await rejection(runTool(path.join(dir, 'no-such-ffmpeg'), ['-version']));
    expect(err.code).toBe('MEDIA_TOOL_MISSING');
    expect(runningJobs.size).toBe(0);
  });

  it('stops a run that exceeds its timeout with MEDIA_TIMEOUT', async () => {
    // `endless` never ends by itself: settling at all (with MEDIA_TIMEOUT) is the stop.
    const err = await rejection(runTool(ffmpeg, endless, { timeoutMs: 300 }));
    expect(err.code).toBe('MEDIA_TIMEOUT');
    expect(err.message).toMatch(/took longer than/);
    expect(runningJobs.size).toBe(0);
  });

  it('rejects CANCELLED on abort, and never starts when already aborted', async () => {
    const ac = new AbortController();
    const run = runTool(ffmpeg, endless, { signal: ac.signal });
    await waitFor(() => runningJobs.size === 1);
    ac.abort();
    expect((await rejection(run)).code).toBe('CANCELLED');
    expect(runningJobs.size).toBe(0);

    const err = await rejection(runTool(ffmpeg, endless, { signal: ac.signal }));
    expect(err.code).toBe('CANCELLED');
    expect(runningJobs.size).toBe(0);
  });

  it('cancelAllMedia stops every running process and waits for them to exit', async () => {
    const a = runTool(ffmpeg, endless);
    const b = runTool(ffmpeg, endless);
    const outcomes = Promise.allSettled([a, b]);
    await waitFor(() => runningJobs.size === 2);
    await cancelAllMedia();
    expect(runningJobs.size).toBe(0);
    const settled = await outcomes;
    for (const s of settled) {
      expect(s.status).toBe('rejected');
      if (s.status === 'rejected') expect((s.reason as CustodianError).code).toBe('CANCELLED');
    }
  });
});
