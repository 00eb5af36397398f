import path from 'node:path';
import { spawn } from 'node:child_process';
import { openCore } from '../core/openCore';
import { defaultDataDir } from '../core/paths';
import { startWebHost } from './webHost';
import { writeLaunchFile } from './launchHandover';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Opens the launch file (a path, never the token address: a command line is visible to every user). */
function openBrowser(launchFile: string): void {
  const cmd = process.platform === 'win32' ? 'explorer.exe' : process.platform === 'darwin' ? 'open' : 'xdg-open';
  try {
    const child = spawn(cmd, [launchFile], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener on this machine: the printed address is enough.
  }
}

async function main(): Promise<void> {
  const dataDir = arg('--data') ?? defaultDataDir();
  const port = Number(arg('--port') ?? process.env.CUSTODIAN_PORT ?? 0);
  const core = await openCore({ dataDir });
  const host = await startWebHost({ core, rendererDir: path.join(__dirname, '..', '..', 'renderer'), port });
  const launch = writeLaunchFile(host.launchUrl);
  process.stdout.write(
    `Custodian web host for ${core.paths.root}\nAddress: ${host.url}\n` +
      `To sign in, open this file in your browser (it works once; start Custodian again for a new one):\nLaunch file: ${launch.file}\n`,
  );
  if (!process.argv.includes('--no-open') && !process.env.CI) openBrowser(launch.file);
  process.on('exit', () => launch.remove());
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Running media jobs are cancelled by core.close; never hang the shutdown on one.
    setTimeout(() => process.exit(0), 5000).unref();
    launch.remove();
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((err: unknown) => {
  process.stderr.write(`Custodian could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
