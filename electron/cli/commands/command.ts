import type { CliContext } from '../cliContext';

export interface CliCommand {
  /** Words that select the command, e.g. "custody verify". */
  name: string;
  usage: string;
  summary: string;
  /** Sign in (CUSTODIAN_USER / CUSTODIAN_PASSWORD or a prompt) before running. */
  signIn: boolean;
  /** Runs without opening a core on the data folder (`ctx.core` and `ctx.call` are unavailable), e.g. a restore that creates its own. */
  standalone?: boolean;
  run(ctx: CliContext, rest: string[]): Promise<number>;
}
