import type { SessionInfo } from '../../shared/contract';

type Listener = () => void;

/**
 * The signed-in session lives only in memory: CJIS AC-12 wants a closed window to end it,
 * so nothing is written to localStorage or cookies.
 */
let current: SessionInfo | null = null;
let endedBecause: string | null = null;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l();
}

export const session = {
  get: (): SessionInfo | null => current,
  token: (): string | null => current?.token ?? null,
  endedBecause: (): string | null => endedBecause,
  start(info: SessionInfo): void {
    current = info;
    endedBecause = null;
    emit();
  },
  end(): void {
    current = null;
    endedBecause = null;
    emit();
  },
  /** The core refused the token (signed out elsewhere, timed out or locked). */
  expire(reason: string): void {
    if (!current) return;
    current = null;
    endedBecause = reason;
    emit();
  },
  subscribe(l: Listener): () => void {
    listeners.add(l);
    return () => listeners.delete(l);
  },
};
