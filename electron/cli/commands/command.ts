import type { CliContext } from '../cliContext';

export interface CliCommand {
  /** Words that select the command, e.g. "custody verify". */
  name: string;
  usage: string;
  summary: string;
  /** Sign in (CUSTODIAN_USER / CUSTODIAN_PASSWORD or a prompt) before running. */
  signIn: boolean;
  run(ctx: CliContext, rest: string[]): Promise<number>;
}
