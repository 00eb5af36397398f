import fs from 'node:fs';
import path from 'node:path';
import type { DeadlineSettings, HolidayInfo } from '../../../shared/contract';
import {
  DEFAULT_CLOSING_TIME,
  DEFAULT_HALF_DAY_CLOSING_TIME,
  DEFAULT_TIME_ZONE,
  localDateTimeAt,
  responseDueDate,
  type DeadlineOptions,
} from '../../../shared/domain/deadlines';
import { holidayTableSchema, kentuckyStateHolidays, type Holiday } from '../../../shared/domain/holidays';
import type { LocalDate } from '../../../shared/domain/localDate';
import type { CoreContext } from '../coreContext';
import { requestObjectId } from './requestRows';
import { stmt, readSetting } from './sqlCache';

/**
 * The deadline clock's inputs, all agency data: closing time and time zone (settings key
 * `deadlines`) and the holiday table (table `holidays`). The table is seeded per year, the
 * first time a year is needed, from resources/holidays/ky-YYYY.json, or from the same rules
 * in code when no file is shipped for that year (the shipped files are exactly
 * `kentuckyStateHolidays(YYYY)`). A seeded year is never seeded again, so an administrator's
 * deletions stick.
 */

export const DEADLINE_SETTINGS_KEY = 'deadlines';

export const DEFAULT_DEADLINE_SETTINGS: DeadlineSettings = {
  closingTime: DEFAULT_CLOSING_TIME,
  halfDayClosingTime: DEFAULT_HALF_DAY_CLOSING_TIME,
  timeZone: DEFAULT_TIME_ZONE,
};

export function deadlineSettings(core: CoreContext): DeadlineSettings {
  return { ...DEFAULT_DEADLINE_SETTINGS, ...(readSetting<Partial<DeadlineSettings>>(core.db, DEADLINE_SETTINGS_KEY) ?? {}) };
}

/**
 * The agency's time zone (an IANA name, settings key `deadlines`): the wall clock the deadline
 * clock counts on, letters and the custody report show, and a sidecar's recorded_start without
 * an offset is read on.
 */
export function agencyTimeZone(core: CoreContext): string {
  return deadlineSettings(core).timeZone;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function holidayFileCandidates(core: CoreContext, year: number): string[] {
  const name = `ky-${year}.json`;
  const roots = [
    ...(core.options.resourcesPath ? [path.join(core.options.resourcesPath, 'holidays')] : []),
    // Source tree (tests) and the compiled tree (out/electron/core/requests).
    path.resolve(__dirname, '..', '..', '..', 'resources', 'holidays'),
    path.resolve(__dirname, '..', '..', '..', '..', 'resources', 'holidays'),
  ];
  return roots.map((r) => path.join(r, name));
}

function shippedHolidays(core: CoreContext, year: number): { holidays: Holiday[]; source: 'shipped' | 'computed'; file: string | null } {
  for (const file of holidayFileCandidates(core, year)) {
    if (!fs.existsSync(file)) continue;
    const parsed = holidayTableSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (parsed.success) return { holidays: parsed.data, source: 'shipped', file };
  }
  return { holidays: kentuckyStateHolidays(year), source: 'computed', file: null };
}

/** The local date in the agency's zone at the core's clock (tests move the clock). */
export function todayLocal(core: CoreContext): LocalDate {
  return localDateTimeAt(core.clock().toISOString(), deadlineSettings(core).timeZone).date;
}

/**
 * The clock's inputs change only through this module and the settings handlers, which call
 * `clockInputsChanged`; until then the holiday table, the settings and computed due dates are
 * reused (the dashboard computes hundreds of due dates per call).
 */
interface ClockCache {
  version: number;
  seeded: Set<number> | null;
  options: DeadlineOptions | null;
  due: Map<string, LocalDate>;
}
const versions = new WeakMap<CoreContext, number>();
const caches = new WeakMap<CoreContext, ClockCache>();

export function clockInputsChanged(core: CoreContext): void {
  versions.set(core, (versions.get(core) ?? 0) + 1);
}

function cacheFor(core: CoreContext): ClockCache {
  const version = versions.get(core) ?? 0;
  let c = caches.get(core);
  if (!c || c.version !== version) {
    c = { version, seeded: null, options: null, due: new Map() };
    caches.set(core, c);
  }
  return c;
}

/**
 * Seeds the years the clock needs (this year and next, and any year a caller names). Runs in
 * its own write transaction with one custody entry per year; a no-op once seeded. The first
 * call on a core also stores the due dates of requests answered before due dates were stored
 * at answer time (`fixAnsweredDueDates`).
 */
export function ensureHolidayYears(core: CoreContext, extraYears: readonly number[] = []): void {
  seedHolidayYears(core, extraYears);
  fixAnsweredDueDates(core);
}

function seedHolidayYears(core: CoreContext, extraYears: readonly number[]): void {
  const thisYear = Number(todayLocal(core).slice(0, 4));
  const years = [...new Set([thisYear, thisYear + 1, ...extraYears])].filter((y) => y >= 2000 && y <= 2200);
  const cache = cacheFor(core);
  if (cache.seeded && years.every((y) => cache.seeded!.has(y))) return;
  const seeded = new Set((stmt(core.db, 'SELECT year FROM holiday_years').all() as { year: number }[]).map((r) => r.year));
  const missing = years.filter((y) => !seeded.has(y));
  if (missing.length === 0) {
    if (!core.db.inTransaction) cache.seeded = seeded;
    return;
  }
  const actor = core.systemActor();
  core.record(actor, () => {
    const events = [];
    const now = core.clock().toISOString();
    for (const year of missing) {
      if (stmt(core.db, 'SELECT 1 FROM holiday_years WHERE year = ?').get(year)) continue;
      const { holidays, source, file } = shippedHolidays(core, year);
      const insert = stmt(core.db, 'INSERT OR IGNORE INTO holidays (date, name, kind, source, added_at, added_by) VALUES (?, ?, ?, ?, ?, ?)');
      for (const h of holidays) insert.run(h.date, h.name, h.kind, source, now, actor.username);
      stmt(core.db, 'INSERT INTO holiday_years (year, seeded_at, source) VALUES (?, ?, ?)').run(year, now, source);
      events.push({ action: 'holidays-seeded' as const, objectId: `holidays:${year}`, details: { year, source, file: file ? path.basename(file) : null, count: holidays.length } });
    }
    return { result: null, events };
  });
  clockInputsChanged(core);
}

const answeredChecked = new WeakSet<CoreContext>();

/**
 * Requests answered before their due date was stored when answered (migration 50) get it
 * stored once, with the table as it is at the first use of the clock after the upgrade, so
 * later holiday edits no longer move it. Runs once per core, before any holiday edit (the
 * holiday handlers call `ensureHolidayYears` first), in its own transaction with a custody
 * entry per request.
 */
function fixAnsweredDueDates(core: CoreContext): void {
  if (answeredChecked.has(core) || core.db.inTransaction) return;
  const rows = stmt(
    core.db,
    "SELECT id, received_at, delay_until FROM requests WHERE due_date_frozen IS NULL AND (answered_at IS NOT NULL OR state IN ('denied','released','closed'))",
  ).all() as { id: number; received_at: string; delay_until: string | null }[];
  if (rows.length > 0) {
    const zone = deadlineSettings(core).timeZone;
    const years = rows.map((r) => Number(localDateTimeAt(r.received_at, zone).date.slice(0, 4)));
    seedHolidayYears(core, [...years, ...years.map((y) => y + 1)]);
    const options = deadlineOptions(core);
    core.record(core.systemActor(), () => {
      const events = [];
      for (const r of rows) {
        const due = r.delay_until ?? responseDueDate(r.received_at, options);
        const changed = stmt(core.db, 'UPDATE requests SET due_date_frozen = ? WHERE id = ? AND due_date_frozen IS NULL').run(due, r.id).changes;
        if (changed > 0) events.push({ action: 'request-due-date-fixed' as const, objectId: requestObjectId(r.id), details: { dueDate: due, why: 'Answered before due dates were stored when answered; fixed at the first start after the upgrade.' } });
      }
      return { result: null, events };
    });
  }
  answeredChecked.add(core);
}

export function listHolidays(core: CoreContext, year?: number): HolidayInfo[] {
  const rows = (
    year === undefined
      ? stmt(core.db, 'SELECT date, name, kind, source FROM holidays ORDER BY date, name').all()
      : stmt(core.db, "SELECT date, name, kind, source FROM holidays WHERE date LIKE ? ORDER BY date, name").all(`${year}-%`)
  ) as HolidayInfo[];
  return rows.map((r) => ({ date: r.date, name: r.name, kind: r.kind, source: r.source }));
}

export function holidayTable(core: CoreContext): Holiday[] {
  return (stmt(core.db, 'SELECT date, name, kind FROM holidays ORDER BY date').all() as Holiday[]).map((h) => ({ date: h.date, name: h.name, kind: h.kind }));
}

export function deadlineOptions(core: CoreContext): DeadlineOptions {
  const cache = cacheFor(core);
  if (cache.options && !core.db.inTransaction) return cache.options;
  const s = deadlineSettings(core);
  const options: DeadlineOptions = { closingTime: s.closingTime, halfDayClosingTime: s.halfDayClosingTime, timeZone: s.timeZone, holidays: holidayTable(core) };
  if (!core.db.inTransaction) cache.options = options;
  return options;
}

/**
 * The clock's inputs for a set of receipt instants, with every year they touch seeded first.
 * Callers computing many due dates (the dashboard) build this once.
 */
export function deadlineContext(core: CoreContext, receivedAts: readonly string[] = []): DeadlineOptions {
  const zone = deadlineSettings(core).timeZone;
  const years = new Set<number>();
  for (const at of receivedAts) {
    const y = Number(localDateTimeAt(at, zone).date.slice(0, 4));
    years.add(y);
    years.add(y + 1);
  }
  ensureHolidayYears(core, [...years]);
  return deadlineOptions(core);
}

/** KRS 61.880(1) due date of a request received at `receivedAt`, with the agency's table. */
export function statutoryDueDate(core: CoreContext, receivedAt: string, options?: DeadlineOptions): LocalDate {
  const opts = options ?? deadlineContext(core, [receivedAt]);
  const cache = cacheFor(core);
  if (opts !== cache.options) return responseDueDate(receivedAt, opts);
  let due = cache.due.get(receivedAt);
  if (due === undefined) {
    due = responseDueDate(receivedAt, opts);
    cache.due.set(receivedAt, due);
  }
  return due;
}

/**
 * An agency date-time for people to read (letters, the custody report): "Tuesday, December 1,
 * 2026 at 2:30 PM EST", or with `seconds` "Tuesday, December 1, 2026 at 2:30:05 PM EST".
 */
export function formatInstant(instant: string, timeZone: string, opts: { seconds?: boolean } = {}): string {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(opts.seconds ? { second: '2-digit' as const } : {}),
    timeZoneName: 'short',
  }).format(new Date(instant));
}

/** "December 1, 2026" for a local date. */
export function formatLocalDate(date: LocalDate): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' }).format(new Date(Date.UTC(y, m - 1, d)));
}
