import { messageOf } from '../api';

export interface ActionState {
  busy: boolean;
  error: string | null;
}

/**
 * The one busy/error wrapper for anything a button starts. While a task runs a second run is
 * refused (no double submit); a failure becomes the core's custodian-readable message
 * (a CustodianError carried as ApiError), never a stack. `run` resolves true when the task
 * finished without throwing. Kept free of React so it is tested in Node (useAction wraps it).
 */
export function createActionGuard(onChange: (state: ActionState) => void) {
  let running = false;
  return {
    isRunning: (): boolean => running,
    async run(task: () => Promise<unknown> | unknown): Promise<boolean> {
      if (running) return false;
      running = true;
      onChange({ busy: true, error: null });
      try {
        await task();
        onChange({ busy: false, error: null });
        return true;
      } catch (err) {
        onChange({ busy: false, error: messageOf(err) });
        return false;
      } finally {
        running = false;
      }
    },
  };
}
