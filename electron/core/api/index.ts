import type { CoreContext } from '../coreContext';
import { mergeHandlers, type HandlerMap } from './registry';
import { systemHandlers } from './systemHandlers';
import { custodyHandlers } from './custodyHandlers';
import { libraryHandlers } from './libraryHandlers';
import { ingestHandlers } from './ingestHandlers';
import { requestDeskHandlers } from './requestHandlers';
import { studioHandlers } from './studioHandlers';
import { redactionHandlers } from './redactionHandlers';
import { exportHandlers } from './exportHandlers';
import { retentionHandlers } from './retentionHandlers';
import { detectionHandlers } from './detectionHandlers';
import { reconcileAtStartup } from '../ingest/reconcile';
import { startSessionSweep } from '../accounts/sessionGate';
import { startBackupSchedule } from '../backup/schedule';
import { upgradeSearchIndex } from '../library/searchIndex';

/** Every feature's handlers; a duplicate name throws here at start-up. */
export function allHandlers(): HandlerMap {
  return mergeHandlers(systemHandlers, custodyHandlers, libraryHandlers, ingestHandlers, requestDeskHandlers, studioHandlers, redactionHandlers, exportHandlers, retentionHandlers, detectionHandlers);
}

/** Run in order when a core opens (e.g. ingest reconciliation after a crash). */
export const startupTasks: ((core: CoreContext) => Promise<void> | void)[] = [reconcileAtStartup, upgradeSearchIndex, startSessionSweep, startBackupSchedule];
