import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustodianError } from '../../../shared/errors';
import { locateFfmpeg, locateFfprobe } from '../../../electron/core/media/locateTools';

const exe = (name: string): string => (process.platform === 'win32' ? `${name}.exe` : name);

let dir: string;
let binDir: string;
let resources: string;

function fakeTool(folder: string, name: string, mode = 0o755): string {
  fs.mkdirSync(folder, { recursive: true });
  const p = path.join(folder, exe(name));
  fs.writeFileSync(p, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(p, mode);
  return p;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CustodianError ? err.code : 'other';
  }
  return undefined;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'custodian-locate-'));
  binDir = path.join(dir, 'bin');
  resources = path.join(dir, 'resources');
  fakeTool(binDir, 'ffmpeg');
  fakeTool(binDir, 'ffprobe');
  fakeTool(path.join(resources, 'ffmpeg'), 'ffprobe');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('locateFfprobe / locateFfmpeg', () => {
  it('prefers the configured path', () => {
    const configured = fakeTool(path.join(dir, 'configured'), 'ffprobe');
    expect(locateFfprobe({ configuredPath: configured, resourcesPath: resources, env: { PATH: binDir } })).toBe(configured);
  });

  it('uses FFPROBE_PATH / FFMPEG_PATH when nothing is configured', () => {
    const p = fakeTool(path.join(dir, 'env'), 'ffprobe');
    expect(locateFfprobe({ resourcesPath: resources, env: { FFPROBE_PATH: p, PATH: binDir } })).toBe(p);
    const f = fakeTool(path.join(dir, 'env'), 'ffmpeg');
    expect(locateFfmpeg({ env: { FFMPEG_PATH: f, PATH: '' } })).toBe(f);
  });

  it('refuses a configured path that is missing or relative instead of quietly using another', () => {
    const env = { PATH: binDir };
    expect(codeOf(() => locateFfprobe({ configuredPath: path.join(dir, 'nope', exe('ffprobe')), env }))).toBe(
      'MEDIA_TOOL_MISSING',
    );
    expect(codeOf(() => locateFfprobe({ configuredPath: 'ffprobe', env }))).toBe('MEDIA_TOOL_MISSING');
    expect(codeOf(() => locateFfprobe({ env: { ...env, FFPROBE_PATH: path.join(dir, 'missing') } }))).toBe(
      'MEDIA_TOOL_MISSING',
    );
  });

  it('uses the packaged copy in resources/ffmpeg before the PATH', () => {
    expect(locateFfprobe({ resourcesPath: resources, env: { PATH: binDir } })).toBe(
      path.join(resources, 'ffmpeg', exe('ffprobe')),
    );
  });

  it('searches the PATH itself, skipping relative entries', () => {
    const cwdTool = path.join(process.cwd(), exe('ffprobe'));
    expect(fs.existsSync(cwdTool)).toBe(false);
    const env = { PATH: ['.', '', 'relative/bin', binDir].join(path.delimiter) };
    expect(locateFfprobe({ resourcesPath: path.join(dir, 'no-resources'), env })).toBe(path.join(binDir, exe('ffprobe')));
  });

  it.skipIf(process.platform === 'win32')('skips files that are not executable, and folders', () => {
    const noExec = path.join(dir, 'noexec');
    fakeTool(noExec, 'ffprobe', 0o644);
    fs.mkdirSync(path.join(dir, 'folder', exe('ffprobe')), { recursive: true });
    const env = { PATH: [noExec, path.join(dir, 'folder'), binDir].join(path.delimiter) };
    expect(locateFfprobe({ env })).toBe(path.join(binDir, exe('ffprobe')));
  });

  it('throws MEDIA_TOOL_MISSING with a readable message when nothing is found', () => {
    try {
      locateFfprobe({ resourcesPath: path.join(dir, 'none'), env: { PATH: path.join(dir, 'empty') } });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(CustodianError);
      const e = err as CustodianError;
      expect(e.code).toBe('MEDIA_TOOL_MISSING');
      expect(e.message).toMatch(/could not find the ffprobe program/);
      expect(e.details?.tried).toContain(path.join(dir, 'none', 'ffmpeg', exe('ffprobe')));
    }
  });
});
