/**
 * Child for the ingest kill test: opens the data folder (running start-up reconciliation),
 * signs in, ingests the given paths and waits for the batch and its derivative jobs.
 * Prints `ready` once the ingest job has started and `done <json>` at the end; the parent
 * kills it with SIGKILL somewhere in between.
 *
 * Usage: node -r tsRegister.cjs ingestChild.ts <dataDir> <username> <password> <path>...
 */
import { openCore } from '../../../../electron/core/openCore';

async function main(): Promise<void> {
  const [dataDir, username, password, ...paths] = process.argv.slice(2);
  if (!dataDir || !username || !password || paths.length === 0) throw new Error('usage: ingestChild <dataDir> <username> <password> <path>...');
  const core = await openCore({ dataDir });
  const login = await core.call({ method: 'auth.login', input: { username, password, acknowledgedBanner: true } }, { host: 'test' });
  if (!login.ok) throw new Error(`login failed: ${login.error.code} ${login.error.message}`);
  const token = (login.value as { token: string }).token;
  const started = await core.call({ method: 'ingest.start', input: { paths }, session: token }, { host: 'test' });
  if (!started.ok) throw new Error(`ingest.start failed: ${started.error.code} ${started.error.message}`);
  const jobId = (started.value as { jobId: string }).jobId;
  process.stdout.write('ready\n');
  const job = await core.jobs.wait(jobId);
  for (;;) {
    const running = core.jobs.list().filter((j) => j.status === 'running');
    if (running.length === 0) break;
    await Promise.all(running.map((j) => core.jobs.wait(j.id)));
  }
  await core.close();
  process.stdout.write(`done ${JSON.stringify({ status: job.status, result: job.result })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
