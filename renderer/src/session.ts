import type { SessionInfo } from '../../shared/contract';

type Listener = () => void;

export interface SessionState {
  info: SessionInfo;
  /** The core locked the session (idle, or the user pressed Lock); only unlock or sign out work. */
  locked: boolean;
}

/**
 * The signed-in session lives only in memory: CJIS AC-12 wants a closed window to end it,
 * so nothing is written to localStorage or cookies.
 */
let current: SessionState | null = null;
let endedBecause: string | null = null;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l();
}

export const session = {
  get: (): SessionState | null => current,
  token: (): string | null => current?.info.token ?? null,
  endedBecause: (): string | null => endedBecause,
  start(info: SessionInfo): void {
    current = { info, locked: info.locked === true };
    endedBecause = null;
    emit();
  },
  end(): void {
    current = null;
    endedBecause = null;
    emit();
  },
  /** The core refused the token (signed out elsewhere, 12 hours passed, account locked). */
  expire(reason: string): void {
    if (!current) return;
    current = null;
    endedBecause = reason;
    emit();
  },
  markLocked(): void {
    if (!current || current.locked) return;
    current = { ...current, locked: true };
    emit();
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
