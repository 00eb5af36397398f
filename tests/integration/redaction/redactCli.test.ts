import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { TEST_PASSWORD, ingest, openSetUpCore, removeDir, tempDir } from '../ingest/helpers';
import { followPlan, makeMovingTarget } from './clips';

/** `custodian redact render|check --json`: the acceptance contract, run in-process as the CLI's main. */

let dataDir: string;
let srcDir: string;
let recordingId: string;

beforeAll(async () => {
  srcDir = tempDir('custodian-redact-cli-');
  const clip = await makeMovingTarget(srcDir);
  const o = await openSetUpCore();
  dataDir = o.dataDir;
  recordingId = (await ingest(o, { paths: [clip] })).ingested[0]!.id;
  await o.core.close();
  fs.writeFileSync(path.join(srcDir, 'plan.json'), JSON.stringify(followPlan()));
}, 60_000);

afterAll(() => {
  removeDir(dataDir);
  removeDir(srcDir);
});

async function cli(args: string[]): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const env = { ...process.env };
  Object.assign(process.env, { CUSTODIAN_USER: 'custodian', CUSTODIAN_PASSWORD: TEST_PASSWORD });
  try {
    const code = await main(['--data', dataDir, '--accept-banner', ...args]);
    return { code, stdout };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.env = env;
  }
}

describe('custodian redact', () => {
  it('render --json prints {itemId, sha256, check} and exits 0 when the check passes; check --json prints the same check', async () => {
    const r = await cli(['redact', 'render', '--recording', recordingId, '--plan', path.join(srcDir, 'plan.json'), '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { itemId: string; sha256: string; check: { ok: boolean; framesChecked: number; failures: unknown[] } };
    expect(out.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(out.itemId).not.toBe(recordingId);
    expect(out.check).toMatchObject({ ok: true, failures: [] });
    expect(out.check.framesChecked).toBeGreaterThan(0);

    const c = await cli(['redact', 'check', '--item', out.itemId, '--json']);
    expect(c.code).toBe(0);
    expect(JSON.parse(c.stdout)).toMatchObject({ ok: true, failures: [], framesChecked: out.check.framesChecked });
  }, 120_000);
});
