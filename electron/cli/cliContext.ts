import type { Core } from '../core/core';
import type { Input, Method, Output } from '../../shared/contract';
import { CustodianError } from '../../shared/errors';
import type { ParsedArgs } from './args';
import { prompt } from './prompt';

export interface CliContext {
  core: Core;
  args: ParsedArgs;
  json: boolean;
  session?: string;
  out(text: string): void;
  print(value: unknown, human: () => string): void;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  signIn(): Promise<void>;
}

export function makeContext(core: Core, args: ParsedArgs): CliContext {
  const json = args.flags.get('json') === true;
  const ctx: CliContext = {
    core,
    args,
    json,
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    print: (value, human) => ctx.out(json ? JSON.stringify(value, null, 2) : human()),
    async call(method, input) {
      const r = await core.call({ method, input, session: ctx.session }, { host: 'cli' });
      if (!r.ok) throw new CustodianError(r.error.code, r.error.message, r.error.details);
      return r.value as Output<typeof method>;
    },
    async signIn() {
      const username = process.env.CUSTODIAN_USER ?? (await prompt('User name: '));
      const password = process.env.CUSTODIAN_PASSWORD ?? (await prompt('Password: ', true));
      const s = await ctx.call('auth.login', { username, password });
      ctx.session = s.token;
    },
  };
  return ctx;
}
