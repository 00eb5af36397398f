import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Issue 14: a command loads only what it needs. `custodian --help` must not load the core, the
 * schemas (zod), the PDF library or the date library — checked by the modules the built CLI
 * process actually loaded, not by a time.
 */

const ROOT = path.resolve(__dirname, '../../..');
const BIN = path.join(ROOT, 'bin', 'custodian.js');

function modulesLoadedBy(args: string[]): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-loads-'));
  const hook = path.join(dir, 'hook.cjs');
  const out = path.join(dir, 'loaded.json');
  fs.writeFileSync(hook, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.keys(require.cache))));\n`);
  const r = spawnSync(process.execPath, ['-r', hook, BIN, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  const loaded = JSON.parse(fs.readFileSync(out, 'utf8')) as string[];
  fs.rmSync(dir, { recursive: true, force: true });
  return loaded.map((p) => path.relative(ROOT, p).split(path.sep).join('/'));
}

describe.runIf(fs.existsSync(path.join(ROOT, 'out', 'electron', 'cli', 'main.js')))('what `custodian --help` loads', () => {
  it('loads the command table and nothing of the core, the schemas, pdf-lib or date-fns', () => {
    const loaded = modulesLoadedBy(['--help']);
    expect(loaded).toContain('out/electron/cli/commands/index.js');
    const heavy = loaded.filter((p) => /^out\/electron\/core\/(openCore|core|api\/)|node_modules\/(zod|pdf-lib|date-fns|tr46|better-sqlite3)\//.test(p));
    expect(heavy).toEqual([]);
  });
});
