import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { session } from '../../session';
import { MfaEnrolment } from '../security/MfaEnrolment';

/** An administrator whose agency requires a second factor can do nothing else until enrolled. */
export function MfaRequiredScreen({ info }: { info: SessionInfo }) {
  async function done() {
    const me = await call('auth.me', {}).catch(() => null);
    session.start(me ? { ...me, mfaEnrolmentRequired: false } : { ...info, mfaEnrolmentRequired: false });
  }
  async function signOut() {
    await call('auth.logout', {}).catch(() => undefined);
    session.end();
  }
  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <section className="card form-card stack" aria-labelledby="mfa-req-title">
        <h1 id="mfa-req-title" tabIndex={-1}>Set up a second sign-in factor</h1>
        <p className="muted">
          Your agency requires administrators to sign in with a password and an authenticator code. Set it up now to continue,
          {` ${info.displayName}`}.
        </p>
        <MfaEnrolment onDone={() => void done()} />
        <div>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
        </div>
      </section>
    </main>
  );
}
