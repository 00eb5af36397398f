/**
 * Child that opens a data folder and keeps it open until killed: another process using the
 * folder, for tests of what a second core may and may not touch.
 * Usage: node -r tsRegister.cjs holdOpenChild.ts <dataDir>
 */
import { openCore } from '../../../../electron/core/openCore';

openCore({ dataDir: process.argv[2]! })
  .then(() => {
    process.stdout.write('ready\n');
    setInterval(() => undefined, 60_000);
  })
  .catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
