import fs from 'node:fs';
import { CustodianError } from '../../../shared/errors';
import { objectPath } from '../store/objectPaths';
import { putSetting } from '../settings/settings';
import { listRules, putRule } from '../retention/rules';
import { APPEAL_BASIS, APPEAL_SETTING, appealDays } from '../retention/retentionSettings';
import { dueList, itemRetention } from '../retention/dueList';
import { liftHold, listHolds, placeHold } from '../retention/holds';
import { batchRow, listBatches, proposeBatch } from '../retention/batches';
import { approveAndDestroy } from '../retention/approveAndDestroy';
import { listTombstones } from '../retention/tombstones';
import type { HandlerMap } from './registry';

const REVIEWERS = ['administrator', 'custodian', 'legal-reviewer'] as const;

/** Retention rules, holds and destruction (shared/contract/retention.ts). */
export const retentionHandlers: HandlerMap = {
  'retention.rules': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => listRules(core.db) },

  'retention.setRule': {
    access: ['administrator'], reauth: 'changing a retention rule', releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) =>
      core.record(actor, () => {
        const before = listRules(core.db).find((r) => r.category === input.category) ?? null;
        const rule = putRule(core.db, { category: input.category, series: input.series, title: input.title, scheduleText: input.scheduleText, days: input.days, updatedAt: core.clock().toISOString(), updatedBy: actor.username });
        return { result: rule, events: [{ action: 'retention-rule-changed', objectId: `retention-rule:${input.category}`, details: { before: before && { series: before.series, days: before.days, title: before.title }, after: { series: rule.series, days: rule.days, title: rule.title, scheduleText: rule.scheduleText } } }] };
      }),
  },

  'retention.settings': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => ({ appealDays: appealDays(core.db), appealBasis: APPEAL_BASIS }) },

  'retention.setAppealWindow': {
    access: ['administrator'], reauth: 'changing the appeal window', releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) =>
      core.record(actor, () => {
        const before = appealDays(core.db);
        putSetting(core.db, APPEAL_SETTING, input.days);
        return { result: { appealDays: input.days, appealBasis: APPEAL_BASIS }, events: [{ action: 'settings-changed', objectId: 'settings:retention', details: { appealDays: { before, after: input.days } } }] };
      }),
  },

  'retention.due': { access: REVIEWERS, reauth: false, releasePath: false, whileLocked: false, run: ({ core }, input) => dueList(core, input.withinDays) },

  'retention.forItem': { access: 'signed-in', reauth: false, releasePath: false, whileLocked: false, run: ({ core }, input) => itemRetention(core, input.id) },

  'holds.list': { access: REVIEWERS, reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => listHolds(core) },

  'holds.place': { access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false, run: ({ core, actor }, input) => placeHold(core, actor, input) },

  'holds.lift': {
    access: ['custodian', 'legal-reviewer'], reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      liftHold(core, actor, input);
      return { ok: true as const };
    },
  },

  'destruction.propose': { access: ['custodian'], reauth: false, releasePath: false, whileLocked: false, run: ({ core, actor }, input) => proposeBatch(core, actor, input.itemIds) },

  'destruction.approve': {
    access: ['administrator', 'legal-reviewer'], reauth: 'approving the destruction of records', releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => approveAndDestroy(core, actor, input.batchId),
  },

  'destruction.batches': { access: REVIEWERS, reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => listBatches(core) },

  'destruction.tombstones': { access: REVIEWERS, reauth: false, releasePath: false, whileLocked: false, run: ({ core }) => listTombstones(core.db) },

  'destruction.certificate': {
    access: REVIEWERS, reauth: false, releasePath: false, whileLocked: false,
    run: ({ core, actor }, input) => {
      const id = batchRow(core.db, input.batchId).certificate_item_id;
      if (!id) throw new CustodianError('NOT_FOUND', `Batch ${input.batchId} has no certificate yet: it is written when the approved destruction has finished.`);
      const it = core.db.prepare("SELECT sha256, original_name FROM items WHERE id = ? AND state = 'committed'").get(id) as { sha256: string; original_name: string } | undefined;
      if (!it) throw new CustodianError('NOT_FOUND', `The certificate ${id} is not in the evidence store. Run a fixity check.`);
      const bytes = fs.readFileSync(objectPath(core.paths.objects, it.sha256));
      core.log(actor, { action: 'report-exported', objectId: id, objectSha256: it.sha256, details: { report: 'destruction-certificate', batchId: input.batchId, fileName: it.original_name } });
      return { fileName: it.original_name, base64: bytes.toString('base64'), sha256: it.sha256 };
    },
  },
};
