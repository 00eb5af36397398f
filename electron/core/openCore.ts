import { Core, type CoreOptions } from './core';
import { allHandlers, startupTasks } from './api';

export type { Core, CoreOptions } from './core';

/**
 * The composition root: the only module that knows both the kernel and every feature's
 * handlers. Hosts, the CLI and tests open a core through here.
 */
export function openCore(opts: CoreOptions): Promise<Core> {
  return Core.open(opts, { handlers: allHandlers(), startupTasks });
}
