import type { CliCommand } from './command';
import { setupCommands } from './setupCommands';
import { libraryCommands } from './libraryCommands';
import { adminCommands } from './adminCommands';
import { backupCommands } from './backupCommands';
import { requestDeskCommands } from './requestCommands';
import { redactCommands } from './redactCommands';
import { exportCommands } from './exportCommands';
import { retentionCommands } from './retentionCommands';
import { detectCommands } from './detectCommands';

/** Every CLI command; each feature adds its own file. */
export const commands: CliCommand[] = [...setupCommands, ...libraryCommands, ...adminCommands, ...backupCommands, ...requestDeskCommands, ...redactCommands, ...exportCommands, ...retentionCommands, ...detectCommands];
