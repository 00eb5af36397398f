import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactionPlanSchema } from '../../../shared/domain/redactionPlan';
import { leakCheck } from '../../../electron/core/redaction/leakCheck';
import type { LeakReport } from '../../../electron/core/redaction/leakReport';
import { locateFfprobe } from '../../../electron/core/media/locateTools';
import { FPS, SECONDS, cleanup, craftCopy, ffmpeg, followPlan } from './clips';

/**
 * The leak check against copies made by hand with ffmpeg (not by the compiler): a correct one
 * passes; a region skipped for three frames, audio left in one range and a location tag left in
 * are each caught, with the time.
 */

let dir: string;
const plan = redactionPlanSchema.parse(followPlan());
const check = (file: string): Promise<LeakReport> =>
  leakCheck({ ffmpeg, ffprobe: locateFfprobe(), fpsModeFlag: '-fps_mode', file, plan, source: { hasVideo: true, audioStreams: 1, durationSec: SECONDS } });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-leak-'));
});
afterAll(() => cleanup(dir));

describe('leak check of hand-made copies', () => {
  it('passes a correct copy and counts the frames it checked', async () => {
    const good = await craftCopy(dir, 'good.mp4', { boxEnable: '1', muteExpr: 'between(t,0.97,2.03)' });
    const report = await check(good);
    expect(report.failures).toEqual([]);
    expect(report.ok).toBe(true);
    // 0.5 s to 2.5 s at 25 fps, decoded twice.
    expect(report.framesChecked).toBeGreaterThanOrEqual(2 * 2 * FPS);
    expect(report.details?.audio[0]?.peakDb).toBeLessThan(-60);
  });

  it('catches a region skipped for three frames, with their times', async () => {
    // Frames 37–39 are 1.48, 1.52 and 1.56 s.
    const skipped = await craftCopy(dir, 'skipped.mp4', { boxEnable: 'not(between(n,37,39))', muteExpr: 'between(t,0.97,2.03)' });
    const report = await check(skipped);
    expect(report.ok).toBe(false);
    const times = [...new Set(report.failures.filter((f) => f.scope === 'picture').map((f) => f.t))].sort();
    expect(times).toEqual([1.48, 1.52, 1.56]);
    expect(report.failures[0]!.what).toMatch(/Region 1 \("student"\) is only/);
  });

  it('catches audio left in part of a muted range, at the time it is heard', async () => {
    const loud = await craftCopy(dir, 'loud.mp4', { boxEnable: '1', muteExpr: 'between(t,0.97,1.5)' });
    const report = await check(loud);
    expect(report.ok).toBe(false);
    const audio = report.failures.filter((f) => f.scope === 'audio');
    expect(audio).toHaveLength(1);
    expect(audio[0]!.t).toBeGreaterThan(1.49);
    expect(audio[0]!.t).toBeLessThan(2.0);
    expect(audio[0]!.what).toMatch(/still peaks at -\d/);
  });

  it('catches a location tag left in the file', async () => {
    const tagged = await craftCopy(dir, 'tagged.mp4', { boxEnable: '1', muteExpr: 'between(t,0.97,2.03)', extra: ['-metadata', 'location=+40.7128-074.0060/'] });
    const report = await check(tagged);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([expect.objectContaining({ t: 0, scope: 'file', what: expect.stringMatching(/location/) })]);
  });
});
