import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { makeContext } from '../../../electron/cli/cliContext';
import { commands } from '../../../electron/cli/commands';
import { openDesk, type Desk } from './desk';

/** `custodian request add --email …` refuses an e-mail field it cannot read, with the core's words. */

let desk: Desk | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await desk?.close();
  desk = null;
});

async function add(email: string): Promise<unknown> {
  const args = parseArgs(['request', 'add', '--name', 'Pat Public', '--email', email, '--category', 'public', '--received', '2026-11-20T15:00:00Z', '--description', 'Video of the incident', '--json']);
  const found = commands.find((c) => c.name === 'request add');
  if (!found) throw new Error('no request add command');
  const ctx = makeContext(desk!.core, args);
  ctx.session = desk!.tokens.cora;
  return found.run(ctx, args.positional.slice(2));
}

describe('custodian request add --email', () => {
  it('refuses an unreadable field with the plain message, and accepts the Outlook form', async () => {
    desk = await openDesk();
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await expect(add('Jane Doe <jane@example.org')).rejects.toMatchObject({
      code: 'BAD_INPUT',
      message: 'The e-mail field could not be read as e-mail addresses: an angle bracket < is not closed with >. Enter addresses like jane@example.org, separated by commas.',
    });
    await expect(add('Jane Doe <jane@example.org>;')).resolves.toBe(0);
  });
});
