import type { SessionInfo } from '../../shared/contract';
import { resetRoute } from './router';
import { tabSession } from './tabSession';

type Listener = () => void;

export interface SessionState {
  info: SessionInfo;
  /** The core locked the session (idle, or the user pressed Lock); only unlock or sign out work. */
  locked: boolean;
}

/**
 * The signed-in session of this window. Its token is also in this tab's sessionStorage
 * (tabSession.ts) so that a reload keeps it; nothing goes to localStorage or cookies, so a
 * second tab signs in itself and a closed window ends it (CJIS AC-12). The core stays the
 * authority: a reload asks it again (resumeSession.ts), and a locked session stays locked.
 */
let current: SessionState | null = null;
let endedBecause: string | null = tabSession.takeNotice();
let resuming = false;
const listeners = new Set<Listener>();

function emit(): void {
  for (const l of listeners) l();
}

/**
 * Ends the session in this window: the token leaves storage, the address goes back to the
 * dashboard and the page loads afresh, so nothing the last user had open (filters, drafts,
 * dialogs, folders) is still in memory for whoever signs in next.
 */
function leave(notice: string | null): void {
  current = null;
  tabSession.clear();
  if (notice) tabSession.saveNotice(notice);
  resetRoute();
  window.location.reload();
}

function start(info: SessionInfo): void {
  current = { info, locked: info.locked === true };
  tabSession.save(info.token);
  endedBecause = null;
  resuming = false;
  emit();
}

export const session = {
  get: (): SessionState | null => current,
  token: (): string | null => current?.info.token ?? null,
  endedBecause: (): string | null => endedBecause,
  /** True while the page asks the core whether the session of this tab still stands. */
  resuming: (): boolean => resuming,
  /** The same session again (unlocked, enrolled, resumed after a reload): the page stays. */
  start,
  /** A new sign-in: it always opens at the dashboard, whatever the address held before. */
  signIn(info: SessionInfo): void {
    resetRoute();
    start(info);
  },
  beginResume(): void {
    resuming = true;
    emit();
  },
  /** The core did not take this tab's session back: the sign-in screen, with why. */
  resumeRefused(reason: string | null): void {
    tabSession.clear();
    current = null;
    resuming = false;
    endedBecause = reason;
    emit();
  },
  /** Signed out by the user. */
  end(): void {
    leave(null);
  },
  /** The core refused the token (signed out elsewhere, 12 hours passed, account locked). */
  expire(reason: string): void {
    if (!current) return;
    leave(reason);
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
