import fs from 'node:fs';
import path from 'node:path';
import {
  LETTER_KINDS,
  RECORDING_DECISIONS,
  REQUEST_CHANNELS,
  RESIDENCY_BASES,
  SIMPLE_REQUEST_EVENTS,
  type LetterInfo,
  type RequestDetail,
  type RequestSummary,
} from '../../../shared/contract/requestTypes';
import { REQUESTER_CATEGORIES } from '../../../shared/domain/requesterCategories';
import { CustodianError } from '../../../shared/errors';
import { flag, type ParsedArgs } from '../args';
import type { CliContext } from '../cliContext';
import type { CliCommand } from './command';
import { cell, writeErr } from '../terminalText';
import { requestSettingsCommands } from './requestSettingsCommands';
import { countOf } from '../../../shared/plural';

/** `custodian request …`: the request desk from the command line (same core calls as the UI). */

export function requestId(rest: string[]): number {
  const raw = (rest[0] ?? '').replace(/^PRR-0*/i, '');
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) throw new CustodianError('BAD_INPUT', 'Give the request number, e.g. 12 or PRR-00012.');
  return id;
}

function need(args: ParsedArgs, name: string, what: string): string {
  const v = flag(args, name);
  if (v === undefined || v.trim() === '') throw new CustodianError('BAD_INPUT', `Give ${what} with --${name}.`);
  return v;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], name: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new CustodianError('BAD_INPUT', `--${name} takes one of: ${allowed.join(', ')}.`);
  return value as T;
}

export function idList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function summaryLine(r: RequestSummary): string {
  const flags = [r.schoolPersonnel ? 'SCHOOL PERSONNEL' : '', r.delayed ? 'delayed' : ''].filter(Boolean).join(', ');
  return `${r.reference}\t${r.state}\tdue ${r.dueDate} (${r.deadline})\t${cell(r.requesterName)}${r.organization ? ` / ${cell(r.organization)}` : ''}\t${countOf(r.recordingCount, 'recording')}${flags ? `\t[${flags}]` : ''}`;
}

export function describeRequest(d: RequestDetail): string {
  const lines = [
    `${d.reference}  ${d.state}  received ${d.receivedAt}  due ${d.dueDate} (${d.deadline})${d.delay ? `  delayed from ${d.delay.originalDueDate}` : ''}`,
    `Requester: ${cell(d.requester.name)}${d.requester.organization ? `, ${cell(d.requester.organization)}` : ''} <${cell(d.requester.email)}>  category ${d.requester.category}  via ${d.requester.channel}`,
    `Asked for: ${d.description}`,
  ];
  if (d.schoolPersonnel) lines.push('SCHOOL PERSONNEL - nothing can be released:', ...d.schoolPersonnelWhy.map((w) => `  - ${w}`));
  for (const m of d.schoolNearMatches) {
    lines.push(
      m.cleared
        ? `Near match cleared by ${m.cleared.by} at ${m.cleared.at}: ${m.why} Reason: ${m.cleared.reason}`
        : `Near match (clear with: custodian request clear-school-match ${d.reference} --match '${m.key}' --reason TEXT): ${m.why}`,
    );
  }
  for (const p of d.proposals) {
    lines.push(`Recording ${p.itemId}: proposal ${p.outcome} (suggested decision: ${p.suggestedDecision})`);
    for (const r of p.reasons) lines.push(`  [${r.kind}] ${r.text} (${r.cite})`);
  }
  for (const x of d.draftDecisions) lines.push(`Draft: ${x.itemId} ${x.decision}${x.exemptionCite ? ` under ${x.exemptionCite}` : ''} by ${x.decidedBy}`);
  if (d.decision) lines.push(`Signed decision #${d.decision.id}: ${d.decision.outcome} by ${d.decision.decidedBy} at ${d.decision.signedAt}${d.decision.valid ? '' : ` - NO LONGER VALID: ${d.decision.problems.join(' ')}`}`);
  for (const l of d.letters) lines.push(`Letter #${l.id} ${l.kind} ${l.fileName} sha256 ${l.sha256}`);
  for (const w of d.warnings) lines.push(`Warning: ${w}`);
  lines.push(`Next steps for you: ${d.allowedEvents.join(', ') || 'none'}`);
  return lines.join('\n');
}

function printWarnings(ctx: CliContext, warnings: readonly string[]): void {
  if (!ctx.json) for (const w of warnings) writeErr(`warning: ${w}`);
}

async function downloadLetter(ctx: CliContext, letter: LetterInfo, out: string): Promise<string> {
  const got = await ctx.call('letters.get', { id: letter.id });
  const file = path.resolve(out);
  fs.writeFileSync(file, Buffer.from(got.base64, 'base64'), { flag: 'wx' });
  return file;
}

const requestCommands: CliCommand[] = [
  {
    name: 'request add',
    usage:
      'custodian request add --name NAME --category CATEGORY --received ISO --description TEXT [--email E] [--organization O] [--phone P] [--address TEXT] [--channel email|mail|fax|hand-delivery|ag-form] [--residency BASIS] [--residency-statement TEXT] [--affidavit] [--letter FILE] [--recordings ID,ID] [--json]',
    summary: `Record a new open-records request (categories: ${REQUESTER_CATEGORIES.join(', ')}); shows the KRS 61.880(1) due date and any school-personnel finding.`,
    signIn: true,
    async run(ctx) {
      const a = ctx.args;
      const letter = flag(a, 'letter');
      const d = await ctx.call('requests.create', {
        name: need(a, 'name', "the requester's name"),
        email: flag(a, 'email') ?? '',
        organization: flag(a, 'organization') ?? '',
        phone: flag(a, 'phone') ?? '',
        postalAddress: flag(a, 'address') ?? '',
        category: oneOf(need(a, 'category', 'the requester category'), REQUESTER_CATEGORIES, 'category'),
        channel: oneOf(flag(a, 'channel') ?? 'email', REQUEST_CHANNELS, 'channel'),
        receivedAt: need(a, 'received', 'the date and time received (e.g. 2026-11-20T10:04:00-05:00)'),
        description: need(a, 'description', 'what was asked for'),
        residency: oneOf(flag(a, 'residency') ?? 'not-stated', RESIDENCY_BASES, 'residency'),
        residencyStatement: flag(a, 'residency-statement') ?? '',
        attorneyAffidavit: a.flags.get('affidavit') === true,
        recordingIds: idList(flag(a, 'recordings')),
        letterPath: letter ? path.resolve(letter) : undefined,
      });
      ctx.print(d, () => `Recorded ${d.reference}; the written response is due ${d.dueDate}.\n${describeRequest(d)}`);
      return 0;
    },
  },
  {
    name: 'request list',
    usage: 'custodian request list [--state STATE,STATE] [--search TEXT] [--json]',
    summary: 'List requests with their state and due date (newest first).',
    signIn: true,
    async run(ctx) {
      const states = idList(flag(ctx.args, 'state'));
      const rows = await ctx.call('requests.list', { states: states.length ? (states as RequestSummary['state'][]) : undefined, text: flag(ctx.args, 'search') });
      ctx.print(rows, () => rows.map(summaryLine).join('\n') || 'No requests.');
      return 0;
    },
  },
  {
    name: 'request show',
    usage: 'custodian request show ID [--json]',
    summary: 'Show a request: requester, due date, recordings with the release proposals, decisions, letters.',
    signIn: true,
    async run(ctx, rest) {
      const d = await ctx.call('requests.get', { id: requestId(rest) });
      ctx.print(d, () => describeRequest(d));
      return 0;
    },
  },
  {
    name: 'request link',
    usage: 'custodian request link ID --recordings ID,ID [--remove ID,ID] [--json]',
    summary: 'Add (and remove) the recordings a request covers; each change is a custody event and voids a signed approval.',
    signIn: true,
    async run(ctx, rest) {
      const add = idList(flag(ctx.args, 'recordings'));
      const remove = idList(flag(ctx.args, 'remove'));
      if (add.length + remove.length === 0) throw new CustodianError('BAD_INPUT', 'Give recording ids with --recordings (and/or --remove).');
      const d = await ctx.call('requests.link', { id: requestId(rest), add, remove });
      ctx.print(d, () => describeRequest(d));
      return 0;
    },
  },
  {
    name: 'request submit',
    usage: 'custodian request submit ID [--json]',
    summary: 'Send a request to legal review (starting preparation first if needed).',
    signIn: true,
    async run(ctx, rest) {
      const id = requestId(rest);
      const before = await ctx.call('requests.get', { id });
      if (before.state === 'received') await ctx.call('requests.transition', { id, event: 'start-preparation' });
      const d = await ctx.call('requests.transition', { id, event: 'submit-for-review' });
      ctx.print(d, () => `${d.reference} is now ${d.state}.`);
      return 0;
    },
  },
  {
    name: 'request transition',
    usage: `custodian request transition ID --event ${SIMPLE_REQUEST_EVENTS.join('|')} [--note TEXT] [--json]`,
    summary: 'Another workflow step (return for changes and void approval need --note).',
    signIn: true,
    async run(ctx, rest) {
      const event = oneOf(need(ctx.args, 'event', 'the step'), SIMPLE_REQUEST_EVENTS, 'event');
      const d = await ctx.call('requests.transition', { id: requestId(rest), event, note: flag(ctx.args, 'note') });
      ctx.print(d, () => `${d.reference} is now ${d.state}.`);
      return 0;
    },
  },
  {
    name: 'request decide',
    usage: `custodian request decide ID --recording RID --decision ${RECORDING_DECISIONS.join('|')} [--exemption X --explanation TEXT] [--reason TEXT] [--json]`,
    summary: 'Legal reviewer: record the decision for one recording (withhold needs --exemption and --explanation; departing from the proposal needs --reason). Then "request sign".',
    signIn: true,
    async run(ctx, rest) {
      const r = await ctx.call('requests.setDecision', {
        id: requestId(rest),
        itemId: need(ctx.args, 'recording', 'the recording id'),
        decision: oneOf(need(ctx.args, 'decision', 'the decision'), RECORDING_DECISIONS, 'decision'),
        exemptionId: flag(ctx.args, 'exemption'),
        explanation: flag(ctx.args, 'explanation'),
        reason: flag(ctx.args, 'reason'),
      });
      printWarnings(ctx, r.warnings);
      ctx.print(r, () => `Recorded: ${r.decision.itemId} ${r.decision.decision}. Sign with "custodian request sign ${rest[0]}" once every recording is decided.`);
      return 0;
    },
  },
  {
    name: 'request sign',
    usage: 'custodian request sign ID [--json]',
    summary: 'Legal reviewer: sign the decisions for every recording (asks for your password again).',
    signIn: true,
    async run(ctx, rest) {
      const r = await ctx.call('requests.signOff', { id: requestId(rest), decisions: [], confirmPassword: await ctx.confirmPassword() });
      printWarnings(ctx, r.warnings);
      ctx.print(r, () => `Signed: ${r.request.reference} ${r.decision.outcome}; signature sha256 ${r.decision.signatureSha256}.`);
      return 0;
    },
  },
  {
    name: 'request clear-school-match',
    usage: 'custodian request clear-school-match ID [--match KEY] --reason TEXT [--json]',
    summary: 'Legal reviewer: clear a near match to a school district (asks for your password again; logged with the reason). Definite matches cannot be cleared.',
    signIn: true,
    async run(ctx, rest) {
      const d = await ctx.call('requests.clearSchoolMatch', {
        id: requestId(rest),
        matchKey: flag(ctx.args, 'match'),
        reason: need(ctx.args, 'reason', 'why this requester is not school personnel'),
        confirmPassword: await ctx.confirmPassword(),
      });
      ctx.print(d, () => (d.schoolPersonnel ? `${d.reference} is still treated as school personnel:\n${d.schoolPersonnelWhy.map((w) => `  - ${w}`).join('\n')}` : `${d.reference}: near match cleared; the request is not treated as school personnel.`));
      return 0;
    },
  },
  {
    name: 'request release',
    usage: 'custodian request release ID [--json]',
    summary: 'Mark the approved recordings released. Refused without a valid signed legal decision, and always for school personnel.',
    signIn: true,
    async run(ctx, rest) {
      const d = await ctx.call('requests.release', { id: requestId(rest) });
      ctx.print(d, () => `${d.reference} released at ${d.releasedAt ?? ''}.`);
      return 0;
    },
  },
  {
    name: 'request delay',
    usage: 'custodian request delay ID --until YYYY-MM-DD --explanation TEXT [--out FILE.pdf] [--json]',
    summary: 'KRS 61.872(5) delay notice: moves the due date to the earliest availability date and issues the notice letter.',
    signIn: true,
    async run(ctx, rest) {
      const r = await ctx.call('requests.delay', { id: requestId(rest), earliestAvailable: need(ctx.args, 'until', 'the earliest date available'), explanation: need(ctx.args, 'explanation', 'the detailed cause') });
      printWarnings(ctx, r.warnings);
      const out = flag(ctx.args, 'out');
      const file = out ? await downloadLetter(ctx, r.letter, out) : null;
      ctx.print({ ...r, file }, () => `${r.request.reference} now due ${r.request.dueDate}; delay notice letter #${r.letter.id}${file ? ` written to ${file}` : ''}.`);
      return 0;
    },
  },
  {
    name: 'request letter',
    usage: `custodian request letter ID --kind ${LETTER_KINDS.join('|')} --out FILE.pdf [--viewing VID] [--json]`,
    summary: 'Issue a letter (stored with the request, hashed and logged) and write the PDF.',
    signIn: true,
    async run(ctx, rest) {
      const kind = oneOf(need(ctx.args, 'kind', 'the letter kind'), LETTER_KINDS, 'kind');
      const out = need(ctx.args, 'out', 'the PDF file to write');
      const viewing = flag(ctx.args, 'viewing');
      const r = await ctx.call('letters.issue', { requestId: requestId(rest), kind, viewingId: viewing ? Number(viewing) : undefined });
      printWarnings(ctx, r.warnings);
      const file = await downloadLetter(ctx, r.letter, out);
      ctx.print({ ...r, file }, () => `Letter #${r.letter.id} (${kind}) sha256 ${r.letter.sha256} written to ${file}.`);
      return 0;
    },
  },
  {
    name: 'request viewing',
    usage: 'custodian request viewing ID --at ISO --place TEXT --attendees "NAME;NAME" [--out FILE.pdf] [--json]',
    summary: 'Schedule an in-person viewing (KRS 61.168(5)(d)) and issue the appointment letter.',
    signIn: true,
    async run(ctx, rest) {
      const attendees = need(ctx.args, 'attendees', 'who will attend').split(';').map((s) => s.trim()).filter(Boolean);
      const r = await ctx.call('viewing.schedule', { requestId: requestId(rest), at: need(ctx.args, 'at', 'the date and time'), place: need(ctx.args, 'place', 'the place'), attendees });
      const out = flag(ctx.args, 'out');
      const file = out ? await downloadLetter(ctx, r.letter, out) : null;
      ctx.print({ ...r, file }, () => `Viewing #${r.viewing.id} at ${r.viewing.at}; appointment letter #${r.letter.id}${file ? ` written to ${file}` : ''}.`);
      return 0;
    },
  },
  {
    name: 'request dashboard',
    usage: 'custodian request dashboard [--json]',
    summary: 'Counts by state; requests due today, overdue and waiting on legal review (agency time zone).',
    signIn: true,
    async run(ctx) {
      const d = await ctx.call('requests.dashboard', {});
      ctx.print(d, () =>
        [
          `Today ${d.today} (${d.timeZone}); open ${d.open}.`,
          `By state: ${Object.entries(d.byStatus).map(([s, n]) => `${s} ${n}`).join(', ')}`,
          `Overdue (${d.overdue.length}):`,
          ...d.overdue.map((r) => `  ${summaryLine(r)}`),
          `Due today (${d.dueToday.length}):`,
          ...d.dueToday.map((r) => `  ${summaryLine(r)}`),
          `Waiting on legal review (${d.awaitingReview.length}):`,
          ...d.awaitingReview.map((r) => `  ${summaryLine(r)}`),
        ].join('\n'),
      );
      return 0;
    },
  },
];

export const requestDeskCommands: CliCommand[] = [...requestCommands, ...requestSettingsCommands];
