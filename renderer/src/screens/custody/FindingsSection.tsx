import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { useFindings } from '../../useFindings';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FindingsList } from '../../components/FindingsList';

export function FindingsSection({ session }: { session: SessionInfo }) {
  const [all, setAll] = useState(false);
  const findings = useFindings(all);
  return (
    <section className="panel" aria-labelledby="findings-title">
      <h2 id="findings-title">Integrity findings</h2>
      <label className="check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        <span>Show acknowledged findings</span>
      </label>
      <ErrorAlert message={findings.error} />
      {findings.data && <FindingsList findings={findings.data} session={session} />}
    </section>
  );
}
