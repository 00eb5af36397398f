import { useId, useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { session } from '../../session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

/** CJIS AC-11: the screen hides everything until the same user enters their password. */
export function LockScreen({ info }: { info: SessionInfo }) {
  const [password, setPassword] = useState('');
  const unlock = useAction();
  const hintId = useId();

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ok = await unlock.run(async () => {
      const next = await call('auth.unlock', { password });
      session.start({ ...next, locked: false });
    });
    if (!ok) setPassword('');
  }

  async function signOut() {
    try {
      await call('auth.logout', {});
    } catch {
      // Signing out of a session the core already ended is still signing out.
    }
    session.end();
  }

  return (
    <main className="centered-page locked-page" id="main" tabIndex={-1}>
      <form className="card form-card" onSubmit={(e) => void submit(e)} aria-labelledby="lock-title">
        <h1 id="lock-title" tabIndex={-1}>Custodian is locked</h1>
        <p className="muted" id={hintId}>
          Signed in as {info.displayName} ({info.username}). Enter your password to continue, or sign out.
        </p>
        <Field label="Password">
          <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" aria-describedby={hintId} autoFocus required />
        </Field>
        <ErrorAlert message={unlock.error} />
        <FormActions>
          <button type="button" onClick={() => void signOut()}>
            Sign out
          </button>
          <button type="submit" className="primary" disabled={unlock.busy}>
            Unlock
          </button>
        </FormActions>
      </form>
    </main>
  );
}
