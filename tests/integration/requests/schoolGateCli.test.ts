import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { makeContext } from '../../../electron/cli/cliContext';
import { commands } from '../../../electron/cli/commands';
import { openDesk, PASSWORD, type Desk } from './desk';
import { addRecording, PUBLIC_REQUEST } from './desk';

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

describe('custodian request clear-school-match', () => {
  it('shows the near match with the command to clear it, and clears it for the legal reviewer with the reason logged', async () => {
    desk = await openDesk();
    const d = desk;
    await d.call('admin', 'districts.add', { name: 'Fayette County Public Schools' });
    const rec = addRecording(d.core).id;
    const r = await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, name: 'Pat Parent', organization: 'Fayette Co. School PTO', category: 'public', recordingIds: [rec] });
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      out += String(chunk);
      return true;
    });
    const run = async (as: 'cora' | 'lee', argv: string[]) => {
      const args = parseArgs(argv);
      const found = commands.find((c) => argv.slice(0, c.name.split(' ').length).join(' ') === c.name);
      if (!found) throw new Error(`no command for ${argv.join(' ')}`);
      const ctx = makeContext(d.core, args);
      ctx.session = d.tokens[as];
      ctx.confirmPassword = () => Promise.resolve(PASSWORD);
      return found.run(ctx, args.positional.slice(found.name.split(' ').length));
    };
    await run('cora', ['request', 'show', String(r.id)]);
    expect(out).toContain(`custodian request clear-school-match PRR-${String(r.id).padStart(5, '0')} --match`);
    await expect(run('cora', ['request', 'clear-school-match', String(r.id), '--reason', 'A parents group, not the district.'])).rejects.toMatchObject({ code: 'FORBIDDEN' });
    out = '';
    await expect(run('lee', ['request', 'clear-school-match', String(r.id), '--reason', 'A parents group, not the district.', '--json'])).resolves.toBe(0);
    expect(JSON.parse(out)).toMatchObject({ schoolPersonnel: false });
    const ev = d.core.custody.forObject(`request:${r.id}`).find((e) => e.action === 'school-match-cleared');
    expect(ev?.details).toMatchObject({ reason: 'A parents group, not the district.', reauthenticated: true });
  });
});
