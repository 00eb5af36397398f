'use strict';
/**
 * Bundles the command line (electron/cli/main.ts) into out/cli/ with rolldown, for start-up
 * speed (issue 14; the measurements are in ARCHITECTURE.md, "The command line starts fast"): one file for the command table
 * and `--help`, one chunk for the core (loaded only by a command that opens the data folder), with
 * the pure-JavaScript libraries they load (zod, date-fns, tr46, …) inside. Resolving and reading
 * 380 files cost more than running them. bin/custodian.js loads these chunks with a V8 code cache.
 *
 * The tsc build (out/electron) stays what the Electron and web hosts, the workers and the tests
 * run; the bundle's modules see `__dirname`/`__filename` of their tsc-built twin there, so
 * worker files, resources and lazily required packages are found exactly as before. Packages
 * with native code, WebAssembly or files of their own stay outside (required from node_modules).
 *
 * out/cli/modules.json lists each chunk's source modules, so a test can tell from the files a
 * process loaded which source modules it ran (tests/unit/cli/startupLoads.test.ts).
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'out', 'cli');
const TWIN = path.join(ROOT, 'out');

/** Packages put inside the bundle: plain JavaScript, no files of their own read at run time. */
const INLINE = new Set(['zod', 'date-fns', 'tr46', 'punycode', 'email-addresses', 'otpauth']);

function packageName(id) {
  const parts = id.split('/');
  return id.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');

/** `__dirname` / `__filename` of a project module: its place in the tsc build, from the chunk's own folder. */
function twinPaths() {
  return {
    name: 'custodian-twin-paths',
    transform(code, id) {
      if (!id.startsWith(ROOT + path.sep) || id.includes(`${path.sep}node_modules${path.sep}`)) return null;
      if (!/\b__(dirname|filename)\b/.test(code)) return null;
      const twinFile = path.join(TWIN, path.relative(ROOT, id)).replace(/\.ts$/, '.js');
      const fromChunk = (p) => JSON.stringify(path.relative(OUT, p).split(path.sep).join('/'));
      const out = code.replace(/\b__(dirname|filename)\b/g, (_, which) =>
        `require("node:path").join(__dirname, ${fromChunk(which === 'dirname' ? path.dirname(twinFile) : twinFile)})`,
      );
      return { code: out, map: null };
    },
  };
}

async function main() {
  const { rolldown } = await import('rolldown');
  fs.rmSync(OUT, { recursive: true, force: true });
  const bundle = await rolldown({
    input: { custodian: path.join(ROOT, 'electron', 'cli', 'main.ts') },
    platform: 'node',
    tsconfig: path.join(ROOT, 'tsconfig.node.json'),
    logLevel: 'warn',
    external: (id) => {
      if (id.startsWith('node:') || require('node:module').builtinModules.includes(id)) return true;
      if (id.startsWith('.') || path.isAbsolute(id)) return false;
      return !INLINE.has(packageName(id));
    },
    plugins: [twinPaths()],
  });
  const { output } = await bundle.write({ dir: OUT, format: 'cjs', dynamicImportInCjs: false, entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', sourcemap: false });
  await bundle.close();
  const modules = {};
  for (const chunk of output) {
    if (chunk.type !== 'chunk') continue;
    // bin/custodian.js runs chunks through vm.Script, where a dynamic import() has no loader: every lazy load must be a require.
    if (/\bimport\s*\(/.test(chunk.code)) throw new Error(`${chunk.fileName} still holds a dynamic import(); keep dynamicImportInCjs: false`);
    modules[chunk.fileName] = chunk.moduleIds.filter((m) => !m.startsWith('\0')).map(rel).sort();
  }
  fs.writeFileSync(path.join(OUT, 'modules.json'), `${JSON.stringify(modules, null, 1)}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
