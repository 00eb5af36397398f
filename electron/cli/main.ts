import { defaultDataDir } from '../core/paths';
import { toErrorData } from '../../shared/errors';
import { flag, parseArgs } from './args';
import { makeContext } from './cliContext';
import { commands } from './commands';
import { jsonSafe, writeErr } from './terminalText';
import type { CliCommand } from './commands/command';

function findCommand(words: string[]): { cmd: CliCommand; rest: string[] } | null {
  let best: { cmd: CliCommand; rest: string[] } | null = null;
  for (const cmd of commands) {
    const parts = cmd.name.split(' ');
    if (parts.every((p, i) => words[i] === p) && (!best || parts.length > best.cmd.name.split(' ').length)) {
      best = { cmd, rest: words.slice(parts.length) };
    }
  }
  return best;
}

function help(): string {
  return [
    'custodian — the evidence library, request desk and release tool, from the command line.',
    '',
    'Global options: --data DIR (or CUSTODIAN_DATA) selects the data folder; --json prints machine-readable output.',
    'Sign-in: CUSTODIAN_USER and CUSTODIAN_PASSWORD, or a prompt. Every action is recorded under that user.',
    'The system-use notice is shown at sign-in: accept it at the prompt, or with --accept-banner (or CUSTODIAN_ACCEPT_BANNER=yes) in scripts.',
    'A second factor: CUSTODIAN_TOTP, or a prompt. Actions that need your password again reuse the sign-in password.',
    '',
    ...commands.map((c) => `  ${c.usage}\n      ${c.summary}`),
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const found = findCommand(args.positional);
  if (!found || args.flags.get('help') === true) {
    process.stdout.write(`${help()}\n`);
    return found || args.positional.length === 0 ? 0 : 2;
  }
  // The CLI is short-lived: no scheduled backups or session sweeps in its process.
  // The core (every handler, the PDF writer, the schemas) loads only for a command that needs it: --help and standalone commands start at once.
  const core = found.cmd.standalone ? null : await (await import('../core/openCore')).openCore({ dataDir: flag(args, 'data') ?? defaultDataDir(), backgroundTasks: false });
  const ctx = makeContext(core, args);
  try {
    if (found.cmd.signIn) await ctx.signIn();
    return await found.cmd.run(ctx, found.rest);
  } catch (err) {
    const e = toErrorData(err);
    if (ctx.json) process.stdout.write(`${jsonSafe({ ok: false, error: e })}\n`);
    writeErr(`custodian: ${e.message}`);
    return e.code === 'BAD_INPUT' ? 2 : 3;
  } finally {
    if (core && ctx.session) await core.call({ method: 'auth.logout', input: {}, session: ctx.session }, { host: 'cli' });
    await core?.close();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: unknown) => {
      writeErr(`custodian: ${toErrorData(err).message}`);
      process.exit(3);
    },
  );
}
