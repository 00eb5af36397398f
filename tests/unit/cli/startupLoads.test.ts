import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14: a command loads only what it needs. `custodian --help` must not load the core, the
 * schemas (zod), the PDF library or the date library — checked by the modules the CLI process
 * actually loaded, not by a time. The command runs the bundle in out/cli (scripts/buildCli.js),
 * whose chunks hold many source modules each: out/cli/modules.json says which, so the files a
 * process loaded are read back as the source modules it ran. The tsc build's CLI is checked too.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'custodian.js');
const BUNDLE = path.join(ROOT, 'out', 'cli');
const HEAVY = /^electron\/core\/(openCore|core|api\/)|(^|\/)node_modules\/(zod|pdf-lib|date-fns|tr46|better-sqlite3)\//;

function filesLoadedBy(args: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-loads-'));
  const hook = path.join(dir, 'hook.cjs');
  const out = path.join(dir, 'loaded.json');
  fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['-r', hook, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toContain('custodian setup');
  const loaded = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return loaded.map((p) => path.relative(ROOT, p).split(path.sep).join('/'));
}

/** Each loaded file as the source modules it holds: a bundle chunk's from modules.json, any other file itself. */
function sourceModules(files: string[]): string[] {
  const chunks = JSON.parse(fs.readFileSync(path.join(BUNDLE, 'modules.json'), 'utf8')) as Record<string, string[]>;
  return files.flatMap((f) => (f.startsWith('out/cli/') ? (chunks[f.slice('out/cli/'.length)] ?? [`${f} (not in modules.json)`]) : [f]));
}

describe.runIf(fs.existsSync(path.join(BUNDLE, 'custodian.js')))('what `custodian --help` loads (the bundle)', () => {
  it('runs the command table and nothing of the core, the schemas, pdf-lib or date-fns', () => {
    const files = filesLoadedBy([BIN, '--help']);
    expect(files).toContain('out/cli/custodian.js');
    const modules = sourceModules(files);
    expect(modules).toContain('electron/cli/commands/index.ts');
    expect(modules.filter((m) => HEAVY.test(m) || m.endsWith('(not in modules.json)'))).toEqual([]);
  });

  it('reaches every lazily loaded package (pdf-lib, …) through require: the code cache runs chunks without an import() loader', () => {
    const chunks = fs.readdirSync(BUNDLE).filter((f) => f.endsWith('.js'));
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.filter((f) => /\bimport\s*\(/.test(fs.readFileSync(path.join(BUNDLE, f), 'utf8')))).toEqual([]);
    expect(chunks.some((f) => fs.readFileSync(path.join(BUNDLE, f), 'utf8').includes('require("pdf-lib")'))).toBe(true);
  });

  it('would see the core if it were loaded: the core chunk holds it and zod', () => {
    const chunks = JSON.parse(fs.readFileSync(path.join(BUNDLE, 'modules.json'), 'utf8')) as Record<string, string[]>;
    const all = Object.values(chunks).flat();
    expect(all).toContain('electron/core/openCore.ts');
    // The bundler names a package's files by where they are (a node_modules reached through a link is outside the project).
    expect(all.some((m) => /(^|\/)node_modules\/zod\//.test(m))).toBe(true);
  });
});

describe.runIf(fs.existsSync(path.join(ROOT, 'out', 'electron', 'cli', 'main.js')))('what `--help` loads (the tsc build, without a bundle)', () => {
  it('loads the command table and nothing of the core, the schemas, pdf-lib or date-fns', () => {
    const main = path.join(ROOT, 'out', 'electron', 'cli', 'main.js');
    const files = filesLoadedBy(['-e', `require(${JSON.stringify(main)}).main(['--help']).then((c) => process.exit(c))`]);
    expect(files).toContain('out/electron/cli/commands/index.js');
    const heavy = files.filter((p) => /^out\/electron\/core\/(openCore|core|api\/)|node_modules\/(zod|pdf-lib|date-fns|tr46|better-sqlite3)\//.test(p));
    expect(heavy).toEqual([]);
  });
});
