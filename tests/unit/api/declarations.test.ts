import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contract, type Method } from '../../../shared/contract';
import { allHandlers } from '../../../electron/core/api';
import type { AnyHandler } from '../../../electron/core/api/registry';

/**
 * Every contract method declares, beside its handler, who may call it, whether it needs the
 * password again, whether it is on the release path and whether it may run while the screen is
 * locked; Core.call enforces the declaration (electron/core/methodPolicy.ts). These checks make
 * a forgotten or contradictory declaration fail the build.
 */

const handlers = allHandlers() as Record<string, AnyHandler>;
const methods = Object.keys(contract) as Method[];

function takesConfirmPassword(m: Method): boolean {
  const shape = (contract[m] as unknown as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && 'confirmPassword' in shape;
}

describe('method declarations', () => {
  it('every contract method has a handler that declares access, reauth, releasePath and whileLocked', () => {
    for (const m of methods) {
      const h = handlers[m];
      expect(h, m).toBeDefined();
      expect(h.access, m).toBeDefined();
      expect(typeof h.reauth === 'string' || h.reauth === false, `${m} reauth`).toBe(true);
      expect(h.releasePath === false || typeof h.releasePath === 'object', `${m} releasePath`).toBe(true);
      expect(typeof h.whileLocked, `${m} whileLocked`).toBe('boolean');
    }
  });

  it('a method asks for the password again exactly when its input carries confirmPassword', () => {
    for (const m of methods) expect(Boolean(handlers[m].reauth), m).toBe(takesConfirmPassword(m));
  });

  it('only unlocking, signing out and looking at the session run while locked', () => {
    const whileLocked = methods.filter((m) => handlers[m].whileLocked).sort();
    expect(whileLocked).toEqual(['auth.lock', 'auth.logout', 'auth.me', 'auth.status', 'auth.unlock']);
  });

  it('every method that hands out a copy or a viewing, or decides or writes to the requester, is on the release path', () => {
    const onPath = methods.filter((m) => handlers[m].releasePath !== false);
    for (const m of ['requests.release', 'requests.signOff', 'requests.setDecision', 'letters.issue', 'viewing.schedule', 'viewing.start'] as const) {
      expect(onPath, m).toContain(m);
    }
    expect(handlers['requests.release'].releasePath).toMatchObject({ hands: 'copy' });
    for (const m of onPath) {
      const step = handlers[m].releasePath;
      if (step && (step.hands === 'decision' || step.hands === 'letter')) expect(typeof step.schoolMayProceed, m).toBe('function');
    }
  });
});

describe('the kernel does not depend on the features it dispatches to', () => {
  const root = path.resolve(__dirname, '../../../electron/core');
  const importsOf = (file: string): string[] => {
    const text = fs.readFileSync(file, 'utf8');
    const out: string[] = [];
    for (const m of text.matchAll(/^(?:import|export)[^'"]*from '(\.[^']+)'/gm)) {
      const base = path.resolve(path.dirname(file), m[1]);
      const candidates = [`${base}.ts`, path.join(base, 'index.ts')];
      const found = candidates.find((c) => fs.existsSync(c));
      if (found) out.push(found);
    }
    return out;
  };

  it('core.ts reaches no handler module (type imports included); openCore.ts is the only place that wires them', () => {
    const seen = new Set<string>();
    const stack = [path.join(root, 'core.ts')];
    while (stack.length > 0) {
      const f = stack.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      stack.push(...importsOf(f));
    }
    const reached = [...seen].map((f) => path.relative(root, f));
    expect(reached.filter((f) => /^api\/(?!registry\.ts$)/.test(f))).toEqual([]);
    expect(reached).not.toContain('openCore.ts');
  });

  it('domain modules import nothing from api/ but its declaration types', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts') && !p.includes(`${path.sep}api${path.sep}`) && !p.endsWith('openCore.ts')) {
          for (const i of importsOf(p)) if (i.includes(`${path.sep}api${path.sep}`) && !i.endsWith('registry.ts')) offenders.push(`${path.relative(root, p)} → ${path.relative(root, i)}`);
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
