import type { ExemptionInfo, Segment } from '../../../../shared/contract';
import { Field } from '../../components/Field';

interface Props {
  segments: Segment[];
  onChange: (segments: Segment[]) => void;
  exemptions: ExemptionInfo[];
}

const EMPTY: Segment = { start: '', end: '', what: '', exemptionId: 'krs-61.878-1-a', explanation: '' };

/** The exemption log: one row per redaction, as the approval letter lists them. */
export function SegmentsEditor({ segments, onChange, exemptions }: Props) {
  const update = (i: number, patch: Partial<Segment>) => onChange(segments.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <fieldset className="segments">
      <legend>Exemption log (redacted segments, optional)</legend>
      {segments.length === 0 && <p className="muted small">No redaction rows yet.</p>}
      <ol className="plain">
        {segments.map((s, i) => {
          const n = i + 1;
          return (
            <li key={i} className="segment-row">
              <Field label={`Row ${n} start`} inline>
                <input value={s.start} onChange={(e) => update(i, { start: e.target.value })} placeholder="MM:SS" size={7} required />
              </Field>
              <Field label={`Row ${n} end`} inline>
                <input value={s.end} onChange={(e) => update(i, { end: e.target.value })} placeholder="MM:SS" size={7} required />
              </Field>
              <Field label={`Row ${n} what is redacted`} inline>
                <input value={s.what} onChange={(e) => update(i, { what: e.target.value })} placeholder="face and name of a minor witness" required />
              </Field>
              <Field label={`Row ${n} exemption`} inline className="segment-wide">
                <select value={s.exemptionId} onChange={(e) => update(i, { exemptionId: e.target.value })}>
                  {exemptions.map((x) => (
                    <option key={x.id} value={x.id}>
                      {x.cite} — {x.title}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label={`Row ${n} explanation`} inline className="segment-wide">
                <textarea rows={2} value={s.explanation} onChange={(e) => update(i, { explanation: e.target.value })} required maxLength={4000} />
              </Field>
              <button type="button" onClick={() => onChange(segments.filter((_, j) => j !== i))} aria-label={`Remove row ${n}`} className="segment-remove">
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...segments, { ...EMPTY }])} disabled={segments.length >= 200}>
        Add redaction row
      </button>
    </fieldset>
  );
}
