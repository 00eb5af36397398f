import type { CoreContext } from '../coreContext';
import { backupSettings } from './backupSettings';
import { runBackup } from './runBackup';

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 10 * 60_000;

export type TickOutcome = 'not-configured' | 'not-due' | 'busy' | 'done' | 'failed' | 'cancelled';

/**
 * Scheduled backups (`backup.folder`, `backup.everyHours`): a timer the core starts when it
 * opens and stops when it closes. It never keeps the process alive (unref), runs each backup
 * as a job (visible and cancellable in `jobs.list`) under the system actor, and counts from
 * the last attempt, so an unplugged drive is retried once per period rather than every tick
 * (a failed scheduled backup is an open finding on the dashboard).
 */
export class BackupSchedule {
  private timers: NodeJS.Timeout[] = [];
  private current: Promise<TickOutcome> | null = null;

  constructor(private readonly core: CoreContext) {}

  start(): void {
    const first = setTimeout(() => void this.tick(), FIRST_CHECK_MS);
    const every = setInterval(() => void this.tick(), CHECK_EVERY_MS);
    first.unref();
    every.unref();
    this.timers.push(first, every);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearTimeout(t);
    this.timers = [];
    // A running backup is a job: Core.close cancels it next, and its partial folder is removed.
  }

  /** One check: runs a backup if one is due. Tests call this with a fake clock. */
  tick(): Promise<TickOutcome> {
    if (this.current) return Promise.resolve('busy');
    this.current = this.check().finally(() => {
      this.current = null;
    });
    return this.current;
  }

  private async check(): Promise<TickOutcome> {
    const core = this.core;
    const now = core.clock();
    const s = backupSettings(core.db, now);
    if (!s.folder || !s.everyHours) return 'not-configured';
    if (s.nextDueAt && Date.parse(s.nextDueAt) > now.getTime()) return 'not-due';
    const folder = s.folder;
    const job = core.jobs.start('backup', 'Scheduled backup', null, (ctl) => runBackup(core, core.systemActor(), { folder, scheduled: true, signal: ctl.signal, onProgress: ctl.progress }));
    const end = await core.jobs.wait(job.id);
    return end.status === 'done' ? 'done' : end.status === 'cancelled' ? 'cancelled' : 'failed';
  }
}

const schedules = new WeakMap<CoreContext, BackupSchedule>();

/** Start-up task: the backup timer, unless the core was opened without background tasks (the CLI). */
export function startBackupSchedule(core: CoreContext): void {
  if (core.options.backgroundTasks === false) return;
  const schedule = new BackupSchedule(core);
  schedules.set(core, schedule);
  schedule.start();
  core.onClose(() => schedule.stop());
}

export function backupScheduleOf(core: CoreContext): BackupSchedule | undefined {
  return schedules.get(core);
}
