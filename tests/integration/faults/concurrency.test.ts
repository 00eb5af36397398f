/**
 * Concurrent work against one data folder: an ingest batch (with a large file and clips that
 * need proxies), fixity runs, chain verifications, metadata edits and audit-log reads, all at
 * once in this process — while a second process (the CLI, run from source) opens the same
 * folder again and again to ingest, verify and re-hash. No error (SQLITE_BUSY or anything
 * else) may reach a caller, and afterwards the store is exactly what was added.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/openCore';
import type { IngestResult } from '../../../electron/core/ingest/ingestBatch';
import type { Method } from '../../../shared/contract';
import { makeClip, makeRandomBytes, makeTempDir } from '../../fixtures/makeClips';
import { ADMIN_PASSWORD, setUpCore, type TestCore } from '../../helpers/testCore';
import { auditStore, makeSparseFile, spawnTsChild } from './harness';

const CLI = path.resolve(__dirname, '../../../electron/cli/main.ts');
/** Big enough that the copy is still running when a CLI process opens the folder. */
const LARGE_BYTES = Number(process.env.CONCURRENCY_LARGE_MB || 400) * 1024 * 1024;
const CLI_RUNS = Number(process.env.CONCURRENCY_CLI_RUNS || 3);

interface CliRun {
  args: string[];
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

async function cli(dataDir: string, args: string[]): Promise<CliRun> {
  const t0 = Date.now();
  const run = spawnTsChild(CLI, [...args, '--data', dataDir, '--accept-banner'], { CUSTODIAN_USER: 'admin', CUSTODIAN_PASSWORD: ADMIN_PASSWORD });
  const { code } = await run.exited;
  return { args, code, stdout: run.stdout(), stderr: run.stderr(), ms: Date.now() - t0 };
}

describe('concurrent jobs and a second process on one data folder', () => {
  let work: string;
  let t: TestCore;
  const errors: string[] = [];
  const cliRuns: CliRun[] = [];
  let mainResult: IngestResult;
  let preIds: string[] = [];
  let cliIngested = 0;
  const counts: Record<string, number> = {};

  /** Every call through the contract, counted; an error is recorded, never thrown, so all the others keep going. */
  async function call<M extends Method>(method: M, input: Parameters<TestCore['call']>[1] & object): Promise<unknown> {
    counts[method] = (counts[method] ?? 0) + 1;
    const r = await t.raw(method, input);
    if (!r.ok) errors.push(`${method}: ${r.error.code} ${r.error.message}`);
    return r.ok ? r.value : undefined;
  }

  beforeAll(async () => {
    work = await makeTempDir('custodian-concurrency-');
    t = await setUpCore(path.join(work, 'data'));
    const pre = path.join(work, 'pre');
    fs.mkdirSync(pre);
    for (let i = 0; i < 3; i++) await makeClip(pre, `pre-${i}.mp4`, { seconds: 1, rate: 10 + i });
    const { jobId } = await t.call('ingest.start', { paths: [pre] });
    preIds = ((await t.core.jobs.wait(jobId)).result as IngestResult).ingested.map((i) => i.id);

    const batch = path.join(work, 'batch');
    fs.mkdirSync(batch);
    makeSparseFile(path.join(batch, 'a-large.bin'), LARGE_BYTES, 'concurrency large');
    await makeClip(batch, 'b-proxy.avi', { seconds: 2, container: 'avi', codec: 'mpeg4' });
    await makeClip(batch, 'c-proxy.mkv', { seconds: 2, container: 'mkv', codec: 'hevc' });
    for (let i = 0; i < 4; i++) await makeClip(batch, `d-${i}.mp4`, { seconds: 1, rate: 20 + i });
    for (let i = 0; i < CLI_RUNS; i++) {
      const d = path.join(work, `cli-${i}`);
      fs.mkdirSync(d);
      await makeRandomBytes(d, `cli-${i}-a.bin`, 256 * 1024, 0x5000 + i);
      await makeClip(d, `cli-${i}-b.mp4`, { seconds: 1, width: 96 + 16 * i, height: 64 });
    }

    let ingestDone = false;
    const ingestWork = (async () => {
      const { jobId: id } = await t.call('ingest.start', { paths: [batch] });
      const job = await t.core.jobs.wait(id);
      if (job.status !== 'done') errors.push(`ingest job ${job.status}: ${job.error?.code} ${job.error?.message}`);
      mainResult = job.result as IngestResult;
      for (const r of mainResult.rejected) errors.push(`ingest rejected ${path.basename(r.path)}: ${r.code} ${r.message}`);
      ingestDone = true;
      for (;;) {
        const running = t.core.jobs.list().filter((j) => j.status === 'running');
        if (running.length === 0) break;
        await Promise.all(running.map((j) => t.core.jobs.wait(j.id)));
      }
    })();
    const fixity = (async () => {
      for (let i = 0; i < 3; i++) {
        const f = (await call('custody.fixity', {})) as { ok: boolean } | undefined;
        if (f && !f.ok) errors.push(`fixity not ok during the run: ${JSON.stringify(f)}`);
      }
    })();
    const verify = (async () => {
      for (let i = 0; i < 6; i++) {
        const v = (await call('custody.verify', {})) as { ok: boolean } | undefined;
        if (v && !v.ok) errors.push(`chain not ok during the run: ${JSON.stringify(v)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const edits = (async () => {
      for (let i = 0; !ingestDone || i < 40; i++) {
        await call('recordings.updateMeta', { ids: [preIds[i % preIds.length]!], meta: { notes: `edit ${i}`, officer: `Officer ${i % 5}` } });
        await call('custody.log', { limit: 20 });
        await new Promise((r) => setImmediate(r));
        if (i > 5000) break;
      }
    })();
    const secondProcess = (async () => {
      // Start while the large file is being copied: that is when a second opening does harm.
      const until = Date.now() + 30_000;
      while (Date.now() < until && !fs.readdirSync(t.core.paths.staging).some((f) => f.endsWith('.part'))) await new Promise((r) => setTimeout(r, 5));
      for (let i = 0; i < CLI_RUNS; i++) {
        const r = await cli(t.dataDir, ['ingest', '--json', path.join(work, `cli-${i}`)]);
        cliRuns.push(r);
        if (r.code === 0) cliIngested += (JSON.parse(r.stdout) as IngestResult).ingested.length;
        cliRuns.push(await cli(t.dataDir, i % 2 ? ['fixity', '--json'] : ['custody', 'verify', '--json']));
      }
    })();
    await Promise.all([ingestWork, fixity, verify, edits, secondProcess]);
  }, 600_000);

  afterAll(async () => {
    await t?.core.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
    console.info(`[concurrency] calls ${JSON.stringify(counts)}; CLI runs ${cliRuns.length} (${cliRuns.map((r) => `${r.args[0]}:${r.code}:${r.ms}ms`).join(' ')}); errors ${errors.length}`);
  });

  it('no error reached any caller in this process', () => {
    expect(errors).toEqual([]);
    expect(errors.filter((e) => /SQLITE_BUSY|database is locked/i.test(e))).toEqual([]);
  });

  it('every CLI run in the second process succeeded, without SQLITE_BUSY', () => {
    expect(cliRuns.length).toBe(2 * CLI_RUNS);
    for (const r of cliRuns) {
      expect(r.stderr, r.args.join(' ')).not.toMatch(/SQLITE_BUSY|database is locked/i);
      expect(r.code, `${r.args.join(' ')}\n${r.stderr}`).toBe(0);
    }
    expect(cliIngested).toBe(2 * CLI_RUNS);
  });

  it('the batch ingested every file, and its thumbnails and proxies were made', () => {
    expect(mainResult.rejected).toEqual([]);
    expect(mainResult.ingested.length).toBe(7);
    const jobs = t.core.jobs.list().filter((j) => j.kind === 'proxy' || j.kind === 'thumbnail');
    expect(jobs.filter((j) => j.kind === 'proxy').length).toBe(2);
    expect(jobs.map((j) => `${j.title}: ${j.status} ${j.error?.message ?? ''}`).filter((s) => !/: done $/.test(s))).toEqual([]);
  });

  it('the store holds exactly what was added; nothing was quarantined or recovered', async () => {
    const audit = auditStore(t.core);
    expect(audit).toMatchObject({ itemsWithoutFile: [], objectsWithoutItem: [], stagedRows: [], leftovers: [], badDerivatives: [], quarantined: [], quickCheck: 'ok' });
    const n = t.core.db.prepare("SELECT COUNT(*) AS n FROM items WHERE state = 'committed'").get() as { n: number };
    expect(n.n).toBe(preIds.length + 7 + 2 * CLI_RUNS);
    const findings = await t.call('findings.list', { includeAcknowledged: true });
    expect(findings.map((f) => `${f.kind}: ${f.summary}`)).toEqual([]);
  });

  it('the custody chain verifies and fixity is clean afterwards', async () => {
    expect((await t.call('custody.verify', {})).ok).toBe(true);
    expect(await t.call('custody.fixity', {})).toMatchObject({ ok: true, mismatched: [], missing: [] });
  });
});

describe('a second core opening the folder mid-ingest (deterministic)', () => {
  // Start-up reconciliation (ingest/reconcile.ts) treats every staging .part as left by a
  // crash and deletes it, and would commit or quarantine another live process's staged row or
  // placed object. Opening a second core while a copy is in flight must not touch it.
  it('leaves the other process’s in-flight copy alone', async () => {
    const work = await makeTempDir('custodian-second-open-');
    const t = await setUpCore(path.join(work, 'data'));
    try {
      fs.mkdirSync(path.join(work, 'src'));
      makeSparseFile(path.join(work, 'src', 'big.bin'), 300 * 1024 * 1024, 'second open');
      const { jobId } = await t.call('ingest.start', { paths: [path.join(work, 'src')] });
      const until = Date.now() + 30_000;
      while (Date.now() < until && !fs.readdirSync(t.core.paths.staging).some((f) => f.endsWith('.part'))) await new Promise((r) => setTimeout(r, 2));
      const second = await openCore({ dataDir: t.dataDir, backgroundTasks: false });
      await second.close();
      const result = (await t.core.jobs.wait(jobId)).result as IngestResult;
      expect(result.rejected).toEqual([]);
      expect(result.ingested).toHaveLength(1);
      const aborted = t.core.db.prepare("SELECT COUNT(*) AS n FROM custody_log WHERE action = 'ingest-aborted'").get();
      expect(aborted).toEqual({ n: 0 });
    } finally {
      await t.core.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }, 120_000);
});
