import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseArgs } from '../../../electron/cli/args';
import { makeContext } from '../../../electron/cli/cliContext';
import { commands } from '../../../electron/cli/commands';
import { PASSWORD, openDesk, tempDir, type Desk } from '../requests/desk';
import { approvedRequest, flipByte } from './exportKit';

/** `custodian request export … --json` and `custodian verify-package … --json`, in-process on a real core. */

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

async function run(argv: string[], withCore: boolean): Promise<{ code: number; json: Record<string, unknown> }> {
  const args = parseArgs([...argv, '--json']);
  const found = commands
    .filter((c) => c.name.split(' ').every((w, i) => args.positional[i] === w))
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)[0];
  const ctx = makeContext(withCore ? desk!.core : null, args);
  if (withCore) ctx.session = desk!.tokens.cora;
  out = [];
  const code = await found.run(ctx, args.positional.slice(found.name.split(' ').length));
  return { code, json: JSON.parse(out.join('')) as Record<string, unknown> };
}

describe('CLI: request export and verify-package', () => {
  it('prints the contract fields, and verify-package exits 1 naming the changed file', async () => {
    desk = await openDesk();
    process.env.CUSTODIAN_PASSWORD = PASSWORD;
    const { id } = await approvedRequest(desk);
    const to = tempDir('custodian-cli-export-');
    const iso = path.join(to, 'release.iso');
    const exp = await run(['request', 'export', String(id), '--to', to, '--iso', iso, '--recipient', 'Pat Public'], true);
    expect(exp.code).toBe(0);
    const j = exp.json as { package: string; packageId: string; files: { path: string; sha256: string }[]; iso: string | null };
    expect(j.package).toBe(path.join(to, j.packageId));
    expect(j.iso).toBe(iso);
    expect(j.files.length).toBeGreaterThan(10);
    for (const f of j.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);

    const ok = await run(['verify-package', j.package], false);
    expect(ok.code).toBe(0);
    expect(ok.json).toMatchObject({ ok: true, problems: [] });
    expect(ok.json.checked).toBe(j.files.length - 1);

    const media = j.files.find((f) => f.path.startsWith('data/media/'))!.path;
    flipByte(path.join(j.package, media));
    const bad = await run(['verify-package', j.package], false);
    expect(bad.code).toBe(1);
    expect(bad.json.ok).toBe(false);
    expect((bad.json.problems as { path: string; what: string }[]).map((p) => p.path)).toEqual([media]);
    expect(fs.existsSync(iso)).toBe(true);
  });
});
