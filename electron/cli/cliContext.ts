import type { Core } from '../core/core';
import type { Input, Method, Output } from '../../shared/contract';
import { CustodianError } from '../../shared/errors';
import type { ParsedArgs } from './args';
import { prompt } from './prompt';
import { jsonTextSafe, terminalSafe } from './terminalText';

export interface CliContext {
  core: Core;
  args: ParsedArgs;
  json: boolean;
  session?: string;
  out(text: string): void;
  print(value: unknown, human: () => string): void;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  signIn(): Promise<void>;
  /** The signed-in user's password, for actions the core confirms with it again (`confirmPassword`). */
  confirmPassword(): Promise<string>;
}

/** CJIS AC-8 at the command line: the notice is shown, and accepted at a prompt or by flag in scripts. */
async function acknowledgeBanner(args: ParsedArgs, banner: string): Promise<true> {
  process.stderr.write(terminalSafe(`\n${banner}\n\n`));
  if (args.flags.get('accept-banner') === true || /^(1|yes|true)$/i.test(process.env.CUSTODIAN_ACCEPT_BANNER ?? '')) return true;
  if (!process.stdin.isTTY) {
    throw new CustodianError('BAD_INPUT', 'Read the system-use notice above. To accept it in a script, add --accept-banner (or set CUSTODIAN_ACCEPT_BANNER=yes).');
  }
  const answer = await prompt('Do you accept this notice? Type yes to continue: ');
  if (answer.trim().toLowerCase() !== 'yes') throw new CustodianError('BAD_INPUT', 'The notice was not accepted, so you were not signed in.');
  return true;
}

export function makeContext(core: Core | null, args: ParsedArgs): CliContext {
  const json = args.flags.get('json') === true;
  let signedInPassword: string | null = null;
  const needCore = (): Core => {
    if (!core) throw new CustodianError('INTERNAL', 'This command runs without opening the data folder.');
    return core;
  };
  const ctx: CliContext = {
    get core() {
      return needCore();
    },
    args,
    json,
    // Everything printed goes through here: user text is shown, never obeyed by the terminal.
    out: (text) => {
      const safe = json ? jsonTextSafe(text) : terminalSafe(text);
      process.stdout.write(safe.endsWith('\n') ? safe : `${safe}\n`);
    },
    print: (value, human) => ctx.out(json ? JSON.stringify(value, null, 2) : human()),
    async call(method, input) {
      const r = await needCore().call({ method, input, session: ctx.session }, { host: 'cli' });
      if (!r.ok) throw new CustodianError(r.error.code, r.error.message, r.error.details);
      return r.value as Output<typeof method>;
    },
    async signIn() {
      const status = await ctx.call('setup.status', {});
      const acknowledgedBanner = await acknowledgeBanner(args, status.banner);
      const username = process.env.CUSTODIAN_USER ?? (await prompt('User name: '));
      const password = process.env.CUSTODIAN_PASSWORD ?? (await prompt('Password: ', true));
      const s = await ctx.call('auth.login', { username, password, acknowledgedBanner });
      if (s.mfaRequired) {
        const code = process.env.CUSTODIAN_TOTP ?? (await prompt('Code from your authenticator app: '));
        ctx.session = (await ctx.call('auth.loginMfa', { challenge: s.challenge, code })).token;
      } else {
        ctx.session = s.token;
      }
      if (s.mfaEnrolmentRequired) {
        throw new CustodianError('FORBIDDEN', 'Your agency requires administrators to use a second factor. Set up an authenticator app in the Custodian window first.');
      }
      signedInPassword = password;
    },
    async confirmPassword() {
      return signedInPassword ?? process.env.CUSTODIAN_PASSWORD ?? (await prompt('Your password, to confirm: ', true));
    },
  };
  return ctx;
}
