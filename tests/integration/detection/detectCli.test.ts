import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../../electron/cli/main';
import { TEST_PASSWORD, ingest, openSetUpCore, removeDir, tempDir } from '../ingest/helpers';
import { makeFaceClip } from './faceClip';

/** `custodian detect RECORDING --every N --json`, run in-process as the CLI's main. */

let dataDir: string;
let srcDir: string;
let recordingId: string;

beforeAll(async () => {
  srcDir = tempDir('custodian-detect-cli-');
  const clip = await makeFaceClip(srcDir);
  const o = await openSetUpCore();
  dataDir = o.dataDir;
  recordingId = (await ingest(o, { paths: [clip] })).ingested[0]!.id;
  await o.core.close();
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

describe('custodian detect', () => {
  // A hang guard, not a time limit: six frames through the detectors take seconds on a free
  // machine and minutes on two cores shared with other work.
  it('--every 10 --json lists the run and its face proposals, all still proposed', { timeout: 600_000 }, async () => {
    const r = await cli(['detect', recordingId, '--every', '10', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { runId: number; every: number; framesSampled: number; proposals: { cls: string; status: string }[] };
    expect(out).toMatchObject({ every: 10, framesSampled: 6 });
    expect(out.proposals.filter((p) => p.cls === 'face').length).toBeGreaterThanOrEqual(2);
    expect(out.proposals.every((p) => p.status === 'proposed')).toBe(true);
  });

  it('refuses a bad --every', async () => {
    const r = await cli(['detect', recordingId, '--every', '0', '--json']);
    expect(r.code).not.toBe(0);
  });
});
