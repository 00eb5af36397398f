import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDesk, tempDir } from './desk';

/** `custodian policy evaluate FILE --json`, run as a user would: the built CLI in a child process. */

const ROOT = path.resolve(__dirname, '..', '..', '..');

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'custodian.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CUSTODIAN_DATA: '' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

const INPUT = {
  request: { name: 'Pat Public', email: 'pat@example.org', organization: '', category: 'public' },
  recordings: [
    { location: 'public', minors: [], useOfForce: false, arrest: false, complaint: false, cjisScreen: false },
    { location: 'school', minors: [{ role: 'custody' }], useOfForce: false, arrest: true, complaint: false, cjisScreen: false },
  ],
};

function expectExactShape(value: unknown): void {
  const v = value as Record<string, unknown>;
  expect(Object.keys(v)).toEqual(['schoolPersonnel', 'why', 'proposals']);
  expect(typeof v.schoolPersonnel).toBe('boolean');
  expect(Array.isArray(v.why) && v.why.every((w) => typeof w === 'string')).toBe(true);
  for (const [i, p] of (v.proposals as Record<string, unknown>[]).entries()) {
    expect(Object.keys(p)).toEqual(['recording', 'outcome', 'reasons']);
    expect(p.recording).toBe(i);
    expect(typeof p.outcome).toBe('string');
    for (const r of p.reasons as Record<string, unknown>[]) {
      expect(Object.keys(r)).toEqual(['text', 'cite']);
      expect(typeof r.text).toBe('string');
      expect(typeof r.cite).toBe('string');
    }
  }
}

describe('custodian policy evaluate', () => {
  beforeAll(() => {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: ROOT, stdio: 'pipe' });
  }, 180_000);

  it('prints exactly {schoolPersonnel, why, proposals[{recording, outcome, reasons[{text, cite}]}]} and creates nothing', () => {
    const dir = tempDir('custodian-policy-');
    const file = writeJson(dir, 'input.json', INPUT);
    const noData = path.join(dir, 'no-data-folder');
    const r = cli(['policy', 'evaluate', file, '--json', '--data', noData]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    const out = JSON.parse(r.stdout) as { schoolPersonnel: boolean; proposals: { outcome: string; reasons: { cite: string }[] }[] };
    expectExactShape(out);
    expect(out.schoolPersonnel).toBe(false);
    expect(out.proposals.map((p) => p.outcome)).toEqual(['release', 'withhold']);
    expect(out.proposals[1].reasons.map((x) => x.cite)).toContain('KRS 610.320(3)');
    expect(fs.existsSync(noData)).toBe(false);

    const human = cli(['policy', 'evaluate', file, '--data', noData]);
    expect(human.status).toBe(0);
    expect(human.stdout).toContain('Recording 1: withhold');

    const bad = cli(['policy', 'evaluate', writeJson(dir, 'bad.json', { request: { name: 'x' } }), '--json', '--data', noData]);
    expect(bad.status).toBe(2);
    expect((JSON.parse(bad.stdout) as { ok: boolean }).ok).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("adds the data folder's school districts without writing to it", async () => {
    const desk = await openDesk();
    await desk.call('admin', 'districts.add', { domain: 'scott.kyschools.example' });
    await desk.core.close();
    const db = path.join(desk.dataDir, 'custodian.sqlite');
    const before = createHash('sha256').update(fs.readFileSync(db)).digest('hex');
    const dir = tempDir('custodian-policy-');
    const file = writeJson(dir, 'input.json', { ...INPUT, request: { ...INPUT.request, email: 'Principal <principal@scott.kyschools.example>', category: 'media' } });
    const r = cli(['policy', 'evaluate', file, '--json', '--data', desk.dataDir]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { schoolPersonnel: boolean; why: string[]; proposals: { outcome: string }[] };
    expectExactShape(out);
    expect(out.schoolPersonnel).toBe(true);
    expect(out.why.join(' ')).toContain('scott.kyschools.example');
    expect(out.proposals.every((p) => p.outcome === 'blocked')).toBe(true);
    expect(createHash('sha256').update(fs.readFileSync(db)).digest('hex')).toBe(before);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(desk.dataDir, { recursive: true, force: true });
  });
});
