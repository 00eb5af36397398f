import type { ExemptionInfo } from '../../../../shared/contract';
import { Field } from '../../components/Field';

interface Props {
  /** Names the item in the fields' labels, e.g. "Region 2". */
  what: string;
  exemptionId: string;
  explanation: string;
  exemptions: readonly ExemptionInfo[];
  onChange: (patch: { exemptionId?: string; explanation?: string }) => void;
}

/** The exemption log line every region, audio range and dropped stream carries. */
export function ExemptionFields({ what, exemptionId, explanation, exemptions, onChange }: Props) {
  const chosen = exemptions.find((e) => e.id === exemptionId);
  return (
    <div className="exemption-fields">
      <Field label={`${what} exemption`} hint={chosen?.text} inline>
        <select value={exemptionId} onChange={(e) => onChange({ exemptionId: e.target.value })} aria-invalid={!exemptionId}>
          <option value="">Choose an exemption…</option>
          {exemptions.map((x) => (
            <option key={x.id} value={x.id}>
              {x.cite} — {x.title}
              {x.unverified ? ' (citation not yet verified)' : ''}
            </option>
          ))}
        </select>
      </Field>
      <Field label={`${what} explanation`} inline>
        <input
          value={explanation}
          maxLength={500}
          placeholder="One line for the exemption log, e.g. face of a student witness"
          onChange={(e) => onChange({ explanation: e.target.value })}
          aria-invalid={!explanation.trim()}
        />
      </Field>
    </div>
  );
}
