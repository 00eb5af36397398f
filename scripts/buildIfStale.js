'use strict';
/**
 * Builds only the parts of the app whose sources changed since their last build: `npm start`
 * and `npm run dist` use it, so a start with nothing changed opens the first screen at once
 * instead of after a full rebuild.
 *
 * Each part has the files it is built from and the command that builds it. A part is current
 * when the stamp it wrote after its last successful build (out/.build-<part>.json) lists the
 * same files with the same size and modification time, and its output exists. A failed build
 * leaves no stamp, so the next start builds that part again.
 *
 * `node scripts/buildIfStale.js --check` prints each part's state and exits 1 when any is stale;
 * `--all` builds every part whatever its state (`npm run build`).
 */
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out');
const BIN = (name) => path.join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);

const PARTS = [
  {
    name: 'core',
    sources: ['electron', 'shared', 'tsconfig.node.json', 'tsconfig.base.json', 'package-lock.json'],
    output: path.join(OUT, 'electron', 'cli', 'main.js'),
    command: [BIN('tsc'), ['-p', 'tsconfig.node.json']],
  },
  {
    // The bundled command line (scripts/buildCli.js); its modules find workers and resources in the core build.
    name: 'cli',
    sources: ['electron', 'shared', 'scripts/buildCli.js', 'tsconfig.node.json', 'tsconfig.base.json', 'package-lock.json'],
    output: path.join(OUT, 'cli', 'custodian.js'),
    command: [process.execPath, [path.join(ROOT, 'scripts', 'buildCli.js')]],
  },
  {
    name: 'renderer',
    sources: ['renderer', 'shared', 'vite.config.mts', 'tsconfig.web.json', 'tsconfig.base.json', 'package-lock.json'],
    output: path.join(OUT, 'renderer', 'index.html'),
    command: [BIN('vite'), ['build', '--logLevel', 'warn']],
  },
];

const SKIP = new Set(['node_modules', '.git', 'out']);

function listFiles(rel, into) {
  const full = path.join(ROOT, rel);
  let st;
  try {
    st = fs.statSync(full);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) if (!SKIP.has(name)) listFiles(path.join(rel, name), into);
  } else if (st.isFile()) {
    into[rel.split(path.sep).join('/')] = `${st.size}:${Math.trunc(st.mtimeMs)}`;
  }
}

function fingerprint(part) {
  const files = {};
  for (const s of part.sources) listFiles(s, files);
  return files;
}

const stampFile = (part) => path.join(OUT, `.build-${part.name}.json`);

function isCurrent(part, files) {
  if (!fs.existsSync(part.output)) return false;
  try {
    const old = JSON.parse(fs.readFileSync(stampFile(part), 'utf8'));
    const keys = Object.keys(files);
    return keys.length === Object.keys(old).length && keys.every((k) => old[k] === files[k]);
  } catch {
    return false;
  }
}

function main() {
  const checkOnly = process.argv.includes('--check');
  const all = process.argv.includes('--all');
  let stale = 0;
  for (const part of PARTS) {
    const files = fingerprint(part);
    if (!all && isCurrent(part, files)) {
      if (checkOnly) console.log(`${part.name}: current`);
      continue;
    }
    stale += 1;
    if (checkOnly) {
      console.log(`${part.name}: needs a build`);
      continue;
    }
    if (!all) console.log(`Building ${part.name} (its sources changed since the last build)…`);
    fs.rmSync(stampFile(part), { force: true });
    const [cmd, args] = part.command;
    const r = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
    if (r.status !== 0) {
      console.error(`The ${part.name} build failed; fix the error above and start again.`);
      process.exit(r.status ?? 1);
    }
    fs.mkdirSync(OUT, { recursive: true });
    // The fingerprint taken before the build: a source edited during it makes the next start build again.
    fs.writeFileSync(stampFile(part), JSON.stringify(files));
  }
  if (checkOnly) process.exit(stale > 0 ? 1 : 0);
}

main();
