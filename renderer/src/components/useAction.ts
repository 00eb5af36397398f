import { useCallback, useEffect, useRef, useState } from 'react';
import { createActionGuard, type ActionState } from './actionGuard';

export interface Action {
  /** True while the task runs; disable the button with it. */
  busy: boolean;
  /** The last failure's message (or one set with setError), for <ErrorAlert>. */
  error: string | null;
  /** Shows a message without running anything, e.g. a check made before calling the core. */
  setError: (message: string | null) => void;
  /** Runs `task` unless one is already running; true when it finished without throwing. */
  run: (task: () => Promise<unknown> | unknown) => Promise<boolean>;
}

/**
 * Busy flag, error message and no double submit for an action, instead of a try/finally in
 * every form:
 *
 *   const save = useAction();
 *   <form onSubmit={(e) => { e.preventDefault(); void save.run(() => call('agency.update', input)); }}>
 */
export function useAction(): Action {
  const [state, setState] = useState<ActionState>({ busy: false, error: null });
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);
  const guard = useRef<ReturnType<typeof createActionGuard> | null>(null);
  guard.current ??= createActionGuard((s) => {
    if (live.current) setState(s);
  });
  const run = useCallback((task: () => Promise<unknown> | unknown) => guard.current!.run(task), []);
  const setError = useCallback((message: string | null) => setState((s) => ({ ...s, error: message })), []);
  return { busy: state.busy, error: state.error, setError, run };
}
