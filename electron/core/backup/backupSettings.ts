import type { BackupSettings } from '../../../shared/contract';
import type { Db } from '../db/database';
import { getSetting, putSetting } from '../settings/settings';

export const BACKUP_SETTING = {
  folder: 'backup.folder',
  everyHours: 'backup.everyHours',
  last: 'backup.last',
} as const;

export interface LastBackup {
  at: string;
  folder: string | null;
  ok: boolean;
  message: string;
}

/** `nextDueAt` is when the schedule will next run a backup (now, if it never has). */
export function backupSettings(db: Db, now: Date): BackupSettings {
  const folder = getSetting<string | null>(db, BACKUP_SETTING.folder) ?? null;
  const everyHours = getSetting<number | null>(db, BACKUP_SETTING.everyHours) ?? null;
  const last = getSetting<LastBackup>(db, BACKUP_SETTING.last) ?? null;
  let nextDueAt: string | null = null;
  if (folder && everyHours) {
    nextDueAt = last ? new Date(Date.parse(last.at) + everyHours * 3_600_000).toISOString() : now.toISOString();
  }
  return { folder, everyHours, last, nextDueAt };
}

/** Inside a write transaction, with the `backup` custody entry. */
export function putLastBackup(db: Db, last: LastBackup): void {
  putSetting(db, BACKUP_SETTING.last, last);
}
