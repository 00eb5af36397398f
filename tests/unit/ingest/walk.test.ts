import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { walkSources } from '../../../electron/core/ingest/walk';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'walk-'));
  const put = (rel: string, content = 'x') => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  };
  put('card/b.mp4');
  put('card/a.mp4');
  put('card/B.mp4');
  put('card/sub/z.mp4');
  put('card/sub/deeper/y.mp4');
  put('card/aa/c.mp4');
  put('card/empty.mp4', '');
  put('card/.DS_Store');
  put('card/._a.mp4');
  put('card/meta.csv', 'file\n');
  put('card/-rf.mp4');
  put('card/line\nbreak.mp4');
  put('card/שלום 日本.mp4');
  fs.symlinkSync(path.join(dir, 'card/a.mp4'), path.join(dir, 'card/link.mp4'));
  fs.symlinkSync(path.join(dir, 'card/sub'), path.join(dir, 'card/linkdir'));
  execFileSync('mkfifo', [path.join(dir, 'card/pipe.mp4')]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('walkSources', () => {
  test('walks folders recursively in code-unit order, files before subfolders', () => {
    const w = walkSources([path.join(dir, 'card')], { sidecarPath: path.join(dir, 'card/meta.csv') });
    expect(w.files.map((f) => f.relPath)).toEqual([
      '-rf.mp4', 'B.mp4', 'a.mp4', 'b.mp4', 'line\nbreak.mp4', 'שלום 日本.mp4', 'aa/c.mp4', 'sub/z.mp4', 'sub/deeper/y.mp4',
    ]);
    for (const f of w.files) expect(path.isAbsolute(f.path)).toBe(true);
  });

  test('refuses symlinks (files and folders), FIFOs and empty files; skips the sidecar and OS litter', () => {
    const w = walkSources([path.join(dir, 'card')], { sidecarPath: path.join(dir, 'card/meta.csv') });
    const rejected = Object.fromEntries(w.rejected.map((r) => [path.basename(r.path), r.code]));
    expect(rejected).toEqual({ 'empty.mp4': 'EMPTY_FILE', 'link.mp4': 'NOT_REGULAR_FILE', 'linkdir': 'NOT_REGULAR_FILE', 'pipe.mp4': 'NOT_REGULAR_FILE' });
    expect(w.rejected.find((r) => r.path.endsWith('link.mp4'))!.message).toMatch(/symbolic link/);
    expect(w.rejected.find((r) => r.path.endsWith('pipe.mp4'))!.message).toMatch(/named pipe/);
    expect(w.skipped.map((s) => path.basename(s.path)).sort()).toEqual(['.DS_Store', '._a.mp4', 'meta.csv']);
  });

  test('a symlink named directly is refused and not followed; a file named twice is added once', () => {
    const w = walkSources([path.join(dir, 'card/link.mp4'), path.join(dir, 'card/a.mp4'), path.join(dir, 'card')]);
    expect(w.rejected.map((r) => [path.basename(r.path), r.code])).toContainEqual(['link.mp4', 'NOT_REGULAR_FILE']);
    expect(w.files.filter((f) => f.name === 'a.mp4')).toHaveLength(1);
    expect(w.files[0]!.relPath).toBe('a.mp4');
    expect(w.skipped.some((s) => s.path.endsWith('card/a.mp4') && /more than once/.test(s.reason))).toBe(true);
  });

  test('a missing path is reported, not thrown', () => {
    const w = walkSources([path.join(dir, 'nope')]);
    expect(w.rejected).toEqual([{ path: path.join(dir, 'nope'), code: 'NOT_FOUND', message: expect.stringMatching(/not found/) }]);
  });

  test('OS litter named directly is ingested (only folder walks skip it)', () => {
    const w = walkSources([path.join(dir, 'card/.DS_Store')]);
    expect(w.files).toHaveLength(1);
  });
});
