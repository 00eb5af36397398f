#!/usr/bin/env node
'use strict';
/*
 * The `custodian` command. It runs the bundled CLI (out/cli/, scripts/buildCli.js) and keeps a
 * V8 code cache of its chunks beside them (out/cli/.v8-cache/), so a command neither resolves
 * hundreds of files nor compiles the code again (ARCHITECTURE.md, "The command line starts fast"). Node 20 has no
 * module.enableCompileCache (Node >= 22.1), so the cache is made here with vm.Script's
 * cachedData, as v8-compile-cache does: V8 checks each cache against the source, its own
 * version and flags and ignores one that does not match; it is then written again. The cache
 * sits with the code it stands for (same owner and permissions), never in a shared temp folder.
 * Without a bundle (only the tsc build), out/electron/cli/main.js runs as before.
 */
const path = require('node:path');
const fs = require('node:fs');

const root = path.join(__dirname, '..');
const bundleDir = path.join(root, 'out', 'cli');
const bundled = path.join(bundleDir, 'custodian.js');
const unbundled = path.join(root, 'out', 'electron', 'cli', 'main.js');

function useCodeCache(dir) {
  const Module = require('node:module');
  const vm = require('node:vm');
  const cacheDir = path.join(dir, '.v8-cache');
  const tag = `${process.version}-${process.arch}`;
  const fresh = [];
  const compile = Module.prototype._compile;
  Module.prototype._compile = function compileWithCache(content, filename) {
    if (path.dirname(filename) !== dir) return compile.call(this, content, filename);
    return runCached(this, content, filename);
  };
  function runCached(mod, content, filename) {
    const cacheFile = path.join(cacheDir, `${path.basename(filename)}.${tag}.bin`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(content), { filename, cachedData, importModuleDynamically: vm.constants && vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
    if (!cachedData || script.cachedDataRejected) fresh.push({ script, cacheFile });
    const req = (id) => mod.require(id);
    req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options);
    req.resolve.paths = (request) => Module._resolveLookupPaths(request, mod);
    req.main = require.main;
    req.cache = Module._cache;
    req.extensions = Module._extensions;
    return script.runInThisContext({ displayErrors: true }).call(mod.exports, mod.exports, req, mod, filename, path.dirname(filename));
  }
  // Written at exit, after the command ran: the cache then holds the functions it compiled too.
  process.once('exit', () => {
    for (const { script, cacheFile } of fresh) {
      try {
        fs.mkdirSync(cacheDir, { recursive: true, mode: 0o755 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // A read-only install or a full disk: the next command compiles again, nothing else.
      }
    }
  });
}

let entry = unbundled;
if (fs.existsSync(bundled)) {
  entry = bundled;
  if (process.env.CUSTODIAN_NO_CODE_CACHE !== '1') useCodeCache(bundleDir);
} else if (!fs.existsSync(unbundled)) {
  process.stderr.write('custodian: the app is not built yet. Run "npm run build" in the project folder first.\n');
  process.exit(3);
}

require(entry)
  .main(process.argv.slice(2))
  .then(
    (code) => process.exit(code),
    (err) => {
      process.stderr.write(`custodian: ${err && err.message ? err.message : String(err)}\n`);
      process.exit(3);
    },
  );
