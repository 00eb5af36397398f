import { useState } from 'react';
import type { ChainVerificationInfo, FixityInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { findingsSignal } from '../../findingsSignal';
import { downloadBase64 } from '../../components/download';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { useAction } from '../../components/useAction';
import { VerifyOutcome } from '../../components/VerifyOutcome';

interface Props {
  id: string;
  /** The check and the export are themselves custody events; the timeline should show them. */
  onLogged: () => void;
}

export function RecordingActions({ id, onLogged }: Props) {
  const [note, setNote] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ chain: ChainVerificationInfo; fixity: FixityInfo } | null>(null);
  const verifying = useAction();
  const reporting = useAction();
  const busy = verifying.busy || reporting.busy;

  const verify = () => {
    setNote(null);
    return verifying.run(async () => {
      const chain = await call('custody.verify', {});
      const fixity = await call('custody.fixity', { ids: [id] });
      setOutcome({ chain, fixity });
      findingsSignal.changed();
      onLogged();
    });
  };

  const report = () =>
    reporting.run(async () => {
      const pdf = await call('reports.custodyPdf', { id });
      downloadBase64(pdf.base64, pdf.fileName, 'application/pdf');
      setNote(`Custody report saved as ${pdf.fileName}.`);
      onLogged();
    });

  return (
    <div className="stack">
      <div className="toolbar">
        <button type="button" onClick={() => void verify()} disabled={busy}>
          {verifying.busy ? 'Verifying…' : 'Verify'}
        </button>
        <button type="button" onClick={() => void report()} disabled={busy}>
          {reporting.busy ? 'Preparing report…' : 'Custody report (PDF)'}
        </button>
      </div>
      <ErrorAlert message={verifying.error ?? reporting.error} />
      <StatusNote message={note} />
      {outcome && <VerifyOutcome chain={outcome.chain} fixity={outcome.fixity} itemId={id} />}
    </div>
  );
}
