// A minimal CommonJS loader for .ts files, for the child processes the fault tests kill
// (tsx is not a dependency). It only strips types (transpileModule): type errors are
// `npm run typecheck`'s job, not the child's.
//
// The kill harness starts a child hundreds of times; transpiling every core module again in
// each one cost most of the suite's time. Each file's output is kept in a cache folder under the
// system temp folder, keyed by the file's path, size, modification time and the TypeScript
// version, and written atomically (a child killed mid-write leaves no half file behind).
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
// TypeScript itself is loaded only on a cache miss (loading it is a large part of a child's start).
let ts = null;
const typescript = () => (ts ??= require('typescript'));
const TS_VERSION = require('typescript/package.json').version;

const CACHE = path.join(os.tmpdir(), `custodian-ts-cache-${TS_VERSION}`);
try {
  fs.mkdirSync(CACHE, { recursive: true, mode: 0o700 });
} catch {
  // No cache: every child transpiles, as before.
}

function transpiled(filename) {
  const st = fs.statSync(filename);
  const key = crypto.createHash('sha256').update(`${filename}\0${st.size}\0${st.mtimeMs}`).digest('hex');
  const cached = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(cached, 'utf8');
  } catch {
    // Not cached yet.
  }
  const source = fs.readFileSync(filename, 'utf8');
  const t = typescript();
  const compilerOptions = { module: t.ModuleKind.CommonJS, target: t.ScriptTarget.ES2022, esModuleInterop: true, inlineSourceMap: true };
  const out = t.transpileModule(source, { fileName: filename, compilerOptions }).outputText;
  try {
    const tmp = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, out);
    fs.renameSync(tmp, cached);
  } catch {
    // A full or read-only temp folder: this child still runs.
  }
  return out;
}

require.extensions['.ts'] = function compileTs(module, filename) {
  module._compile(transpiled(filename), filename);
};
