import { useState } from 'react';
import { FormActions } from '../../components/FormActions';

interface Props {
  code: string;
  onDone: () => void;
}

/** The break-glass recovery code is shown once, to print and seal; the core keeps only its hash. */
export function RecoveryCodeScreen({ code, onDone }: Props) {
  const [stored, setStored] = useState(false);
  return (
    <main className="centered-page" id="main" tabIndex={-1}>
      <section className="card form-card stack" aria-labelledby="recovery-title">
        <h1 id="recovery-title" tabIndex={-1}>Print the recovery code</h1>
        <p>
          If every administrator is locked out, this code lets an administrator back in. It is shown only now. Print it, seal it
          in an envelope and keep it with other break-glass credentials.
        </p>
        <p className="recovery-code mono" aria-label="Recovery code">
          {code}
        </p>
        <div>
          <button type="button" onClick={() => window.print()}>
            Print
          </button>
        </div>
        <label className="check">
          <input type="checkbox" checked={stored} onChange={(e) => setStored(e.target.checked)} />
          <span>I have printed or safely stored the recovery code</span>
        </label>
        <FormActions>
          <button type="button" className="primary" disabled={!stored} onClick={onDone}>
            Continue to sign in
          </button>
        </FormActions>
      </section>
    </main>
  );
}
