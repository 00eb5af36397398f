import { decideProposals } from '../detection/proposalDecisions';
import { mergeProposals, splitProposal } from '../detection/proposalEdits';
import { startDetection } from '../detection/detectionJob';
import { mustFindRun, proposalsOf, runsOf } from '../detection/detectionStore';
import { mustFindRecording } from '../redaction/planStore';
import type { HandlerMap } from './registry';

/**
 * Detection assist (docs/detection.md). Custodian work like the studio: nothing here hands
 * anything out, and a proposal is part of no plan (so of no render) until it is accepted.
 */

const CUSTODIAN = ['custodian'] as const;

export const detectionHandlers: HandlerMap = {
  'detection.start': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      const job = startDetection(ctx, input.recordingId, input.options);
      return { jobId: job.id, job };
    },
  },
  'detection.runs': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      mustFindRecording(core.db, input.recordingId);
      return { runs: runsOf(core.db, input.recordingId) };
    },
  },
  'detection.proposals': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => ({ run: mustFindRun(core.db, input.runId), proposals: proposalsOf(core.db, input.runId) }),
  },
  'detection.decide': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => decideProposals(core, actor, input),
  },
  'detection.merge': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => mergeProposals(core, actor, input.proposalIds),
  },
  'detection.split': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => splitProposal(core, actor, input.proposalId, input.at),
  },
};
