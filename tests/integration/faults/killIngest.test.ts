import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeClip, makeTruncated } from '../../fixtures/makeClips';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import { TEST_PASSWORD, callOk, ingest, openSetUpCore, removeDir, reopenCore, tempDir, waitAllJobs } from '../ingest/helpers';
import { FAULTS_DIR, auditStore, killRounds, makeSparseFile, runAndKill, runSeed, seededRandom } from './harness';

const CHILD = path.join(FAULTS_DIR, 'children', 'ingestChild.ts');
// The issue asks for at least 50 kills in CI; scripts/faults-long.sh runs 500.
const ROUNDS = killRounds(50);
const LARGE_MB = Number(process.env.KILL_LARGE_MB) || 64;
const SEED = runSeed();

let src: string;
let paths: string[];
let fullRunMs = 0;

/** A fresh, set-up data folder (the parent creates the account; the child only signs in). */
async function freshDataDir(): Promise<string> {
  const o = await openSetUpCore();
  await o.core.close();
  return o.dataDir;
}

beforeAll(async () => {
  src = tempDir('kill-src-');
  // Small clips either side of a large file (64 MB here, KILL_LARGE_MB to change): many commit windows and one long copy.
  const names: string[] = [];
  names.push(await makeClip(src, 'a1.mp4', { seconds: 1 }));
  names.push(await makeClip(src, 'a2.avi', { seconds: 1, container: 'avi', codec: 'mpeg4' }));
  names.push(makeSparseFile(path.join(src, 'b-large.bin'), LARGE_MB * 1024 * 1024, 'large evidence'));
  names.push(await makeTruncated(src, 'c-cut.mp4'));
  for (let i = 0; i < 4; i++) names.push(await makeClip(src, `d${i}.mp4`, { seconds: 1, rate: 10 + i }));
  paths = [src];
  expect(names).toHaveLength(8);
});

afterAll(() => removeDir(src));

describe(`ingest survives SIGKILL (seed ${SEED}, ${ROUNDS} rounds; replay with KILL_SEED=${SEED})`, () => {
  test('an unkilled child ingests everything (and gives the timing for the kill rounds)', async () => {
    const dataDir = await freshDataDir();
    try {
      const out = await runAndKill(CHILD, [dataDir, 'custodian', TEST_PASSWORD, ...paths], { readyPattern: /^ready$/, killAfterMs: 10 * 60_000 });
      fullRunMs = out.ranMs;
      expect(out.killed).toBe(false);
      const done = JSON.parse(/^done (.*)$/m.exec(out.stdout)![1]!) as { status: string; result: IngestResult };
      expect(done.status).toBe('done');
      expect(done.result.ingested).toHaveLength(8);
    } finally {
      removeDir(dataDir);
    }
  });

  test(`after a kill at a random moment, reopening leaves a consistent store`, async () => {
    const random = seededRandom(SEED);
    // Uniform over the measured run, from the job's start to the end of its derivative jobs.
    const window = Number(process.env.KILL_WINDOW_MS) || Math.max(500, fullRunMs);
    const summary: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = await freshDataDir();
      const killAfterMs = Math.floor(random() * window);
      const out = await runAndKill(CHILD, [dataDir, 'custodian', TEST_PASSWORD, ...paths], { readyPattern: /^ready$/, killAfterMs });
      const o = await reopenCore(dataDir);
      try {
        const audit = auditStore(o.core);
        const count = (action: string, startup = true) =>
          (o.core.db.prepare(`SELECT COUNT(*) AS n FROM custody_log WHERE action = ? ${startup ? "AND username = '(system)'" : ''}`).get(action) as { n: number }).n;
        const settled = `aborted${count('ingest-aborted')} recovered${o.core.custody.page({ limit: 500, action: 'ingest' }).filter((e) => e.details.recoveredAtStartup).length} failed${count('ingest-failed')}`;
        const where = `round ${round} (KILL_SEED=${SEED} KILL_WINDOW_MS=${window}, kill after ${killAfterMs} ms, killed=${out.killed})`;
        expect(
          { itemsWithoutFile: audit.itemsWithoutFile, objectsWithoutItem: audit.objectsWithoutItem, stagedRows: audit.stagedRows, leftovers: audit.leftovers, badDerivatives: audit.badDerivatives, quickCheck: audit.quickCheck },
          where,
        ).toEqual({ itemsWithoutFile: [], objectsWithoutItem: [], stagedRows: [], leftovers: [], badDerivatives: [], quickCheck: 'ok' });
        // Whatever was quarantined is reported as an open finding.
        const findings = await callOk<{ kind: string }[]>(o, 'findings.list', { includeAcknowledged: false });
        expect(findings.filter((f) => f.kind === 'orphan-object').length, where).toBe(audit.quarantined.length);
        expect(await callOk<{ ok: boolean }>(o, 'custody.verify', {}), where).toMatchObject({ ok: true });
        expect(await callOk<{ ok: boolean }>(o, 'custody.fixity', {}), where).toMatchObject({ ok: true });

        // The custodian adds the card again: everything ends up in the library exactly once.
        const again = await ingest(o, { paths });
        expect(again.rejected, where).toEqual([]);
        expect(again.ingested.length + again.duplicates.length, where).toBe(8);
        await waitAllJobs(o.core);
        const committed = o.core.db.prepare("SELECT COUNT(*) AS n FROM items WHERE state = 'committed'").get() as { n: number };
        expect(committed.n, where).toBe(8);
        const after = auditStore(o.core);
        expect([after.itemsWithoutFile, after.objectsWithoutItem, after.leftovers, after.badDerivatives], where).toEqual([[], [], [], []]);
        summary.push(`${killAfterMs}ms:${out.killed ? 'killed' : 'finished'}:${settled} quarantined${audit.quarantined.length}`);
      } finally {
        await o.core.close();
        removeDir(dataDir);
      }
    }
    console.log(`kill rounds (seed ${SEED}): ${summary.join(' ')}`);
  }, Math.max(120_000, ROUNDS * 90_000));
});

describe('harness', () => {
  test('a child that fails on its own is reported, not mistaken for a kill', async () => {
    await expect(runAndKill(CHILD, [], { readyPattern: /^ready$/, killAfterMs: 0 })).rejects.toThrow(/exited before printing/);
  });

  test('the data folder helpers clean up', () => {
    const d = tempDir('harness-');
    fs.writeFileSync(path.join(d, 'x'), 'y');
    removeDir(d);
    expect(fs.existsSync(d)).toBe(false);
  });
});
