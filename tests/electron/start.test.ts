import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startScript } from './projectFiles';

/** scripts/start.js decides between Electron and the web host from what is on disk. */

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-start-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

/** A project folder with an `electron` package as npm leaves it: with or without the download. */
function project(name: string, opts: { pathTxt?: string; binary?: string }): string {
  const dir = path.join(base, name);
  const pkg = path.join(dir, 'node_modules', 'electron');
  fs.mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","version":"45.5.0","main":"index.js"}');
  // Requiring this would be a mistake: the real index.js starts a download when the binary is missing.
  fs.writeFileSync(path.join(pkg, 'index.js'), 'throw new Error("index.js must not be required")');
  if (opts.pathTxt !== undefined) fs.writeFileSync(path.join(pkg, 'path.txt'), opts.pathTxt);
  if (opts.binary !== undefined) fs.writeFileSync(path.join(pkg, 'dist', opts.binary), '');
  return dir;
}

describe('electronBinary', () => {
  it('finds an installed binary', () => {
    const dir = project('installed', { pathTxt: 'electron', binary: 'electron' });
    expect(startScript.electronBinary(dir, {})).toBe(
      path.join(fs.realpathSync(dir), 'node_modules', 'electron', 'dist', 'electron'),
    );
  });

  it('answers null when the download never happened (no path.txt)', () => {
    expect(startScript.electronBinary(project('never-downloaded', {}), {})).toBeNull();
  });

  it('answers null when path.txt names a binary that is not there', () => {
    expect(startScript.electronBinary(project('half-installed', { pathTxt: 'electron' }), {})).toBeNull();
  });

  it('answers null when there is no electron package at all', () => {
    const dir = path.join(base, 'no-electron');
    fs.mkdirSync(dir, { recursive: true });
    expect(startScript.electronBinary(dir, {})).toBeNull();
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dist = path.join(base, 'custom-dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'electron'), '');
    const dir = project('override', {});
    expect(startScript.electronBinary(dir, { ELECTRON_OVERRIDE_DIST_PATH: dist })).toBe(path.join(dist, 'electron'));
  });

  it('tells the user in one line what it does instead', () => {
    expect(startScript.FALLBACK_NOTICE).toBe(
      'Electron is not installed on this machine; opening Custodian in your browser through the local web host instead.',
    );
    expect(startScript.FALLBACK_NOTICE).not.toContain('\n');
  });
});
