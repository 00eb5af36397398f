// A minimal CommonJS loader for .ts files, for the child processes the fault tests kill
// (tsx is not a dependency). It only strips types (transpileModule): type errors are
// `npm run typecheck`'s job, not the child's.
const fs = require('node:fs');
const ts = require('typescript');

const options = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  esModuleInterop: true,
  inlineSourceMap: true,
};

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, { fileName: filename, compilerOptions: options });
  module._compile(out.outputText, filename);
};
