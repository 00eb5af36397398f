/**
 * The built CLI, run as a user would (a child process on a real data folder): requester text
 * with escape sequences and bidirectional overrides cannot erase or reorder what `request list`
 * prints (the `[SCHOOL PERSONNEL]` tag stays on the line, every control is shown as `\u{…}`);
 * --json keeps the exact text; `ingest` exits 2 when nothing was added and something was
 * refused, 0 (naming what was refused) when some was added.
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, callOk, openSetUpCore, removeDir, tempDir } from '../ingest/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
/** Anything a terminal would obey rather than show: C0 (but newline and tab), DEL, C1, format characters, line separators. */
const OBEYED = /(?![\n\t])[\p{Cc}\p{Cf}\u2028\u2029]/u;

let dataDir: string;
let src: string;
const ids: Record<string, number> = {};

const HOSTILE = {
  erase: 'Jane Doe\u001b[2K\rPat Public',
  csi8bit: 'Sam\u009b2KSmith',
  bidi: 'Ann \u202eLENNOSREP LOOHCS\u202c Lee \u2066x\u2069 \u2067y\u2069 \u2068z\u2069 \u202aa\u202b\u202d',
  invisible: 'Zed\u200b\u200d\u2060\ufeff\u00ad\u061c\u{e0041}Zee',
  forgedLine: 'Bob\n2026-0099\tclosed\tfake line',
  separators: 'Lin\u2028Par\u2029Bell\u0007Del\u007f',
};

function cli(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'custodian.js'), '--data', dataDir, '--accept-banner', ...args], {
      cwd: ROOT,
      env: { ...process.env, CUSTODIAN_DATA: '', CUSTODIAN_USER: 'custodian', CUSTODIAN_PASSWORD: TEST_PASSWORD },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

beforeAll(async () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'pipe' });
  src = tempDir('custodian-cli-hostile-');
  const o = await openSetUpCore();
  dataDir = o.dataDir;
  for (const [label, name] of Object.entries(HOSTILE)) {
    const d = await callOk<{ id: number }>(o, 'requests.create', {
      name,
      organization: `Org \u202e${label}`,
      email: `${label}@example.org`,
      category: 'school-personnel',
      channel: 'email',
      receivedAt: '2026-11-20T15:00:00Z',
      description: `Video\u001b]0;pwned\u0007 for ${label}`,
    });
    ids[label] = d.id;
  }
  await o.core.close();
}, 240_000);

afterAll(() => {
  if (dataDir) removeDir(dataDir);
  if (src) removeDir(src);
});

describe('custodian request list with hostile requester text', () => {
  it('prints no control or bidi character raw, keeps the tag on each line, and shows each control as \\u{…}', async () => {
    const r = await cli(['request', 'list']);
    expect(r.stderr).not.toMatch(OBEYED);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(OBEYED);
    const lines = r.stdout.trimEnd().split('\n');
    // One line per request: a newline in a name cannot forge a line of its own.
    expect(lines).toHaveLength(Object.keys(HOSTILE).length);
    for (const line of lines) expect(line).toMatch(/\[SCHOOL PERSONNEL\]$/);
    const text = r.stdout;
    for (const shown of ['\\u{1b}[2K\\u{d}Pat Public', 'Sam\\u{9b}2KSmith', '\\u{202e}LENNOSREP', '\\u{2066}x\\u{2069}', '\\u{200b}', '\\u{e0041}', 'Bob\\u{a}2026-0099\\u{9}closed', '\\u{2028}', '\\u{7}', '\\u{7f}']) {
      expect(text).toContain(shown);
    }
  });

  it('request show is clean too', async () => {
    for (const id of Object.values(ids)) {
      const r = await cli(['request', 'show', String(id)]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).not.toMatch(OBEYED);
      expect(r.stdout).toContain('SCHOOL PERSONNEL');
    }
  });

  it('--json keeps the exact text (escaped, so a terminal obeys none of it)', async () => {
    const r = await cli(['request', 'list', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(OBEYED);
    const rows = JSON.parse(r.stdout) as { id: number; requesterName: string; schoolPersonnel: boolean }[];
    for (const [label, name] of Object.entries(HOSTILE)) {
      const row = rows.find((x) => x.id === ids[label]);
      expect(row?.requesterName).toBe(name);
      expect(row?.schoolPersonnel).toBe(true);
    }
  });
});

describe('custodian ingest exit codes', () => {
  it('exits 2 when every file was refused, naming each (own data folder, empty, pipe, hostile name)', async () => {
    const empty = path.join(src, 'empty\u001b[2K\r.mp4');
    fs.writeFileSync(empty, '');
    const fifo = path.join(src, 'pipe.mp4');
    execFileSync('mkfifo', [fifo]);
    const key = path.join(dataDir, 'keys', 'checkpoint-ed25519.pem');
    const r = await cli(['ingest', '--no-viewing-copies', empty, fifo, key]);
    expect(r.status, r.stdout + r.stderr).toBe(2);
    expect(r.stdout).not.toMatch(OBEYED);
    expect(r.stderr).not.toMatch(OBEYED);
    expect(r.stdout).toMatch(/0 ingested, 0 duplicates, 3 refused/);
    expect(r.stdout).toContain("Custodian's own data folder");
    expect(r.stdout).toContain('empty\\u{1b}[2K\\u{d}.mp4');
    const j = await cli(['ingest', '--no-viewing-copies', '--json', empty, key]);
    expect(j.status).toBe(2);
    expect((JSON.parse(j.stdout) as { rejected: unknown[] }).rejected).toHaveLength(2);
  });

  it('exits 0 when something was added, and still lists what was refused', async () => {
    const good = path.join(src, 'notes.bin');
    fs.writeFileSync(good, 'bytes worth keeping');
    const key = path.join(dataDir, 'keys', 'checkpoint-ed25519.pem');
    const r = await cli(['ingest', '--no-viewing-copies', good, key]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/1 ingested, 0 duplicates, 1 refused/);
    expect(r.stdout).toMatch(/REFUSED .*checkpoint-ed25519\.pem/);
  });

  it('exits 2 when nothing was named that exists', async () => {
    const r = await cli(['ingest', '--no-viewing-copies', path.join(src, 'no-such-file.mp4')]);
    expect(r.status).toBe(2);
  });
});
