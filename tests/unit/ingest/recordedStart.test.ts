import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRecordedStart } from '../../../electron/core/ingest/recordedStart';

/** A sidecar's recorded_start without an offset is read on the agency's clock, never the machine's. */

let savedTz: string | undefined;
beforeAll(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'Australia/Sydney';
});
afterAll(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

const iso = (raw: string, zone: string) => {
  const r = parseRecordedStart(raw, zone);
  if (!r.ok) throw new Error(r.reason);
  return r.iso;
};

describe('parseRecordedStart', () => {
  test('a local time is read in the agency zone, summer and winter', () => {
    expect(iso('2026-07-14 08:15', 'America/New_York')).toBe('2026-07-14T12:15:00.000Z');
    expect(iso('2026-01-14 08:15', 'America/New_York')).toBe('2026-01-14T13:15:00.000Z');
    expect(iso('2026-07-14T08:15:09', 'America/Chicago')).toBe('2026-07-14T13:15:09.000Z');
    expect(iso('2026-01-14 08:15:09', 'America/Chicago')).toBe('2026-01-14T14:15:09.000Z');
    // A zone without daylight saving, and UTC itself.
    expect(iso('2026-07-14 08:15', 'America/Phoenix')).toBe('2026-07-14T15:15:00.000Z');
    expect(iso('2026-07-14 08:15', 'UTC')).toBe('2026-07-14T08:15:00.000Z');
  });

  test('an offset or Z wins over the agency zone', () => {
    expect(iso('2026-07-14T08:15:00-06:00', 'America/New_York')).toBe('2026-07-14T14:15:00.000Z');
    expect(iso('2026-07-14T08:15:00Z', 'America/Chicago')).toBe('2026-07-14T08:15:00.000Z');
  });

  test('the hour skipped or repeated in the agency zone is refused with the choices', () => {
    const gap = parseRecordedStart('2026-03-08 02:30', 'America/Chicago');
    expect(gap.ok).toBe(false);
    if (!gap.ok) expect(gap.reason).toMatch(/does not exist in the agency's time zone, America\/Chicago/);
    const twice = parseRecordedStart('2026-11-01 01:30', 'America/Chicago');
    expect(twice.ok).toBe(false);
    if (!twice.ok) expect(twice.reason).toMatch(/twice.*America\/Chicago.*-05:00 or -06:00/);
    // Sydney's own change (first Sunday of April, 03:00 → 02:00) is not the agency's concern.
    expect(iso('2026-04-05 02:30', 'America/Chicago')).toBe('2026-04-05T07:30:00.000Z');
    expect(iso('2026-11-01 00:59:59', 'America/Chicago')).toBe('2026-11-01T05:59:59.000Z');
    expect(iso('2026-11-01 02:00', 'America/Chicago')).toBe('2026-11-01T08:00:00.000Z');
  });
});
