import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { makeContext } from '../../../electron/cli/cliContext';
import { commands } from '../../../electron/cli/commands';
import { PASSWORD, addRecording, openDesk, tempDir, type Cast, type Desk } from './desk';

/**
 * The `custodian request …` commands in-process, on a real core, signed in as the cast
 * (the spawned CLI is covered by policyCli.test.ts; sign-in itself belongs to the accounts tests).
 */

let desk: Desk | null = null;
let out: string[] = [];

beforeEach(() => {
  out = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await desk?.close();
  desk = null;
});

async function run(as: Cast, argv: string[]): Promise<unknown> {
  const args = parseArgs([...argv, '--json']);
  const found = commands
    .filter((c) => c.name.split(' ').every((w, i) => args.positional[i] === w))
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)[0];
  if (!found) throw new Error(`no command for ${argv.join(' ')}`);
  const ctx = makeContext(desk!.core, args);
  ctx.session = desk!.tokens[as];
  out = [];
  const code = await found.run(ctx, args.positional.slice(found.name.split(' ').length));
  expect(code).toBe(0);
  return JSON.parse(out.join(''));
}

describe('custodian request … (in-process)', () => {
  it('adds, links, submits, decides, signs, releases and writes letters', async () => {
    desk = await openDesk();
    process.env.CUSTODIAN_PASSWORD = PASSWORD;
    const rec = addRecording(desk.core);
    const dir = tempDir('custodian-cli-');
    const added = (await run('cora', ['request', 'add', '--name', 'Pat Public', '--email', 'pat@example.org', '--category', 'public', '--received', '2026-11-20T15:00:00Z', '--description', 'Video of the incident', '--residency', 'ky-resident'])) as { id: number; dueDate: string };
    expect(added.dueDate).toBe('2026-12-01');
    const id = String(added.id);
    expect(((await run('cora', ['request', 'link', id, '--recordings', rec.id])) as { recordings: unknown[] }).recordings).toHaveLength(1);
    expect(((await run('cora', ['request', 'submit', id])) as { state: string }).state).toBe('awaiting-review');
    await run('lee', ['request', 'decide', id, '--recording', rec.id, '--decision', 'approve']);
    expect(((await run('lee', ['request', 'sign', `PRR-0000${id}`])) as { decision: { outcome: string } }).decision.outcome).toBe('approved');
    const letter = path.join(dir, 'approval.pdf');
    await run('cora', ['request', 'letter', id, '--kind', 'approval', '--out', letter]);
    expect(fs.readFileSync(letter).subarray(0, 4).toString()).toBe('%PDF');
    expect(((await run('cora', ['request', 'release', id])) as { state: string }).state).toBe('released');
    const list = (await run('lee', ['request', 'list'])) as { id: number; state: string }[];
    expect(list.map((r) => [r.id, r.state])).toEqual([[added.id, 'released']]);
    const dash = (await run('cora', ['request', 'dashboard'])) as { byStatus: Record<string, number> };
    expect(dash.byStatus.released).toBe(1);

    expect(await run('admin', ['districts', 'add', '--domain', 'fcps.kyschools.us'])).toEqual({ domains: ['fcps.kyschools.us'], names: [] });
    expect(await run('admin', ['districts', 'add', '--name', 'Fayette County Public Schools'])).toEqual({ domains: ['fcps.kyschools.us'], names: ['Fayette County Public Schools'] });
    expect(await run('cora', ['districts', 'list'])).toEqual({ domains: ['fcps.kyschools.us'], names: ['Fayette County Public Schools'] });
    const school = (await run('cora', ['request', 'add', '--name', 'Teacher', '--email', 'teach@fcps.kyschools.us', '--category', 'public', '--received', '2026-11-20T15:00:00Z', '--description', 'Video', '--recordings', rec.id])) as { schoolPersonnel: boolean; schoolPersonnelWhy: string[] };
    expect(school.schoolPersonnel).toBe(true);
    expect(school.schoolPersonnelWhy.join(' ')).toContain('fcps.kyschools.us');
    fs.rmSync(dir, { recursive: true, force: true });
    delete process.env.CUSTODIAN_PASSWORD;
  });
});
