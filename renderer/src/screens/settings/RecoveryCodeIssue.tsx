import { useState } from 'react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction } from '../../components/useAction';

export function RecoveryCodeIssue({ onIssued }: { onIssued: () => void }) {
  const [code, setCode] = useState<string | null>(null);
  const action = useAction();

  function issue() {
    return action.run(async () => {
      const r = await call('security.recoveryCode.issue', {});
      setCode(r.recoveryCode);
      onIssued();
    });
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
          <button type="button" onClick={() => void issue()} disabled={action.busy}>
            Issue a new recovery code…
          </button>
        </div>
      )}
      <ErrorAlert message={action.error} />
    </div>
  );
}
