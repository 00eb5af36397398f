import type { SessionInfo } from '../../shared/contract';
import { bridge } from './api';
import { session } from './session';
import { tabSession } from './tabSession';

const ENDED = 'Your session has ended (signed out, or signed in more than 12 hours ago). Sign in again to continue.';
const UNCHECKED = 'Custodian could not check your session. Sign in again to continue.';

/**
 * Runs once as the page loads, before the first screen: a reload of this tab takes its session
 * back if the core still holds it, locked or not (the core decides, and a locked session opens
 * on the lock screen). A copy of another tab's storage is dropped; a tab reopened after it was
 * closed has its session signed out, because closing the window ended it.
 */
export async function resumeSession(): Promise<void> {
  tabSession.watchPage();
  const found = tabSession.take();
  if (found.kind === 'none' || found.kind === 'copy') return;
  if (found.kind === 'reopened') {
    try {
      await bridge().invoke({ method: 'auth.logout', input: {}, session: found.token });
    } catch {
      // Nothing to sign out from: the core is gone, and its sessions with it.
    }
    return;
  }
  session.beginResume();
  try {
    const r = await bridge().invoke({ method: 'auth.me', input: {}, session: found.token });
    if (r.ok && r.value) {
      const info = r.value as SessionInfo;
      // The core answers for the token it was sent; anything else is not this tab's session.
      if (info.token === found.token) return session.start(info);
    }
    session.resumeRefused(r.ok ? ENDED : UNCHECKED);
  } catch {
    session.resumeRefused(UNCHECKED);
  }
}
