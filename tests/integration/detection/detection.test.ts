import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyEntryInfo, JobInfo, ProposalInfo } from '../../../shared/contract';
import { runningJobs } from '../../../electron/core/media/ffmpegRunner';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';
import { CLIP, makeFaceClip, photoAt } from './faceClip';

/**
 * Detection assist on the real core with the real ffmpeg and the real detectors (worker
 * threads, WASM) on a clip of a real photograph of three people sliding across the frame.
 */

let t: TestCore;
let srcDir: string;
let recordingId: string;
let runId: number;
let proposals: ProposalInfo[];
let job: JobInfo;

const centre = (b: { x: number; y: number; w: number; h: number }) => ({ x: b.x + b.w / 2, y: b.y + b.h / 2 });
const runCount = () => (t.core.db.prepare('SELECT COUNT(*) AS n FROM detection_runs').get() as { n: number }).n;
const proposalCount = () => (t.core.db.prepare('SELECT COUNT(*) AS n FROM detection_proposals').get() as { n: number }).n;

beforeAll(async () => {
  srcDir = tempDir('custodian-detect-src-');
  const clip = await makeFaceClip(srcDir);
  t = await setUpCore();
  const started = await t.call('ingest.start', { paths: [clip] });
  const ingested = await t.core.jobs.wait(started.jobId, 'ingest');
  recordingId = ingested.result!.ingested[0]!.id;
  for (const j of t.core.jobs.list()) await t.core.jobs.wait(j.id);

  const s = await t.call('detection.start', { recordingId, options: { every: 5 } });
  job = await t.core.jobs.wait(s.jobId);
  if (job.status === 'done') {
    runId = (job.result as { runId: number }).runId;
    proposals = (await t.call('detection.proposals', { runId })).proposals;
  }
  // A hang guard, not a time limit (the detectors are slow on two cores shared with other work).
}, 600_000);

afterAll(async () => {
  await t?.core.close();
  fs.rmSync(t?.dataDir ?? '', { recursive: true, force: true });
  fs.rmSync(srcDir ?? '', { recursive: true, force: true });
});

describe('detection on a recording with real faces', () => {
  it('finds the faces on the photo as tracks that move with it, stored as proposals with a custody entry', async () => {
    expect(job.status, job.message).toBe('done');
    const { runs } = await t.call('detection.runs', { recordingId });
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ runId, every: 5, framesSampled: (CLIP.fps * CLIP.seconds) / 5, detectors: ['human/blazeface', 'human/centernet'] });

    const faces = proposals.filter((p) => p.cls === 'face');
    // The photo's three faces, confidently; reading the frame on squares (detectionRules.faceTiles)
    // also finds one weak face-like patch on a shirt (scores 0.32–0.35, track confidence about
    // 0.2): allowed, as a weak proposal on the photo, for the custodian to reject.
    const confident = faces.filter((f) => f.confidence >= 0.5);
    expect(confident.length).toBeGreaterThanOrEqual(3);
    expect(faces.length - confident.length).toBeLessThanOrEqual(1);
    for (const f of faces) {
      expect(f.status).toBe('proposed');
      for (const p of f.points.filter((q) => q.kind === 'detected')) {
        const c = centre(p.box);
        const photo = photoAt(p.t);
        expect(c.x).toBeGreaterThan(photo.x);
        expect(c.x).toBeLessThan(photo.x + photo.w);
        expect(c.y).toBeLessThan(photo.y + (f.confidence >= 0.5 ? photo.h / 2 : photo.h));
      }
    }
    // The longest face track moves right with the photo (PAN px/s).
    const longest = [...confident].sort((a, b) => b.end - b.start - (a.end - a.start))[0]!;
    const first = longest.points[0]!;
    const last = longest.points[longest.points.length - 1]!;
    expect(last.t - first.t).toBeGreaterThan(2);
    const moved = centre(last.box).x - centre(first.box).x;
    expect(moved).toBeCloseTo(((last.t - first.t) * CLIP.pan) / CLIP.width, 1);

    const custody = await t.call('custody.forItem', { id: recordingId });
    const entry = custody.find((e: CustodyEntryInfo) => e.action === 'detection-run');
    expect(entry?.details).toMatchObject({ runId, proposals: proposals.length, framesSampled: 12 });
  });

  it('puts nothing proposed into a plan (so nothing is rendered) until it is accepted', async () => {
    const { plan } = await t.call('redaction.getPlan', { itemId: recordingId });
    expect(plan).toBeNull();
  });

  it('logs a rejection, changes no plan, and refuses to decide the same proposal twice', async () => {
    const target = proposals.find((p) => p.cls !== 'face') ?? proposals[proposals.length - 1]!;
    const r = await t.call('detection.decide', { proposalIds: [target.proposalId], decision: 'reject' });
    expect(r).toMatchObject({ decided: 1, decision: 'reject', planVersion: null, regions: [] });
    expect((await t.call('redaction.getPlan', { itemId: recordingId })).plan).toBeNull();
    const custody = await t.call('custody.forItem', { id: recordingId });
    expect(custody.find((e: CustodyEntryInfo) => e.action === 'detection-proposal-rejected')?.details).toMatchObject({ proposalId: target.proposalId, runId });
    const again = await t.raw('detection.decide', { proposalIds: [target.proposalId], decision: 'accept', exemptionId: 'krs-61.878-1-a', explanation: 'Face of a student' });
    expect(again.ok ? null : again.error.code).toBe('CONFLICT');
    const listed = (await t.call('detection.proposals', { runId })).proposals.find((p) => p.proposalId === target.proposalId);
    expect(listed).toMatchObject({ status: 'rejected', decidedBy: 'admin' });
  });

  it('accepts faces into a new plan version as solid-fill proposal regions, each acceptance logged', async () => {
    const faces = proposals.filter((p) => p.cls === 'face');
    const noExemption = await t.raw('detection.decide', { proposalIds: [faces[0]!.proposalId], decision: 'accept' });
    expect(noExemption.ok ? null : noExemption.error.code).toBe('BAD_INPUT');

    const r = await t.call('detection.decide', { proposalIds: faces.map((f) => f.proposalId), decision: 'accept', exemptionId: 'krs-61.878-1-a', explanation: 'Face of a student' });
    expect(r).toMatchObject({ decided: faces.length, decision: 'accept', planVersion: 1 });
    const { plan } = await t.call('redaction.getPlan', { itemId: recordingId });
    expect(plan?.version).toBe(1);
    expect(plan!.plan.regions).toHaveLength(faces.length);
    for (const region of plan!.plan.regions) {
      expect(region.effect).toBe('fill');
      expect(region.source).toMatchObject({ kind: 'proposal', detector: expect.stringContaining('blazeface'), trackId: expect.stringMatching(new RegExp(`^run${runId}-`)) });
      expect(region.keyframes.length).toBeGreaterThanOrEqual(1);
    }
    const custody = await t.call('custody.forItem', { id: recordingId });
    const accepted = custody.filter((e: CustodyEntryInfo) => e.action === 'detection-proposal-accepted');
    expect(accepted).toHaveLength(faces.length);
    expect(accepted[0]!.details).toMatchObject({ planVersion: 1, runId });
    expect(custody.some((e: CustodyEntryInfo) => e.action === 'redaction-plan-saved')).toBe(true);
  });

  it('cancelled mid-run keeps no run and no proposals, and leaves no ffmpeg running', async () => {
    const before = { runs: runCount(), proposals: proposalCount() };
    const s = await t.call('detection.start', { recordingId, options: { every: 1 } });
    for (let i = 0; i < 400; i++) {
      const j = t.core.jobs.get(s.jobId)!;
      if (j.status !== 'running' || /Looked at [2-9]/.test(j.message)) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(t.core.jobs.get(s.jobId)!.message).toMatch(/Looked at/);
    await t.call('jobs.cancel', { id: s.jobId });
    const ended = await t.core.jobs.wait(s.jobId);
    expect(ended.status).toBe('cancelled');
    expect({ runs: runCount(), proposals: proposalCount() }).toEqual(before);
    expect(runningJobs.size).toBe(0);
  });
});
