import type { ChainVerificationInfo, FixityInfo } from '../../../shared/contract';
import { formatAgencyDateTime } from '../agencyTime';
import { countOf } from '../../../shared/plural';
import { useAgencyTimeZone } from '../useAgencyTimeZone';
import { fixityLine } from './verifyText';

const LIST_AT_MOST = 50;

interface Props {
  chain?: ChainVerificationInfo | null;
  fixity?: FixityInfo | null;
  /** When set, says what the fixity check found for this one item. */
  itemId?: string;
}

export function VerifyOutcome({ chain, fixity, itemId }: Props) {
  const { timeZone } = useAgencyTimeZone();
  const itemBad = itemId && fixity ? [...fixity.mismatched, ...fixity.missing].some((m) => m.id === itemId) : false;
  return (
    <div className="verify-outcome" role="status" aria-label="Verification result">
      {chain && (
        <p className={chain.ok ? 'ok-text' : 'bad-text'}>
          {chain.ok
            ? `Custody log intact: ${countOf(chain.entries, 'entry', 'entries')} verified.`
            : `Custody log FAILED verification${chain.firstBadSeq !== null ? ` at entry ${chain.firstBadSeq}` : ''}: ${chain.problem ?? 'unknown problem'}.`}
          {chain.checkpoint &&
            ` Last signed checkpoint ${formatAgencyDateTime(chain.checkpoint.signedAt, timeZone)} (${countOf(chain.checkpoint.entries, 'entry', 'entries')}), signature ${chain.checkpoint.signatureValid ? 'valid' : 'INVALID'}.`}
        </p>
      )}
      {fixity && (
        <p className={fixity.ok ? 'ok-text' : 'bad-text'}>
          {fixityLine(fixity)}
        </p>
      )}
      {fixity && itemId && (
        <p className={itemBad ? 'bad-text' : 'ok-text'}>
          {itemBad ? 'This recording FAILED the fixity check.' : 'This recording matches its SHA-256.'}
        </p>
      )}
      {fixity && !fixity.ok && (
        <ul className="plain small mono">
          {fixity.mismatched.slice(0, LIST_AT_MOST).map((m) => (
            <li key={`m${m.id}`}>changed: {m.id} expected {m.sha256.slice(0, 16)}… found {m.actual.slice(0, 16)}…</li>
          ))}
          {fixity.missing.slice(0, LIST_AT_MOST).map((m) => (
            <li key={`x${m.id}`}>missing: {m.id} ({m.sha256.slice(0, 16)}…)</li>
          ))}
          {(fixity.mismatched.length > LIST_AT_MOST || fixity.missing.length > LIST_AT_MOST) && <li>…and more; see the integrity findings.</li>}
        </ul>
      )}
    </div>
  );
}
