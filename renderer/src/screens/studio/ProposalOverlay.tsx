import type { ProposalInfo } from '../../../../shared/contract';
import { proposalBoxAt, proposalName } from './proposalView';

interface Props {
  proposals: readonly ProposalInfo[];
  time: number;
  selectedId: number | null;
  /** Boxes can be clicked (the select tool); otherwise clicks go to the drawing area below. */
  interactive: boolean;
  onSelect: (proposalId: number) => void;
}

const pct = (n: number) => `${n * 100}%`;

/**
 * Undecided machine proposals at the playhead, as dashed amber outlines with no fill: they only
 * show where a detector thinks something is. Nothing here is part of the plan or the render;
 * an accepted proposal becomes a solid region drawn by RegionOverlay.
 */
export function ProposalOverlay({ proposals, time, selectedId, interactive, onSelect }: Props) {
  return (
    <div className="proposal-overlay" aria-label="Proposed areas (not hidden until accepted)">
      {proposals.map((p) => {
        if (p.status !== 'proposed') return null;
        const box = proposalBoxAt(p, time);
        if (!box) return null;
        const selected = p.proposalId === selectedId;
        return (
          <button
            key={p.proposalId}
            type="button"
            tabIndex={-1}
            className={`proposal-box cls-${p.cls}${selected ? ' is-selected' : ''}${interactive ? '' : ' is-passive'}`}
            style={{ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h) }}
            aria-label={`Proposed ${proposalName(p)}`}
            aria-pressed={selected}
            onPointerDown={(e) => e.stopPropagation()}
            onClick={() => onSelect(p.proposalId)}
          >
            <span className="proposal-tag">
              {proposalName(p)} · {p.confidence.toFixed(2)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
