import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export interface RunningApp {
  /** The launch file as a file:// address: what a person's browser opens (it works once). */
  launchUrl: string;
  /** The launch file on disk (0600, in a 0700 folder); it holds the one-time token address. */
  launchFile: string;
  origin: string;
  pid: number;
  dataDir: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

/** Starts the real web host (built output) on a fresh data folder and waits for its launch file. */
export async function startApp(
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-e2e-')),
  opts: { openBrowser?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<RunningApp> {
  // openBrowser: let serve.js run its browser opener (tests put a stand-in first on PATH).
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', ...opts.env };
  if (opts.openBrowser) delete env.CI;
  const args = [path.join(ROOT, 'out/electron/web/serve.js'), '--data', dataDir, '--port', '0', ...(opts.openBrowser ? [] : ['--no-open'])];
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const started = await new Promise<{ address: string; launchFile: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const address = /^Address: (\S+)$/m.exec(out);
      const file = /^Launch file: (.+)\n/m.exec(out);
      if (address && file) {
        clearTimeout(timer);
        resolve({ address: address[1], launchFile: file[1].trim() });
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited ${code}: ${stderr}`)));
  });
  return {
    launchUrl: pathToFileURL(started.launchFile).href,
    launchFile: started.launchFile,
    origin: new URL(started.address).origin,
    pid: child.pid!,
    dataDir,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export const CLI = path.join(ROOT, 'bin/custodian.js');
