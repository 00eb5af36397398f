import { useEffect } from 'react';
import { call } from '../../api';
import { session } from '../../session';

const CHECK_EVERY_MS = 15_000;

/**
 * The core locks an idle session (CJIS AC-11) without telling anyone; look every few seconds
 * so the screen is covered soon after, not at the next click. `auth.status` does not count as
 * activity, so looking does not keep the session awake.
 */
export function useSessionWatch(): void {
  useEffect(() => {
    const timer = window.setInterval(() => {
      call('auth.status', {}).then(
        (s) => {
          if (!s.signedIn) session.expire('Your session has ended. Sign in again to continue.');
          else if (s.locked) session.markLocked();
        },
        () => undefined,
      );
    }, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, []);
}
