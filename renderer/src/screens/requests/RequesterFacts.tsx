import { useState } from 'react';
import type { RequestDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { formatBytes } from '../../format';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatAgencyTime } from '../../agencyTime';
import { CATEGORY_LABELS, CHANNEL_LABELS, RESIDENCY_LABELS } from './labels';
import { LetterFilePicker } from './LetterFilePicker';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

interface Props {
  detail: RequestDetail;
  timeZone: string;
  canAttach: boolean;
  onChanged: () => void;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd className="prewrap">{value || '—'}</dd>
    </div>
  );
}

export function RequesterFacts({ detail: d, timeZone, canAttach, onChanged }: Props) {
  const r = d.requester;
  const [path, setPath] = useState('');
  const action = useAction();

  function attach() {
    return action.run(async () => {
      await call('requests.attachLetter', { id: d.id, path: path.trim() });
      setPath('');
      onChanged();
    });
  }

  return (
    <section className="panel stack" aria-labelledby="requester-title">
      <h2 id="requester-title">Requester and request</h2>
      <dl className="facts">
        <Fact label="Name" value={r.name} />
        <Fact label="Organization" value={r.organization} />
        <Fact label="E-mail" value={r.email} />
        <Fact label="Phone" value={r.phone} />
        <Fact label="Postal address" value={r.postalAddress} />
        <Fact label="Category" value={CATEGORY_LABELS[r.category]} />
        <Fact label="Arrived by" value={CHANNEL_LABELS[r.channel]} />
        <Fact label="Received" value={`${formatAgencyTime(d.receivedAt, timeZone)} (${timeZone})`} />
        <Fact label="Kentucky residency" value={`${RESIDENCY_LABELS[r.residency]}${r.residencyStatement ? `: “${r.residencyStatement}”` : ''}`} />
        <Fact label="Attorney affidavit" value={r.category === 'attorney' || r.attorneyAffidavit ? (r.attorneyAffidavit ? 'Signed (KRS 61.169)' : 'Not signed') : 'Not applicable'} />
        <Fact label="Logged by" value={`${d.createdBy}, ${formatAgencyTime(d.createdAt, timeZone)}`} />
      </dl>
      <div>
        <h3>What was asked for</h3>
        <p className="prewrap">{d.description}</p>
      </div>
      <div>
        <h3>Request letter</h3>
        {d.attachments.length === 0 ? (
          <p className="muted small">No request letter is attached.</p>
        ) : (
          <ul className="plain small">
            {d.attachments.map((a) => (
              <li key={a.itemId}>
                {a.originalName} · {formatBytes(a.size)} · <span className="mono">{a.sha256.slice(0, 16)}…</span> · attached by {a.attachedBy}
              </li>
            ))}
          </ul>
        )}
        {canAttach && (
          <div className="stack">
            <LetterFilePicker path={path} onChange={setPath} label="Attach a request letter file" />
            <FormActions>
              <button type="button" onClick={() => void attach()} disabled={action.busy || !path.trim()}>
                Attach letter
              </button>
            </FormActions>
          </div>
        )}
        <ErrorAlert message={action.error} />
      </div>
    </section>
  );
}
