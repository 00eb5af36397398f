/**
 * Child for the destruction kill test: opens the data folder (start-up reconciliation rolls a
 * half-done destruction forward), then approves and runs destruction batch BATCH as APPROVER,
 * SIGKILLing itself at step KILL_AT (1 = right after the approval was recorded, then after each
 * file deleted, each item recorded, the batch recorded, the certificate stored). KILL_AT=0 kills
 * it before the approval. Prints `done` when it was not killed.
 *
 * Usage: CLOCK=iso KILL_AT=n node -r tsRegister.cjs destroyChild.ts <dataDir> <approver> <batchId>
 */
import { openCore } from '../../../../electron/core/openCore';
import { approveAndDestroy } from '../../../../electron/core/retention/approveAndDestroy';
import type { Role } from '../../../../shared/roles';

async function main(): Promise<void> {
  const [dataDir, approver, batch] = process.argv.slice(2);
  const at = new Date(process.env.CLOCK ?? '');
  const killAt = Number(process.env.KILL_AT);
  const core = await openCore({ dataDir: dataDir!, clock: () => new Date(at.getTime()), backgroundTasks: false });
  const user = core.db.prepare('SELECT id, username, roles FROM users WHERE username = ?').get(approver) as { id: number; username: string; roles: string };
  const roles = JSON.parse(user.roles) as Role[];
  let step = 0;
  const die = () => process.kill(process.pid, 'SIGKILL');
  if (killAt === 0) die();
  await approveAndDestroy(core, core.actorFor({ userId: user.id, username: user.username, roles }), Number(batch), (name) => {
    step++;
    process.stdout.write(`step ${step} ${name}\n`);
    if (step === killAt) die();
  });
  await core.close();
  process.stdout.write('done\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
