'use strict';
/**
 * `npm start` (after the build): runs the desktop app when the Electron binary is installed,
 * otherwise the same renderer and core through the loopback web host.
 *
 * The binary is found the way node_modules/electron/index.js finds it (path.txt + dist/),
 * without requiring that module: when the binary is missing, requiring it starts a download,
 * which on an offline evidence workstation hangs or fails instead of answering "not installed".
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');

const PROJECT_DIR = path.resolve(__dirname, '..');
const FALLBACK_NOTICE =
  'Electron is not installed on this machine; opening Custodian in your browser through the local web host instead.';

/** Absolute path of the Electron executable, or null when it is not installed. */
function electronBinary(projectDir = PROJECT_DIR, env = process.env) {
  let packageDir;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json', { paths: [projectDir] }));
  } catch {
    return null;
  }
  let executable = null;
  try {
    executable = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim() || null;
  } catch {
    executable = null;
  }
  const overrideDist = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (overrideDist) executable = executable || 'electron';
  if (!executable) return null;
  const full = path.join(overrideDist || path.join(packageDir, 'dist'), executable);
  try {
    return fs.statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

function run(command, args, env) {
  const child = spawn(command, args, { stdio: 'inherit', env, windowsHide: false });
  const forward = (signal) => () => child.kill(signal);
  process.on('SIGINT', forward('SIGINT'));
  process.on('SIGTERM', forward('SIGTERM'));
  child.on('error', (err) => {
    console.error(`Custodian could not be started: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

function main() {
  const extraArgs = process.argv.slice(2);
  const binary = electronBinary();
  if (binary) {
    const env = { ...process.env };
    // With this set the Electron binary behaves as plain Node and would not open the app.
    delete env.ELECTRON_RUN_AS_NODE;
    run(binary, [PROJECT_DIR, ...extraArgs], env);
    return;
  }
  console.log(FALLBACK_NOTICE);
  run(process.execPath, [path.join(PROJECT_DIR, 'out', 'electron', 'web', 'serve.js'), ...extraArgs], process.env);
}

if (require.main === module) main();

module.exports = { electronBinary, FALLBACK_NOTICE };
