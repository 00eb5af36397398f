import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { matchSidecar, parseSidecarText, readSidecar, type SidecarTarget } from '../../../electron/core/ingest/sidecar';
import { CustodianError } from '../../../shared/errors';

const files: SidecarTarget[] = [
  { path: '/cards/A/clip1.mp4', relPath: 'clip1.mp4', name: 'clip1.mp4' },
  { path: '/cards/A/day2/clip2.mp4', relPath: 'day2/clip2.mp4', name: 'clip2.mp4' },
  { path: '/cards/A/day3/same.mp4', relPath: 'day3/same.mp4', name: 'same.mp4' },
  { path: '/cards/A/day4/same.mp4', relPath: 'day4/same.mp4', name: 'same.mp4' },
];

function fatal(fn: () => unknown): CustodianError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CustodianError) return err;
    throw err;
  }
  throw new Error('expected the sidecar to be refused');
}

/** The agency's zone: local times are read on it. The machine's zone (TZ) is set elsewhere on purpose. */
const ZONE = 'America/New_York';

let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Asia/Tokyo';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('CSV sidecar', () => {
  const good = [
    '\uFEFFfile,officer,badge,school,incident,cad,recorded_start,location_type,minors_present,minors,use_of_force,arrest,complaint,cjis_screen,categories,notes',
    'clip1.mp4,"Smith, J.",1234,Lincoln High,24-0101,CAD-9,2024-03-05T14:03:00-05:00,school,yes,victim;witness,no,true,0,1,fight;weapon,"said ""stop""\r\nthen left"',
    'day2/clip2.mp4,Lee,,,,,2024-03-06 08:15,,,,,,,,,',
  ].join('\r\n');

  test('a good CSV converts every column', () => {
    const sc = parseSidecarText(good, 'csv', ZONE);
    expect(sc.problems).toEqual([]);
    expect(sc.rows).toHaveLength(2);
    expect(sc.rows[0]).toEqual({
      line: 2,
      file: 'clip1.mp4',
      meta: {
        officer: 'Smith, J.', badge: '1234', school: 'Lincoln High', incident: '24-0101', cad: 'CAD-9', recordedStart: '2024-03-05T19:03:00.000Z',
        locationType: 'school', minorsPresent: true, minors: [{ role: 'victim' }, { role: 'witness' }], useOfForce: false, arrest: true,
        complaint: false, cjisScreen: true, categories: ['fight', 'weapon'], notes: 'said "stop"\r\nthen left',
      },
    });
    // Local time on the agency's clock (New York, EST in March before the 10th), not the machine's (Tokyo).
    expect(sc.rows[1]).toEqual({ line: 4, file: 'day2/clip2.mp4', meta: { officer: 'Lee', recordedStart: '2024-03-06T13:15:00.000Z' } });
    const m = matchSidecar(sc, files);
    expect(m.problems).toEqual([]);
    expect(m.rowFor.get('/cards/A/clip1.mp4')?.line).toBe(2);
    expect(m.rowFor.get('/cards/A/day2/clip2.mp4')?.line).toBe(4);
  });

  test('bad rows are reported by line and column, and refuse their file', () => {
    const text = [
      'File,Officer,Recorded Start,Minors Present,Minors,Location Type',
      'clip1.mp4,A,2024-03-10 02:30,maybe,victim,school',
      'day2/clip2.mp4,B,2024-11-03 01:30,no,victim,gym',
      'missing.mp4,C,,,,',
      ',D,,,,',
      'same.mp4,E,,,,',
      'day3/same.mp4,F,,,,',
      'day3/same.mp4,G,,,,',
      'day4/same.mp4,H,too,many,fields,here,!',
    ].join('\n');
    const sc = parseSidecarText(text, 'csv', ZONE);
    const m = matchSidecar(sc, files);
    const brief = m.problems.map((p) => `${p.line}:${p.column ?? '-'}`);
    expect(brief).toEqual([
      '2:recorded_start', '2:minors_present', '3:recorded_start', '3:location_type', '3:minors_present', '4:file', '5:file', '6:file', '8:file', '9:-',
    ]);
    expect(m.problems.find((p) => p.line === 2 && p.column === 'recorded_start')!.reason).toMatch(/does not exist/);
    expect(m.problems.find((p) => p.line === 3 && p.column === 'recorded_start')!.reason).toMatch(/twice.*-04:00 or -05:00/);
    expect(m.problems.find((p) => p.line === 4)!.reason).toMatch(/No file in this batch/);
    expect(m.problems.find((p) => p.line === 6)!.reason).toMatch(/Several files/);
    expect(m.problems.find((p) => p.line === 8)!.reason).toMatch(/already has a row on line 7/);
    expect([...m.refused.keys()].sort()).toEqual(['/cards/A/clip1.mp4', '/cards/A/day2/clip2.mp4', '/cards/A/day3/same.mp4', '/cards/A/day4/same.mp4']);
    expect(m.rowFor.size).toBe(0);
  });

  test('an unknown or repeated column, or no file column, refuses the whole sidecar', () => {
    expect(fatal(() => parseSidecarText('file,offcer\nx,y', 'csv', ZONE)).message).toMatch(/offcer/);
    expect(fatal(() => parseSidecarText('file,officer,Officer\n', 'csv', ZONE)).message).toMatch(/twice/);
    expect(fatal(() => parseSidecarText('officer\nx', 'csv', ZONE)).message).toMatch(/no file column/);
    expect(fatal(() => parseSidecarText('', 'csv', ZONE)).message).toMatch(/no header/);
    expect(fatal(() => parseSidecarText('"file\n', 'csv', ZONE)).code).toBe('BAD_INPUT');
  });

  test('a CSV syntax problem is reported on its line without stopping the other rows', () => {
    const sc = parseSidecarText('file,notes\nclip1.mp4,"ok"\nbad"q.mp4,x\nday2/clip2.mp4,fine\n', 'csv', ZONE);
    expect(sc.rows.map((r) => r.line)).toEqual([2, 4]);
    expect(sc.problems.map((p) => p.line)).toEqual([3]);
  });
});

describe('JSON sidecar', () => {
  test('a good JSON sidecar accepts booleans, lists and safe numbers', () => {
    const sc = parseSidecarText(
      JSON.stringify([{ file: 'clip1.mp4', officer: 'Smith', badge: 1234, minors: ['custody'], use_of_force: true, categories: 'a;b;a', recorded_start: '2024-07-01T10:00:00Z', cad: null }], null, 2),
      'json',
      ZONE,
    );
    expect(sc.problems).toEqual([]);
    expect(sc.rows[0]).toEqual({
      line: 2,
      file: 'clip1.mp4',
      meta: { officer: 'Smith', badge: '1234', minors: [{ role: 'custody' }], minorsPresent: true, useOfForce: true, categories: ['a', 'b'], recordedStart: '2024-07-01T10:00:00.000Z' },
    });
  });

  test('forbidden and duplicate keys, big numbers, unknown members and wrong types by line', () => {
    const text = [
      '[',
      '  {"file": "clip1.mp4", "__proto__": {"x": 1}},',
      '  {"file": "day2/clip2.mp4", "officer": "a",',
      '   "officer": "b"},',
      '  {"file": "day3/same.mp4", "badge": 9007199254740993},',
      '  {"file": "day4/same.mp4", "ofücer": "x", "arrest": "perhaps", "notes": {"a": 1}},',
      '  "not an object"',
      ']',
    ].join('\n');
    const sc = parseSidecarText(text, 'json', ZONE);
    const m = matchSidecar(sc, files);
    expect(m.problems.map((p) => `${p.line}:${p.column ?? '-'}`)).toEqual(['2:__proto__', '4:officer', '5:badge', '6:ofücer', '6:notes', '7:-']);
    expect(m.refused.size).toBe(4);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test('invalid JSON or a non-list refuses the sidecar with the line', () => {
    expect(fatal(() => parseSidecarText('[{"file": "a"},\n{"file": }]', 'json', ZONE)).message).toMatch(/line 2/);
    expect(fatal(() => parseSidecarText('{"file": "a"}', 'json', ZONE)).message).toMatch(/list/);
  });
});

describe('readSidecar', () => {
  test('reads CSV or JSON by extension, refuses non-UTF-8, symlinks and FIFOs', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sidecar-'));
    try {
      fs.writeFileSync(path.join(dir, 'meta.csv'), 'file,officer\nclip1.mp4,A\n');
      fs.writeFileSync(path.join(dir, 'meta.json'), '[{"file":"clip1.mp4","officer":"B"}]');
      fs.writeFileSync(path.join(dir, 'latin1.csv'), Buffer.from([0x66, 0x69, 0x6c, 0x65, 0x0a, 0xe9, 0x0a]));
      fs.symlinkSync(path.join(dir, 'meta.csv'), path.join(dir, 'link.csv'));
      expect(readSidecar(path.join(dir, 'meta.csv'), ZONE).rows[0]!.meta.officer).toBe('A');
      expect(readSidecar(path.join(dir, 'meta.json'), ZONE).rows[0]!.meta.officer).toBe('B');
      expect(fatal(() => readSidecar(path.join(dir, 'latin1.csv'), ZONE)).message).toMatch(/UTF-8/);
      expect(fatal(() => readSidecar(path.join(dir, 'link.csv'), ZONE)).message).toMatch(/ordinary file/);
      expect(fatal(() => readSidecar(path.join(dir, 'nope.csv'), ZONE)).code).toBe('NOT_FOUND');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sidecar properties (fast-check)', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', '1', ';', '"', ',', '\n', ' ', 'yes', 'victim', '__proto__', '2024-03-05 10:00', 'é'), maxLength: 6 });
  const columns = fc.subarray(['officer', 'badge', 'minors_present', 'minors', 'recorded_start', 'categories', 'location_type', 'notes'], { minLength: 1 });

  test('arbitrary CSV rows never throw past the header and every problem has a line inside the file', () => {
    fc.assert(
      fc.property(columns, fc.array(fc.array(cell, { minLength: 9, maxLength: 9 }), { maxLength: 8 }), (cols, rows) => {
        const header = ['file', ...cols];
        const body = rows.map((r) => [`f${r[0]}`, ...r.slice(1, header.length)]);
        const text = [header, ...body].map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n');
        const sc = parseSidecarText(text, 'csv', ZONE);
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const p of sc.problems) {
          expect(p.line).toBeGreaterThanOrEqual(2);
          expect(p.line).toBeLessThanOrEqual(lines);
        }
        expect(sc.rows.length + new Set(sc.badRows.map((b) => b.line)).size).toBe(body.length);
      }),
      { numRuns: 500 },
    );
  });

  test('arbitrary JSON text is refused as a whole or row by row, never by an exception, never polluting', () => {
    const piece = fc.constantFrom('[', ']', '{', '}', '"file"', '"officer"', '"__proto__"', '"constructor"', ':', ',', '"x"', '1e999', '12345678901234567', 'true', '[]', ' ');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }).map((a) => a.join('')), (text) => {
        try {
          const sc = parseSidecarText(text, 'json', ZONE);
          matchSidecar(sc, files);
        } catch (err) {
          expect(err).toBeInstanceOf(CustodianError);
          expect((err as CustodianError).code).toBe('BAD_INPUT');
        }
        expect(({} as Record<string, unknown>).officer).toBeUndefined();
      }),
      { numRuns: 2000 },
    );
  });
});
