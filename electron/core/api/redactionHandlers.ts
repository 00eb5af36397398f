import type { RenderInfo } from '../../../shared/contract';
import type { LeakReport } from '../redaction/leakReport';
import { startCheck } from '../redaction/checkCopy';
import { latestPlan, mustFindRecording, planCount, planByHash, planVersion, problemsFor, savePlan } from '../redaction/planStore';
import { startRender } from '../redaction/renderCopy';
import { latestPassingRender, rendersOf } from '../redaction/renderRows';
import type { HandlerMap } from './registry';

/**
 * The redaction studio's core methods. Making a redacted copy is custodian work (like adding
 * recordings); it is not on the release path: rendering hands nothing out, and the release gate
 * decides later whether a copy may go.
 */

const CUSTODIAN = ['custodian'] as const;

export const redactionHandlers: HandlerMap = {
  'redaction.savePlan': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const saved = savePlan(core, actor, input.itemId, input.plan);
      return { ...saved, problems: problemsFor(core.db, input.itemId, saved.plan) };
    },
  },
  'redaction.getPlan': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      mustFindRecording(core.db, input.itemId);
      const plan = input.version === undefined ? latestPlan(core.db, input.itemId) : planVersion(core.db, input.itemId, input.version);
      return { plan, versions: planCount(core.db, input.itemId), problems: plan ? problemsFor(core.db, input.itemId, plan.plan) : [] };
    },
  },
  'redaction.render': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      const job = startRender(ctx, input);
      const plan = input.plan ? latestPlan(ctx.core.db, input.itemId)! : planByHash(ctx.core.db, input.itemId, input.planHash!)!;
      return { jobId: job.id, job, planHash: plan.planHash, planVersion: plan.version };
    },
  },
  'redaction.check': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: (ctx, input) => {
      const job = startCheck(ctx, input.itemId);
      return { jobId: job.id, job };
    },
  },
  'redaction.renders': {
    access: CUSTODIAN, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core }, input) => {
      const row = mustFindRecording(core.db, input.itemId);
      const current = latestPassingRender(core, row.id, row.sha256);
      const versions = new Map<string, number>();
      const renders: RenderInfo[] = rendersOf(core.db, row.id).map((r) => {
        if (!versions.has(r.plan_hash)) versions.set(r.plan_hash, planByHash(core.db, row.id, r.plan_hash)?.version ?? -1);
        const v = versions.get(r.plan_hash)!;
        return {
          renderId: r.id,
          itemId: r.item_id,
          sha256: r.sha256,
          parentItemId: r.parent_item_id,
          parentSha256: r.parent_sha256,
          planHash: r.plan_hash,
          planVersion: v < 0 ? null : v,
          ffmpegVersion: r.ffmpeg_version,
          createdAt: r.created_at,
          createdBy: r.created_by,
          check: JSON.parse(r.check_report) as LeakReport,
          checkedAt: r.checked_at,
          current: current?.renderId === r.id,
        };
      });
      return { renders };
    },
  },
};
