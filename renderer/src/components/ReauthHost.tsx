import { useEffect, useRef, useState, type FormEvent } from 'react';
import { setReauthPrompt } from '../api';
import { Dialog } from './Dialog';
import { Field } from './Field';
import { FormActions } from './FormActions';

interface Pending {
  message: string;
  resolve: (password: string | null) => void;
}

/** Answers the core's REAUTH_REQUIRED by asking for the user's own password, then the call is retried. */
export function ReauthHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const [password, setPassword] = useState('');
  const pendingRef = useRef<Pending | null>(null);
  pendingRef.current = pending;

  useEffect(() => {
    setReauthPrompt(
      (message) =>
        new Promise<string | null>((resolve) => {
          pendingRef.current?.resolve(null);
          setPassword('');
          setPending({ message, resolve });
        }),
    );
    return () => {
      setReauthPrompt(null);
      pendingRef.current?.resolve(null);
    };
  }, []);

  if (!pending) return null;
  const finish = (value: string | null) => {
    pending.resolve(value);
    setPending(null);
    setPassword('');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    finish(password);
  };
  return (
    <Dialog title="Confirm with your password" onClose={() => finish(null)}>
      <form className="stack" onSubmit={submit}>
        <p>{pending.message}</p>
        <Field label="Your password">
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} autoFocus required />
        </Field>
        <FormActions>
          <button type="button" onClick={() => finish(null)}>
            Cancel
          </button>
          <button type="submit" className="primary">
            Confirm
          </button>
        </FormActions>
      </form>
    </Dialog>
  );
}
