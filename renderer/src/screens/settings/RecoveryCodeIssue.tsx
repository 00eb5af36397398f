import { useState } from 'react';
import { call, messageOf } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';

export function RecoveryCodeIssue({ onIssued }: { onIssued: () => void }) {
  const [code, setCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function issue() {
    setError(null);
    try {
      const r = await call('security.recoveryCode.issue', {});
      setCode(r.recoveryCode);
      onIssued();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <div className="stack">
      {code ? (
        <>
          <p className="small">Print this code and seal it now; it will not be shown again. Any earlier code no longer works.</p>
          <p className="recovery-code mono" aria-label="Recovery code">
            {code}
          </p>
          <div className="toolbar">
            <button type="button" onClick={() => window.print()}>
              Print
            </button>
            <button type="button" onClick={() => setCode(null)}>
              I have stored it; hide the code
            </button>
          </div>
        </>
      ) : (
        <div>
          <button type="button" onClick={() => void issue()}>
            Issue a new recovery code…
          </button>
        </div>
      )}
      <ErrorAlert message={error} />
    </div>
  );
}
