import { z } from 'zod';
import type { RedactionRegion } from '../domain/redactionPlan';
import type { DetectionClass, TrackPoint } from '../domain/tracking/types';
import type { JobInfo } from './library';
import { lazyMethods } from './lazyMethods';

/**
 * Detection assist (issue 15, docs/detection.md): detectors propose faces, heads and screens
 * as tracks; nothing proposed is drawn or rendered until a custodian accepts it, which adds it
 * as a solid-fill region to a new version of the recording's redaction plan. Every decision is
 * logged in custody.
 */

const recordingId = z.string().min(1).max(64);
const id = z.number().int().min(1);

export const detectionMethods = lazyMethods({
  /** Starts a detection job on the media queue. */
  'detection.start': () => z.object({
    recordingId,
    options: z
      .object({
        /** Detect on every Nth frame (default: about three frames a second). */
        every: z.number().int().min(1).max(300).optional(),
        /** Lowest detector score kept, 0.05–0.95 (default 0.3). */
        minScore: z.number().min(0.05).max(0.95).optional(),
        /** Frames are decoded at most this wide (default 640). */
        maxWidth: z.number().int().min(160).max(1920).optional(),
      })
      .default({}),
  }),
  'detection.runs': () => z.object({ recordingId }),
  'detection.proposals': () => z.object({ runId: id }),
  /** Accepting needs the exemption and explanation the regions will carry (as for a drawn region). */
  'detection.decide': () => z
    .object({
      proposalIds: z.array(id).min(1).max(2000),
      decision: z.enum(['accept', 'reject']),
      exemptionId: z.string().min(1).max(200).optional(),
      explanation: z.string().trim().min(1).max(500).optional(),
    })
    .refine((x) => x.decision === 'reject' || (x.exemptionId !== undefined && x.explanation !== undefined), { message: 'To accept proposals, give the exemption and a one-line explanation for the regions.' }),
  /** Two undecided proposals of one run that follow one person become one (the two are marked replaced). */
  'detection.merge': () => z.object({ proposalIds: z.array(id).length(2) }),
  /** One undecided proposal becomes two at a moment inside it (seconds); both halves hold the box at that moment. */
  'detection.split': () => z.object({ proposalId: id, at: z.number().min(0).max(86_400) }),
});

/** 'replaced': merged into another proposal or split in two (`replacedBy` names the new one). */
export type ProposalStatus = 'proposed' | 'accepted' | 'rejected' | 'replaced';

export interface DetectionRunInfo {
  runId: number;
  recordingId: string;
  /** The SHA-256 of the recording the detectors looked at. */
  sha256: string;
  every: number;
  fps: number;
  framesSampled: number;
  frameWidth: number;
  frameHeight: number;
  detectors: string[];
  elapsedMs: number;
  createdAt: string;
  createdBy: string;
  counts: Record<ProposalStatus, number>;
}

export interface ProposalInfo {
  proposalId: number;
  runId: number;
  trackId: string;
  cls: DetectionClass;
  detectors: string[];
  confidence: number;
  start: number;
  end: number;
  /** The track, time-ordered: boxes are fractions of the displayed frame. */
  points: TrackPoint[];
  status: ProposalStatus;
  decidedAt: string | null;
  decidedBy: string | null;
  /** The plan version an accepted proposal went into. */
  planVersion: number | null;
  /** A proposal made by merging or splitting: the proposals it came from. */
  derivedFrom: number[] | null;
  /** A replaced proposal: the proposal (the merge, or the first half of the split) that replaced it. */
  replacedBy: number | null;
}

/** `job.result` of a finished 'detection' job. */
export interface DetectionJobResult {
  runId: number;
  recordingId: string;
  framesSampled: number;
  proposals: number;
  elapsedMs: number;
}

export interface DetectionOutputs {
  'detection.start': { jobId: string; job: JobInfo };
  'detection.runs': { runs: DetectionRunInfo[] };
  'detection.proposals': { run: DetectionRunInfo; proposals: ProposalInfo[] };
  'detection.decide': {
    decided: number;
    decision: 'accept' | 'reject';
    /** Accept: the new plan version holding the regions (null when nothing was added). */
    planVersion: number | null;
    planHash: string | null;
    regions: RedactionRegion[];
  };
  'detection.merge': { proposal: ProposalInfo; replaced: number[] };
  'detection.split': { proposals: [ProposalInfo, ProposalInfo]; replaced: number[] };
}
