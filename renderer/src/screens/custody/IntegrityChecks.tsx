import { useState } from 'react';
import type { ChainVerificationInfo, FixityInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { findingsSignal } from '../../findingsSignal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VerifyOutcome } from '../../components/VerifyOutcome';

export function IntegrityChecks({ onRan }: { onRan: () => void }) {
  const [busy, setBusy] = useState<'chain' | 'fixity' | null>(null);
  const [chain, setChain] = useState<ChainVerificationInfo | null>(null);
  const [fixity, setFixity] = useState<FixityInfo | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(which: 'chain' | 'fixity') {
    setBusy(which);
    setError(null);
    try {
      if (which === 'chain') setChain(await call('custody.verify', {}));
      else setFixity(await call('custody.fixity', {}));
      findingsSignal.changed();
      onRan();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <section className="panel" aria-labelledby="checks-title">
      <h2 id="checks-title">Integrity checks</h2>
      <p className="muted small">
        Verifying the chain re-computes every custody entry's hash and the signed checkpoint. Fixity re-reads every stored
        file and compares it with its SHA-256; on a large library this takes a while.
      </p>
      <div className="toolbar">
        <button type="button" onClick={() => void run('chain')} disabled={busy !== null}>
          {busy === 'chain' ? 'Verifying…' : 'Verify chain'}
        </button>
        <button type="button" onClick={() => void run('fixity')} disabled={busy !== null}>
          {busy === 'fixity' ? 'Checking files…' : 'Run fixity check'}
        </button>
      </div>
      <ErrorAlert message={error} />
      {(chain || fixity) && <VerifyOutcome chain={chain} fixity={fixity} />}
    </section>
  );
}
