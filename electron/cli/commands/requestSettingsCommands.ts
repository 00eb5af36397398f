import { HOLIDAY_KINDS } from '../../../shared/domain/holidayKinds';
import { CustodianError } from '../../../shared/errors';
import { defaultDataDir } from '../../core/paths';
import { flag } from '../args';
import type { CliCommand } from './command';
import { cell } from '../terminalText';
import { countOf } from '../../../shared/plural';

/** School districts, the holiday table and the policy engine from the command line. */
export const requestSettingsCommands: CliCommand[] = [
  {
    name: 'districts add',
    usage: 'custodian districts add --domain DOMAIN | --name NAME [--json]',
    summary: "Administrator: add a school district's e-mail domain or name; requests from it are treated as school personnel.",
    signIn: true,
    async run(ctx) {
      const domain = flag(ctx.args, 'domain');
      const name = flag(ctx.args, 'name');
      if (!domain && !name) throw new CustodianError('BAD_INPUT', 'Give --domain DOMAIN or --name NAME.');
      const d = await ctx.call('districts.add', { domain, name });
      ctx.print(d, () => `Districts: domains ${d.domains.join(', ') || '(none)'}; names ${d.names.join(', ') || '(none)'}.`);
      return 0;
    },
  },
  {
    name: 'districts remove',
    usage: 'custodian districts remove --domain DOMAIN | --name NAME [--json]',
    summary: 'Administrator: remove a district domain or name (requests already found to be school personnel stay so).',
    signIn: true,
    async run(ctx) {
      const d = await ctx.call('districts.remove', { domain: flag(ctx.args, 'domain'), name: flag(ctx.args, 'name'), confirmPassword: await ctx.confirmPassword() });
      ctx.print(d, () => `Districts: domains ${d.domains.join(', ') || '(none)'}; names ${d.names.join(', ') || '(none)'}.`);
      return 0;
    },
  },
  {
    name: 'districts list',
    usage: 'custodian districts list [--json]',
    summary: 'List the school districts (e-mail domains and names) used to recognise school personnel.',
    signIn: true,
    async run(ctx) {
      const d = await ctx.call('districts.list', {});
      ctx.print(d, () => [...d.domains.map((x) => `domain\t${cell(x)}`), ...d.names.map((x) => `name\t${cell(x)}`)].join('\n') || 'No districts configured.');
      return 0;
    },
  },
  {
    name: 'holidays list',
    usage: 'custodian holidays list [--year YYYY] [--json]',
    summary: 'The holiday table the KRS 61.880(1) deadline clock skips (seeded with Kentucky state holidays).',
    signIn: true,
    async run(ctx) {
      const year = flag(ctx.args, 'year');
      const rows = await ctx.call('holidays.list', { year: year ? Number(year) : undefined });
      ctx.print(rows, () => rows.map((h) => `${h.date}\t${h.kind}\t${cell(h.name)}\t(${h.source})`).join('\n') || 'No holidays.');
      return 0;
    },
  },
  {
    name: 'holidays add',
    usage: `custodian holidays add --date YYYY-MM-DD --name NAME [--kind ${HOLIDAY_KINDS.join('|')}] [--json]`,
    summary: 'Administrator: add a holiday or agency closure to the deadline clock.',
    signIn: true,
    async run(ctx) {
      const kind = flag(ctx.args, 'kind') ?? 'closure';
      if (!(HOLIDAY_KINDS as readonly string[]).includes(kind)) throw new CustodianError('BAD_INPUT', `--kind takes one of: ${HOLIDAY_KINDS.join(', ')}.`);
      const rows = await ctx.call('holidays.add', { date: flag(ctx.args, 'date') ?? '', name: flag(ctx.args, 'name') ?? '', kind: kind as (typeof HOLIDAY_KINDS)[number] });
      ctx.print(rows, () => `Added. ${countOf(rows.length, 'entry', 'entries')} in that year.`);
      return 0;
    },
  },
  {
    name: 'holidays remove',
    usage: 'custodian holidays remove --date YYYY-MM-DD [--name NAME] [--json]',
    summary: 'Administrator: remove a holiday or closure from the deadline clock.',
    signIn: true,
    async run(ctx) {
      const rows = await ctx.call('holidays.remove', { date: flag(ctx.args, 'date') ?? '', name: flag(ctx.args, 'name') });
      ctx.print(rows, () => `Removed. ${countOf(rows.length, 'entry', 'entries')} left in that year.`);
      return 0;
    },
  },
  {
    name: 'policy evaluate',
    usage: 'custodian policy evaluate FILE.json [--data DIR] [--json]',
    summary:
      'Run the release rules on a JSON file {request, recordings, districts?} without signing in or storing anything; prints {"schoolPersonnel","why","proposals":[{"recording","outcome","reasons":[{"text","cite"}]}]}. Districts from the data folder, if one exists, are added.',
    signIn: false,
    standalone: true,
    async run(ctx, rest) {
      if (!rest[0]) throw new CustodianError('BAD_INPUT', 'Name the JSON file to evaluate.');
      const { evaluatePolicyFile, readAgencyPolicyData } = await import('../../core/requests/policyFile');
      const agency = readAgencyPolicyData(flag(ctx.args, 'data') ?? defaultDataDir());
      const result = evaluatePolicyFile(rest[0], agency);
      if (ctx.json) {
        ctx.out(JSON.stringify(result));
        return 0;
      }
      ctx.out(
        [
          result.schoolPersonnel ? 'SCHOOL PERSONNEL: nothing may be released.' : 'Not school personnel.',
          ...result.why.map((w) => `  - ${w}`),
          ...result.proposals.flatMap((p) => [`Recording ${p.recording}: ${p.outcome}`, ...p.reasons.map((r) => `  ${r.text} (${r.cite})`)]),
          agency.source ? `(districts from ${agency.source})` : '(no data folder: only the districts in the file were used)',
        ].join('\n'),
      );
      return 0;
    },
  },
];
