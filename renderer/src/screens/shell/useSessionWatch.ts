import { useEffect } from 'react';
import { call } from '../../api';
import { session } from '../../session';

const CHECK_EVERY_MS = 15_000;
const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * CJIS AC-11. The core is the authority: it locks a session idle past the agency's limit
 * whatever the screen does. This watch covers the screen promptly: it locks when this window
 * has had no input for that long, and looks every few seconds whether the core has locked or
 * ended the session. `auth.status` does not count as activity, so looking keeps nothing awake.
 */
export function useSessionWatch(): void {
  useEffect(() => {
    let lastInput = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    for (const ev of INPUT_EVENTS) window.addEventListener(ev, onInput, { passive: true });
    const timer = window.setInterval(() => {
      call('auth.status', {}).then(
        (s) => {
          if (!s.signedIn) session.expire('Your session has ended. Sign in again to continue.');
          else if (s.locked) session.markLocked();
          else if (Date.now() - lastInput >= s.idleMinutes * 60_000) {
            call('auth.lock', {}).then(
              () => session.markLocked(),
              () => undefined,
            );
          }
        },
        () => undefined,
      );
    }, CHECK_EVERY_MS);
    return () => {
      window.clearInterval(timer);
      for (const ev of INPUT_EVENTS) window.removeEventListener(ev, onInput);
    };
  }, []);
}
