import type { ExemptionInfo } from '../../../../shared/contract';
import { REGION_EFFECTS, type RedactionRegion, type RegionEffect } from '../../../../shared/domain/redactionPlan';
import { formatClock } from '../../components/video/timecode';
import { ExemptionFields } from './ExemptionFields';
import { regionSpan } from './planEdit';
import { Field } from '../../components/Field';

export interface RegionActions {
  select: (id: string) => void;
  change: (id: string, patch: Partial<RedactionRegion>, mergeKey?: string) => void;
  copy: (id: string) => void;
  extend: (id: string) => void;
  remove: (id: string) => void;
  removeKeyframe: (id: string) => void;
  seek: (t: number) => void;
}

interface Props {
  regions: readonly RedactionRegion[];
  selectedId: string | null;
  exemptions: readonly ExemptionInfo[];
  /** The recording is at a school, or its location is not set: solid fill only. */
  schoolLocation: boolean;
  time: number;
  actions: RegionActions;
}

const EFFECT_TEXT: Record<RegionEffect, string> = { fill: 'Solid fill (cannot be undone)', pixelate: 'Pixelate', blur: 'Blur' };

/** The list of regions with their time spans, and the selected one's details. */
export function RegionPanel({ regions, selectedId, exemptions, schoolLocation, time, actions }: Props) {
  return (
    <section className="panel studio-panel" aria-labelledby="regions-title">
      <h2 id="regions-title">Regions</h2>
      {regions.length === 0 && <p className="muted small">None yet. Choose Rectangle or Ellipse and drag over the picture.</p>}
      <ol className="plain region-list">
        {regions.map((r, i) => {
          const s = regionSpan(r);
          const selected = r.id === selectedId;
          return (
            <li key={r.id} className={`region-item${selected ? ' is-selected' : ''}`}>
              <button type="button" className="region-pick" onClick={() => actions.select(r.id!)} aria-pressed={selected} aria-label={`Region ${i + 1}, ${formatClock(s.start)} to ${formatClock(s.end)}`}>
                <span className={`swatch shape-${r.shape}`} style={{ background: r.effect === 'fill' ? r.color : undefined }} />
                <span className="region-name">
                  Region {i + 1}
                  {r.label ? ` · ${r.label}` : ''}
                </span>
                <span className="timecode small">
                  {formatClock(s.start)}–{formatClock(s.end)}
                </span>
                <span className="muted small">
                  {r.keyframes.length} keyframe{r.keyframes.length === 1 ? '' : 's'}
                  {r.hidden ? ' · hidden' : ''}
                </span>
                {(!r.exemptionId || !r.explanation.trim()) && <span className="badge badge-warn">needs exemption</span>}
              </button>
              {selected && <RegionDetails region={r} n={i + 1} exemptions={exemptions} schoolLocation={schoolLocation} time={time} actions={actions} />}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function RegionDetails({ region: r, n, exemptions, schoolLocation, time, actions }: { region: RedactionRegion; n: number; exemptions: readonly ExemptionInfo[]; schoolLocation: boolean; time: number; actions: RegionActions }) {
  const id = r.id!;
  const fillOnly = r.minor || schoolLocation;
  const onKeyframe = r.keyframes.some((k) => Math.abs(k.t - time) < 0.001 + 1 / 120);
  return (
    <div className="region-details">
      <div className="toolbar">
        <Field label={`Region ${n} label`} inline grow>
          <input value={r.label ?? ''} maxLength={200} placeholder="e.g. student in red jacket" onChange={(e) => actions.change(id, { label: e.target.value || undefined }, `label-${id}`)} />
        </Field>
        <Field label="Shape" inline>
          <select value={r.shape} onChange={(e) => actions.change(id, { shape: e.target.value as RedactionRegion['shape'] })}>
            <option value="rect">Rectangle</option>
            <option value="ellipse">Ellipse</option>
          </select>
        </Field>
      </div>
      <div className="toolbar">
        <Field label="Effect" inline grow>
          <select value={r.effect} onChange={(e) => actions.change(id, { effect: e.target.value as RegionEffect })}>
            {REGION_EFFECTS.map((x) => (
              <option key={x} value={x} disabled={x !== 'fill' && fillOnly}>
                {EFFECT_TEXT[x]}
              </option>
            ))}
          </select>
        </Field>
        {r.effect === 'fill' && (
          <Field label="Colour" inline>
            <input type="color" value={r.color} onChange={(e) => actions.change(id, { color: e.target.value }, `color-${id}`)} />
          </Field>
        )}
      </div>
      <label className="check">
        <input type="checkbox" checked={r.minor} onChange={(e) => actions.change(id, e.target.checked ? { minor: true, effect: 'fill' } : { minor: false })} />
        Covers a minor (solid fill only)
      </label>
      {fillOnly && <p className="field-hint">{r.minor ? 'This region covers a minor' : schoolLocation ? 'This recording was made at a school, or its location is not set' : ''}: only a solid fill is allowed.</p>}
      {r.effect !== 'fill' && (
        <p className="note note-warn small" role="note">
          {r.effect === 'blur' ? 'Blur' : 'Pixelation'} can be reversed by software: faces under it have been re-identified in published studies. Use a solid fill for anything that must stay hidden.
        </p>
      )}
      <ExemptionFields what={`Region ${n}`} exemptionId={r.exemptionId} explanation={r.explanation} exemptions={exemptions} onChange={(p) => actions.change(id, p, p.explanation !== undefined ? `expl-${id}` : undefined)} />
      <div className="keyframe-list small">
        Keyframes:{' '}
        {r.keyframes.map((k) => (
          <button key={k.t} type="button" className="small timecode" onClick={() => actions.seek(k.t)}>
            {formatClock(k.t)}
          </button>
        ))}
      </div>
      <div className="toolbar">
        <button type="button" onClick={() => actions.copy(id)}>
          Copy
        </button>
        <button type="button" onClick={() => actions.extend(id)} title="Hold the last box to the end of the recording">
          Extend to end
        </button>
        <button type="button" onClick={() => actions.change(id, { hidden: !r.hidden })} aria-pressed={r.hidden}>
          {r.hidden ? 'Show' : 'Hide'}
        </button>
        <button type="button" onClick={() => actions.removeKeyframe(id)} disabled={!onKeyframe || r.keyframes.length <= 1}>
          Remove keyframe here
        </button>
        <button type="button" className="danger-button" onClick={() => actions.remove(id)}>
          Delete region
        </button>
      </div>
      {r.hidden && <p className="field-hint">A hidden region stays in the plan but is left out of the preview and the render.</p>}
    </div>
  );
}
