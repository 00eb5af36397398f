import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CustodyEntryInfo, ProposalInfo } from '../../../shared/contract';
import type { Track, TrackPoint } from '../../../shared/domain/tracking/types';
import { saveRun } from '../../../electron/core/detection/detectionStore';
import { makeClip } from '../../fixtures/makeClips';
import { setUpCore, tempDir, type TestCore } from '../../helpers/testCore';

/**
 * Merging and splitting proposals (migration m0160, detection/proposalEdits.ts) on the real core
 * and database. The run is stored through the store's own saveRun with known tracks, so what a
 * merge or a split must produce is known exactly; the detectors themselves are tested in
 * detection.test.ts.
 */

let t: TestCore;
let srcDir: string;
let recordingId: string;
let runId: number;

const actor = { userId: 1, username: 'admin', role: 'custodian', workstation: 'test' };

function track(id: string, cls: Track['cls'], from: number, to: number, x0: number): Track {
  const points: TrackPoint[] = [];
  for (let f = from; f <= to; f += 5) points.push({ frame: f, t: f / 15, box: { x: x0 + f * 0.002, y: 0.2, w: 0.1, h: 0.15 }, score: 0.9, kind: 'detected' });
  return { id, cls, points, confidence: 0.9, detectors: ['human/blazeface'] };
}

const byTrack = (list: ProposalInfo[], trackId: string) => list.find((p) => p.trackId === trackId)!;
const list = async () => (await t.call('detection.proposals', { runId })).proposals;
const code = (r: Awaited<ReturnType<TestCore['raw']>>) => (r.ok ? 'ok' : r.error.code);

beforeAll(async () => {
  srcDir = tempDir('custodian-edits-src-');
  const clip = await makeClip(srcDir, 'CAFETERIA_0001.mp4', { seconds: 4 });
  t = await setUpCore();
  const started = await t.call('ingest.start', { paths: [clip] });
  const ingested = await t.core.jobs.wait(started.jobId, 'ingest');
  recordingId = ingested.result!.ingested[0]!.id;
  for (const j of t.core.jobs.list()) await t.core.jobs.wait(j.id);
  const sha256 = (t.core.db.prepare('SELECT sha256 FROM items WHERE id = ?').get(recordingId) as { sha256: string }).sha256;
  runId = saveRun(
    t.core,
    actor,
    { itemId: recordingId, sha256, every: 5, fps: 15, framesSampled: 12, frameWidth: 320, frameHeight: 240, detectors: ['human/blazeface'], options: {}, elapsedMs: 1 },
    [track('face-1', 'face', 0, 20, 0.1), track('face-2', 'face', 30, 55, 0.15), track('head-3', 'head', 0, 55, 0.6), track('screen-4', 'screen', 0, 55, 0.8), track('face-5', 'face', 10, 40, 0.3)],
  );
}, 60_000);

afterAll(async () => {
  await t?.core.close();
  fs.rmSync(t?.dataDir ?? '', { recursive: true, force: true });
  fs.rmSync(srcDir ?? '', { recursive: true, force: true });
});

describe('merging and splitting proposals', () => {
  it('merges two tracks of one person into one proposal, marks both replaced and logs it', async () => {
    const before = await list();
    const a = byTrack(before, 'face-1');
    const b = byTrack(before, 'face-2');
    const r = await t.call('detection.merge', { proposalIds: [b.proposalId, a.proposalId] });
    expect(r.replaced).toEqual([a.proposalId, b.proposalId]);
    expect(r.proposal).toMatchObject({ cls: 'face', status: 'proposed', start: 0, end: 55 / 15, derivedFrom: [a.proposalId, b.proposalId] });
    expect(r.proposal.points.map((p) => p.frame)).toEqual([0, 5, 10, 15, 20, 30, 35, 40, 45, 50, 55]);
    const after = await list();
    expect(byTrack(after, 'face-1')).toMatchObject({ status: 'replaced', replacedBy: r.proposal.proposalId, decidedBy: 'admin' });
    expect(byTrack(after, 'face-2')).toMatchObject({ status: 'replaced', replacedBy: r.proposal.proposalId });
    const { run } = await t.call('detection.proposals', { runId });
    expect(run.counts).toMatchObject({ replaced: 2, proposed: 4 });
    const entry = (await t.call('custody.forItem', { id: recordingId })).find((e: CustodyEntryInfo) => e.action === 'detection-proposals-merged');
    expect(entry?.details).toMatchObject({ runId, proposalId: r.proposal.proposalId, from: [a.proposalId, b.proposalId] });
    // A replaced proposal can be neither decided nor edited again.
    expect(code(await t.raw('detection.decide', { proposalIds: [a.proposalId], decision: 'reject' }))).toBe('CONFLICT');
    expect(code(await t.raw('detection.merge', { proposalIds: [a.proposalId, byTrack(after, 'face-5').proposalId] }))).toBe('CONFLICT');
  });

  it('merges overlapping points into one box covering both, and a face with a head as a head; refuses a screen with a face', async () => {
    const now = await list();
    const head = byTrack(now, 'head-3');
    const face = byTrack(now, 'face-5');
    expect(code(await t.raw('detection.merge', { proposalIds: [byTrack(now, 'screen-4').proposalId, face.proposalId] }))).toBe('BAD_INPUT');
    const r = await t.call('detection.merge', { proposalIds: [head.proposalId, face.proposalId] });
    expect(r.proposal.cls).toBe('head');
    const at10 = r.proposal.points.find((p) => p.frame === 10)!;
    const h = head.points.find((p) => p.frame === 10)!.box;
    const f = face.points.find((p) => p.frame === 10)!.box;
    expect(at10.box.x).toBeCloseTo(Math.min(h.x, f.x), 6);
    expect(at10.box.x + at10.box.w).toBeCloseTo(Math.max(h.x + h.w, f.x + f.w), 6);
  });

  it('splits a track at a moment inside it; both halves hold the box at that moment, so no moment is uncovered', async () => {
    const screen = byTrack(await list(), 'screen-4');
    expect(code(await t.raw('detection.split', { proposalId: screen.proposalId, at: 0 }))).toBe('BAD_INPUT');
    expect(code(await t.raw('detection.split', { proposalId: screen.proposalId, at: 10 }))).toBe('BAD_INPUT');
    const at = 1.1; // between the sampled frames 15 (1.0 s) and 20 (1.33 s)
    const r = await t.call('detection.split', { proposalId: screen.proposalId, at });
    const [first, second] = r.proposals;
    expect(first).toMatchObject({ start: 0, end: at, cls: 'screen', derivedFrom: [screen.proposalId] });
    expect(second).toMatchObject({ start: at, end: 55 / 15 });
    expect(first.points[first.points.length - 1]!.box).toEqual(second.points[0]!.box);
    const mid = first.points[first.points.length - 1]!.box;
    expect(mid.x).toBeGreaterThan(screen.points.find((p) => p.frame === 15)!.box.x);
    expect(mid.x).toBeLessThan(screen.points.find((p) => p.frame === 20)!.box.x);
    expect(byTrack(await list(), 'screen-4')).toMatchObject({ status: 'replaced', replacedBy: first.proposalId });
    const entry = (await t.call('custody.forItem', { id: recordingId })).find((e: CustodyEntryInfo) => e.action === 'detection-proposal-split');
    expect(entry?.details).toMatchObject({ proposalId: screen.proposalId, at, into: [first.proposalId, second.proposalId] });

    // The halves are ordinary proposals: accepting both covers the whole span without a gap.
    const accepted = await t.call('detection.decide', { proposalIds: [first.proposalId, second.proposalId], decision: 'accept', exemptionId: 'krs-61.878-1-a', explanation: 'Laptop screen showing student records' });
    expect(accepted.regions).toHaveLength(2);
    const ends = accepted.regions.map((g) => [g.keyframes[0]!.t, g.keyframes[g.keyframes.length - 1]!.t]);
    expect(ends[0]![1]).toBeGreaterThanOrEqual(ends[1]![0]);
    expect(code(await t.raw('detection.split', { proposalId: first.proposalId, at: 0.5 }))).toBe('CONFLICT');
  });

  it('the database refuses to rewrite a replaced proposal or to mark one replaced without naming its replacement', async () => {
    const replaced = (await list()).find((p) => p.status === 'replaced')!;
    expect(() => t.core.db.prepare("UPDATE detection_proposals SET status = 'proposed', replaced_by = NULL WHERE id = ?").run(replaced.proposalId)).toThrow(/decided once/);
    const open = (await list()).find((p) => p.status === 'proposed')!;
    expect(() => t.core.db.prepare("UPDATE detection_proposals SET status = 'replaced' WHERE id = ?").run(open.proposalId)).toThrow(/CHECK/);
  });
});
