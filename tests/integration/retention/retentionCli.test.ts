import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { makeContext } from '../../../electron/cli/cliContext';
import { commands } from '../../../electron/cli/commands';
import { CustodianError } from '../../../shared/errors';
import { objectPath } from '../../../electron/core/store/objectPaths';
import { PASSWORD, PUBLIC_REQUEST, addRecording, loginAll, openDesk, type Cast, type Desk } from '../requests/desk';
import { AFTER_61_DAYS } from './family';

/** `custodian retention …` and `custodian holds list` in-process on a real core, signed in as the cast. */

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
  delete process.env.CUSTODIAN_PASSWORD;
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

async function refused(as: Cast, argv: string[]): Promise<CustodianError> {
  try {
    await run(as, argv);
  } catch (err) {
    if (err instanceof CustodianError) return err;
    throw err;
  }
  throw new Error(`${argv.join(' ')} should have been refused`);
}

describe('custodian retention … (in-process)', () => {
  it('lists what is due, holds and releases, refuses a recording linked to an open request, proposes and approves as a second person', async () => {
    desk = await openDesk();
    const d = desk;
    process.env.CUSTODIAN_PASSWORD = PASSWORD;
    const a = addRecording(d.core);
    const linked = addRecording(d.core);
    await d.call('cora', 'requests.create', { ...PUBLIC_REQUEST, recordingIds: [linked.id] });
    d.clock.set(AFTER_61_DAYS);
    await loginAll(d);
    const due = (await run('cora', ['retention', 'due'])) as { itemId: string; held: boolean }[];
    expect(due.map((x) => [x.itemId, x.held])).toEqual(expect.arrayContaining([[a.id, false], [linked.id, true]]));

    const hold = (await run('cora', ['retention', 'hold', a.id, '--reason', 'Internal affairs investigation 26-IA-7', '--kind', 'investigation'])) as { id: number };
    expect(((await run('lee', ['holds', 'list'])) as { kind: string }[]).map((h) => h.kind).sort()).toEqual(['investigation', 'request']);
    expect((await refused('cora', ['retention', 'destroy', '--propose', a.id])).message).toMatch(/investigation hold/);
    await run('lee', ['retention', 'release', String(hold.id), '--reason', 'Investigation closed']);

    // Linked to an open request: no face destroys it.
    expect((await refused('cora', ['retention', 'destroy', '--propose', `${a.id},${linked.id}`])).message).toMatch(/Linked to records request PRR-\d+, which is not closed yet/);
    const batch = (await run('cora', ['retention', 'destroy', '--propose', a.id])) as { id: number; state: string };
    expect(batch.state).toBe('proposed');
    expect((await refused('cora', ['retention', 'destroy', '--approve', String(batch.id)])).code).toBe('FORBIDDEN');
    const done = (await run('liz', ['retention', 'destroy', '--approve', String(batch.id)])) as { state: string; approvedBy: string; certificateItemId: string };
    expect(done).toMatchObject({ state: 'destroyed', approvedBy: 'liz' });
    expect(done.certificateItemId).toMatch(/^CERT-/);
    expect(fs.existsSync(objectPath(d.core.paths.objects, a.sha256))).toBe(false);
    expect(fs.existsSync(objectPath(d.core.paths.objects, linked.sha256))).toBe(true);
    const fix = (await run('cora', ['fixity'])) as { ok: boolean; destroyed: { id: string }[] };
    expect(fix.ok).toBe(true);
    expect(fix.destroyed.map((x) => x.id)).toEqual([a.id]);
    const verify = (await run('cora', ['custody', 'verify'])) as { ok: boolean; destroyed: { id: string }[] };
    expect(verify).toMatchObject({ ok: true, destroyed: [{ id: a.id }] });
    expect(((await run('cora', ['retention', 'destroy', '--list'])) as unknown[]).length).toBe(1);
  });
});
