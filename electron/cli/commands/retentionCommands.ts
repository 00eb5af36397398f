import type { DestructionBatchInfo, HoldInfo, HoldKind } from '../../../shared/contract';
import { HOLD_KINDS } from '../../../shared/contract/holdKinds';
import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import type { CliCommand } from './command';

/** `custodian retention due|hold|release|destroy` and `custodian holds list` (issue 13). */

function holdLine(h: HoldInfo): string {
  const what = h.id === null ? `request hold (${h.requestId === null ? '' : `PRR-${String(h.requestId).padStart(5, '0')}`})` : `hold ${h.id} (${h.kind})`;
  return `  ${h.itemId}${h.originalId !== h.itemId ? ` [keeps ${h.originalId}]` : ''}: ${what}: ${h.reason}${h.until ? ` until ${h.until}` : ''}`;
}

function batchText(b: DestructionBatchInfo): string {
  return [
    `Destruction batch ${b.id}: ${b.state}; proposed by ${b.proposedBy} at ${b.proposedAt}${b.approvedBy ? `; approved by ${b.approvedBy} at ${b.approvedAt}` : ''}${b.destroyedAt ? `; destroyed ${b.destroyedAt}` : ''}`,
    ...b.items.map((i) => `  ${i.itemId} ${i.sha256} ${i.state}`),
    ...(b.certificateItemId ? [`Certificate stored as ${b.certificateItemId}.`] : b.state === 'proposed' ? ['A second person (administrator or legal reviewer) approves it with: custodian retention destroy --approve ' + b.id] : []),
  ].join('\n');
}

export const retentionCommands: CliCommand[] = [
  {
    name: 'retention due',
    usage: 'custodian retention due [--within DAYS] [--json]   (default 14 days)',
    summary: 'List recordings whose retention date has passed or comes within DAYS, with their holds. Destroys nothing.',
    signIn: true,
    async run(ctx) {
      const within = Number(flag(ctx.args, 'within') ?? 14);
      if (!Number.isInteger(within) || within < 0) throw new CustodianError('BAD_INPUT', '--within takes a whole number of days.');
      const due = await ctx.call('retention.due', { withinDays: within });
      ctx.print(due, () =>
        due.length === 0
          ? `Nothing comes due within ${within} days.`
          : due
              .map((d) => `${d.due ? 'DUE ' : 'soon'} ${d.itemId}  keep until ${d.retentionDate.slice(0, 10)} (${d.ruleSeries}, from the ${d.startedFrom})${d.held ? `  ON HOLD: ${d.holds.map((h) => h.reason).join('; ')}` : ''}${d.batchId ? `  in batch ${d.batchId}` : ''}`)
              .join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'retention hold',
    usage: 'custodian retention hold ID --reason TEXT [--kind investigation|litigation|complaint] [--json]',
    summary: 'Place a hold on a recording (custodian or legal reviewer); a held recording cannot be destroyed. Logged.',
    signIn: true,
    async run(ctx, rest) {
      const itemId = rest[0];
      const reason = flag(ctx.args, 'reason');
      const kind = (flag(ctx.args, 'kind') ?? 'investigation') as HoldKind;
      if (!itemId || !reason) throw new CustodianError('BAD_INPUT', 'Give the recording id and --reason "why it must be kept".');
      if (!HOLD_KINDS.includes(kind)) throw new CustodianError('BAD_INPUT', `--kind takes one of: ${HOLD_KINDS.join(', ')}.`);
      const h = await ctx.call('holds.place', { itemId, kind, reason });
      ctx.print(h, () => `Placed hold ${h.id} (${h.kind}) on ${h.itemId}${h.originalId !== h.itemId ? `, which keeps its original ${h.originalId}` : ''}.`);
      return 0;
    },
  },
  {
    name: 'retention release',
    usage: 'custodian retention release HOLD_ID --reason TEXT [--json]',
    summary: 'Release (lift) a hold with a reason (custodian or legal reviewer). Logged.',
    signIn: true,
    async run(ctx, rest) {
      const holdId = Number(rest[0]);
      const reason = flag(ctx.args, 'reason');
      if (!Number.isInteger(holdId) || holdId <= 0 || !reason) throw new CustodianError('BAD_INPUT', 'Give the hold number (see "custodian holds list") and --reason.');
      const r = await ctx.call('holds.lift', { holdId, reason });
      ctx.print(r, () => `Released hold ${holdId}.`);
      return 0;
    },
  },
  {
    name: 'retention destroy',
    usage: 'custodian retention destroy --propose ID,ID... | --approve BATCH | --list [--json]',
    summary: 'Propose a destruction batch of due recordings (custodian), or approve one as a second person (administrator or legal reviewer; asks for your password), which deletes them and stores the certificate.',
    signIn: true,
    async run(ctx) {
      const propose = flag(ctx.args, 'propose');
      const approve = flag(ctx.args, 'approve');
      if (propose) {
        const b = await ctx.call('destruction.propose', { itemIds: propose.split(',').map((s) => s.trim()).filter(Boolean) });
        ctx.print(b, () => batchText(b));
        return 0;
      }
      if (approve) {
        const batchId = Number(approve);
        if (!Number.isInteger(batchId) || batchId <= 0) throw new CustodianError('BAD_INPUT', '--approve takes the batch number.');
        const b = await ctx.call('destruction.approve', { batchId, confirmPassword: await ctx.confirmPassword() });
        ctx.print(b, () => batchText(b));
        return 0;
      }
      if (ctx.args.flags.has('list')) {
        const all = await ctx.call('destruction.batches', {});
        ctx.print(all, () => (all.length ? all.map(batchText).join('\n\n') : 'No destruction batches.'));
        return 0;
      }
      throw new CustodianError('BAD_INPUT', 'Give --propose ID,ID (the recordings to destroy), --approve BATCH or --list.');
    },
  },
  {
    name: 'holds list',
    usage: 'custodian holds list [--json]',
    summary: 'Every open hold: manual (investigation, litigation, complaint) and automatic (a linked records request or its appeal window).',
    signIn: true,
    async run(ctx) {
      const holds = await ctx.call('holds.list', {});
      ctx.print(holds, () => (holds.length ? [`${holds.length} open hold${holds.length === 1 ? '' : 's'}:`, ...holds.map(holdLine)].join('\n') : 'No open holds.'));
      return 0;
    },
  },
];
