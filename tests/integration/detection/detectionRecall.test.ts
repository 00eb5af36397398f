import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OPTICAL_FLOW } from '../../../electron/core/detection/detectionJob';
import { compositeClip } from '../../helpers/compositeClip';
import { standardScenario } from '../../helpers/detectionScenario';
import { detectAndTrack } from '../../helpers/detectClip';
import { scoreProposals } from '../../helpers/detectionScore';
import { sampleFaces, sampleImageDir } from '../../helpers/sampleFaces';

/**
 * The recall floor (issue 15): the real detectors and tracker, as the job runs them (every 10th
 * frame at 640 px, two workers, frames in order, optical flow as the job has it), on an 8 s
 * composited clip of two real heads that move, scale, turn and pass behind bars. Measured
 * (docs/detection.md): recall 98.9 % (frontal 100 %, profile 98.5 %), longest gap 3 frames, no
 * false proposal. The figures vary from run to run (two workers; seen 93.6–98.2 % over six runs
 * on 2026-12-04, the lowest while other suites loaded both cores), so the floors sit below that
 * spread: a regression such as the 81 % before optical flow and reordering still fails; nothing
 * is timed.
 */
const dir = sampleImageDir();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-recall-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe.skipIf(!dir)('detection recall on a composited clip (real faces, known truth)', () => {
  it('covers the heads on nearly every frame, loses none for long, and proposes nothing false', { timeout: 900_000 }, async () => {
    const spec = standardScenario(sampleFaces(dir!), { seconds: 8, width: 640, height: 360, fps: 30 });
    const clip = await compositeClip(spec, work);
    const run = await detectAndTrack(clip, { every: 10, flow: OPTICAL_FLOW });
    const score = scoreProposals(clip.truth, run.proposals, { fps: spec.fps });
    console.log(`recall ${(100 * score.recall).toFixed(1)} % (frontal ${(100 * (score.byView.frontal?.recall ?? 0)).toFixed(1)} %, profile ${(100 * (score.byView.profile?.recall ?? 0)).toFixed(1)} %), longest gap ${score.longestGap} frames, ${score.falseProposals} false of ${score.proposals} proposals`);
    expect(score.byView.frontal!.frames).toBeGreaterThan(40);
    expect(score.byView.profile!.frames).toBeGreaterThan(200);
    expect(score.recall).toBeGreaterThanOrEqual(0.92);
    expect(score.byView.frontal!.recall).toBeGreaterThanOrEqual(0.97);
    expect(score.byView.profile!.recall).toBeGreaterThanOrEqual(0.9);
    expect(score.longestGap).toBeLessThanOrEqual(15);
    expect(score.falseProposals).toBeLessThanOrEqual(1);
    // Every proposal is a track the custodian decides on, not one box per frame.
    expect(score.proposals).toBeLessThanOrEqual(8);
  });
});
