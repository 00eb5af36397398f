import { useState } from 'react';
import type { SessionInfo } from '../../../../shared/contract';
import { IntegrityChecks } from './IntegrityChecks';
import { FindingsSection } from './FindingsSection';
import { CustodyLogSection } from './CustodyLogSection';

export function CustodyScreen({ session }: { session: SessionInfo }) {
  const [nudge, setNudge] = useState(0);
  return (
    <section className="stack" aria-labelledby="custody-title">
      <h1 id="custody-title">Custody log</h1>
      <div className="grid-2 align-start">
        <IntegrityChecks onRan={() => setNudge((n) => n + 1)} />
        <FindingsSection session={session} />
      </div>
      <CustodyLogSection nudge={nudge} />
    </section>
  );
}
