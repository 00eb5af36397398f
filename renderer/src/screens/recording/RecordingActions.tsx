import { useState } from 'react';
import type { ChainVerificationInfo, FixityInfo } from '../../../../shared/contract';
import { call, messageOf } from '../../api';
import { findingsSignal } from '../../findingsSignal';
import { downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { VerifyOutcome } from '../../components/VerifyOutcome';

interface Props {
  id: string;
  /** The check and the export are themselves custody events; the timeline should show them. */
  onLogged: () => void;
}

export function RecordingActions({ id, onLogged }: Props) {
  const [busy, setBusy] = useState<'verify' | 'pdf' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ chain: ChainVerificationInfo; fixity: FixityInfo } | null>(null);

  async function verify() {
    setBusy('verify');
    setError(null);
    setNote(null);
    try {
      const chain = await call('custody.verify', {});
      const fixity = await call('custody.fixity', { ids: [id] });
      setOutcome({ chain, fixity });
      findingsSignal.changed();
      onLogged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function report() {
    setBusy('pdf');
    setError(null);
    try {
      const pdf = await call('reports.custodyPdf', { id });
      downloadBase64(pdf.base64, pdf.fileName, 'application/pdf');
      setNote(`Custody report saved as ${pdf.fileName}.`);
      onLogged();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="stack">
      <div className="toolbar">
        <button type="button" onClick={() => void verify()} disabled={busy !== null}>
          {busy === 'verify' ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" onClick={() => void report()} disabled={busy !== null}>
          {busy === 'pdf' ? 'Preparing report…' : 'Custody report (PDF)'}
        </button>
      </div>
      <ErrorAlert message={error} />
      <StatusNote message={note} />
      {outcome && <VerifyOutcome chain={outcome.chain} fixity={outcome.fixity} itemId={id} />}
    </div>
  );
}
