import { CustodianError } from '../../../shared/errors';
import { flag } from '../args';
import { prompt } from '../prompt';
import type { CliCommand } from './command';
import { writeErr } from '../terminalText';

async function newPasswordFor(username: string): Promise<string> {
  if (process.env.CUSTODIAN_NEW_PASSWORD) return process.env.CUSTODIAN_NEW_PASSWORD;
  const a = await prompt(`New password for ${username}: `, true);
  const b = await prompt('Repeat the new password: ', true);
  if (a !== b) throw new CustodianError('BAD_INPUT', 'The two passwords are not the same.');
  return a;
}

async function userId(ctx: Parameters<CliCommand['run']>[0], username: string): Promise<number> {
  const u = (await ctx.call('users.list', {})).find((x) => x.username.toLowerCase() === username.toLowerCase());
  if (!u) throw new CustodianError('NOT_FOUND', `There is no user named "${username}".`);
  return u.id;
}

export const adminCommands: CliCommand[] = [
  {
    name: 'admin break-glass',
    usage: 'custodian admin break-glass --user NAME [--reset-mfa] [--data DIR]   (recovery code from CUSTODIAN_RECOVERY_CODE or a prompt)',
    summary:
      'Emergency: unlock an administrator and set a new password with the recovery code printed at setup. Needs the OS account that owns the data folder. Logged as break-glass and raised as a finding.',
    signIn: false,
    async run(ctx) {
      const username = flag(ctx.args, 'user');
      if (!username) throw new CustodianError('BAD_INPUT', 'Name the administrator to unlock with --user NAME.');
      writeErr(
        [
          '',
          '*** BREAK-GLASS ***',
          `This unlocks ${username} and sets a new password on ${ctx.core.paths.root}.`,
          'It is recorded in the custody log and shown to every administrator as an open finding.',
          '',
        ].join('\n'),
      );
      const recoveryCode = process.env.CUSTODIAN_RECOVERY_CODE ?? (await prompt('Recovery code: ', true));
      const newPassword = await newPasswordFor(username);
      const { breakGlass } = await import('../../core/accounts/breakGlass');
      const r = await breakGlass(ctx.core, { username, recoveryCode, newPassword, resetMfa: ctx.args.flags.get('reset-mfa') === true });
      ctx.print({ ok: true, username: r.username, wasLocked: r.wasLocked, mfaReset: r.mfaReset, newRecoveryCode: r.newRecoveryCode }, () =>
        [
          `${r.username} is ${r.wasLocked ? 'unlocked' : 'not locked'} and has the new password${r.mfaReset ? '; the second factor was removed' : ''}.`,
          'The old recovery code is used up. NEW RECOVERY CODE (print it and lock it away; it is not shown again):',
          `    ${r.newRecoveryCode}`,
          'Sign in, then acknowledge the break-glass finding on the dashboard.',
        ].join('\n'),
      );
      return 0;
    },
  },
  {
    name: 'admin recovery-code',
    usage: 'custodian admin recovery-code',
    summary: 'Issue a new break-glass recovery code (the old one stops working). Administrators only.',
    signIn: true,
    async run(ctx) {
      const r = await ctx.call('security.recoveryCode.issue', { confirmPassword: await ctx.confirmPassword() });
      ctx.print(r, () => [`NEW RECOVERY CODE (issued ${r.issuedAt}; print it and lock it away):`, `    ${r.recoveryCode}`].join('\n'));
      return 0;
    },
  },
  {
    name: 'users unlock',
    usage: 'custodian users unlock --user NAME',
    summary: 'Release an account locked after five failed sign-ins. Administrators only.',
    signIn: true,
    async run(ctx) {
      const username = flag(ctx.args, 'user');
      if (!username) throw new CustodianError('BAD_INPUT', 'Name the account with --user NAME.');
      const u = await ctx.call('users.unlock', { id: await userId(ctx, username), confirmPassword: await ctx.confirmPassword() });
      ctx.print(u, () => `${u.username} is unlocked.`);
      return 0;
    },
  },
];
