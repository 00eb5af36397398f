import { CustodianError } from '../../../shared/errors';
import { ROLES, type Role } from '../../../shared/roles';
import { flag } from '../args';
import { prompt } from '../prompt';
import type { CliCommand } from './command';
import { cell } from '../terminalText';

async function newPassword(): Promise<string> {
  if (process.env.CUSTODIAN_PASSWORD) return process.env.CUSTODIAN_PASSWORD;
  const a = await prompt('New password: ', true);
  const b = await prompt('Repeat the password: ', true);
  if (a !== b) throw new CustodianError('BAD_INPUT', 'The two passwords are not the same.');
  return a;
}

function parseRoles(text: string | undefined): Role[] {
  const roles = (text ?? '').split(',').map((r) => r.trim()).filter(Boolean);
  const bad = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (roles.length === 0 || bad.length) throw new CustodianError('BAD_INPUT', `--roles takes a comma-separated list of: ${ROLES.join(', ')}.`);
  return roles as Role[];
}

export const setupCommands: CliCommand[] = [
  {
    name: 'setup',
    usage: 'custodian setup --agency NAME --admin USER [--address TEXT] [--display-name NAME]',
    summary: 'First run: set up the agency and the first administrator (password from CUSTODIAN_PASSWORD or a prompt).',
    signIn: false,
    async run(ctx) {
      const agencyName = flag(ctx.args, 'agency');
      const username = flag(ctx.args, 'admin');
      if (!agencyName || !username) throw new CustodianError('BAD_INPUT', 'Give the agency name with --agency and the administrator user name with --admin.');
      const s = await ctx.call('setup.run', {
        agencyName,
        agencyAddress: flag(ctx.args, 'address') ?? '',
        username,
        displayName: flag(ctx.args, 'display-name') ?? username,
        password: await newPassword(),
        acknowledgedBanner: true,
      });
      ctx.print({ ok: true, agency: agencyName, admin: s.username, roles: s.roles, dataDir: ctx.core.paths.root, recoveryCode: s.recoveryCode }, () =>
        [
          `Set up ${agencyName} with administrator ${s.username} in ${ctx.core.paths.root}.`,
          '',
          'BREAK-GLASS RECOVERY CODE (shown once; print it or write it down, and lock it away):',
          `    ${s.recoveryCode}`,
          'With it, and access to this computer\'s data folder, "custodian admin break-glass" unlocks the administrator',
          'if the account is ever locked or the password forgotten. See docs/admin-guide.md.',
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'users list',
    usage: 'custodian users list [--json]',
    summary: 'List user accounts and their roles.',
    signIn: true,
    async run(ctx) {
      const users = await ctx.call('users.list', {});
      ctx.print(users, () => users.map((u) => `${cell(u.username)}\t${cell(u.displayName)}\t${u.roles.join(',')}${u.disabled ? '\t(disabled)' : ''}${u.lockedAt ? '\t(locked)' : ''}`).join('\n'));
      return 0;
    },
  },
  {
    name: 'users add',
    usage: 'custodian users add --username USER --roles custodian,legal-reviewer [--display-name NAME]',
    summary: "Add a user (the new user's password from CUSTODIAN_NEW_PASSWORD or a prompt).",
    signIn: true,
    async run(ctx) {
      const username = flag(ctx.args, 'username');
      if (!username) throw new CustodianError('BAD_INPUT', 'Give the new user name with --username.');
      const password = process.env.CUSTODIAN_NEW_PASSWORD ?? (await prompt(`Password for ${username}: `, true));
      const u = await ctx.call('users.create', { username, displayName: flag(ctx.args, 'display-name') ?? username, password, roles: parseRoles(flag(ctx.args, 'roles')), confirmPassword: await ctx.confirmPassword() });
      ctx.print(u, () => `Added ${u.username} (${u.roles.join(', ')}).`);
      return 0;
    },
  },
];
