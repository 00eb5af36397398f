import { useRef, useState } from 'react';
import type { RedactionPlan, RedactionRegion, RegionShape } from '../../../../shared/domain/redactionPlan';
import { boxNear, clampBox, MIN_SIZE, type Box } from './planEdit';

export type Tool = 'select' | RegionShape;

interface Props {
  plan: RedactionPlan;
  time: number;
  fps: number;
  tool: Tool;
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  /** The user is about to change something at the current time: stop playback first. */
  onEditStart: () => void;
  /** A region was moved or resized at the current time (a keyframe there). */
  onBox: (id: string, box: Box) => void;
  onDraw: (shape: RegionShape, box: Box) => void;
}

type Handle = 'nw' | 'ne' | 'sw' | 'se';
type Drag =
  | { mode: 'draw'; shape: RegionShape; x0: number; y0: number; box: Box }
  | { mode: 'move'; id: string; x0: number; y0: number; orig: Box; box: Box; moved: boolean }
  | { mode: 'resize'; id: string; handle: Handle; orig: Box; box: Box };

const pct = (n: number) => `${n * 100}%`;

function resize(orig: Box, handle: Handle, x: number, y: number): Box {
  const left = handle.includes('w') ? Math.min(x, orig.x + orig.w - MIN_SIZE) : orig.x;
  const right = handle.includes('e') ? Math.max(x, orig.x + MIN_SIZE) : orig.x + orig.w;
  const top = handle.includes('n') ? Math.min(y, orig.y + orig.h - MIN_SIZE) : orig.y;
  const bottom = handle.includes('s') ? Math.max(y, orig.y + MIN_SIZE) : orig.y + orig.h;
  return clampBox({ x: left, y: top, w: right - left, h: bottom - top });
}

/** What the render will paint, shown over the picture: opaque fill exactly where it goes; blur and pixelate approximated. */
function effectStyle(r: RedactionRegion): React.CSSProperties {
  if (r.effect === 'fill') return { background: r.color };
  return { backdropFilter: r.effect === 'blur' ? 'blur(10px)' : 'blur(4px) contrast(0.8)' };
}

/**
 * Regions drawn over the displayed picture. Pointer positions become fractions (0–1) of the
 * displayed frame, the plan's coordinates; the box shown at each moment is the render's box
 * (linear interpolation between keyframes).
 */
export function RegionOverlay({ plan, time, fps, tool, selectedId, onSelect, onEditStart, onBox, onDraw }: Props) {
  const root = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);

  const at = (e: React.PointerEvent): { x: number; y: number } => {
    const r = root.current!.getBoundingClientRect();
    return { x: Math.min(1, Math.max(0, (e.clientX - r.left) / r.width)), y: Math.min(1, Math.max(0, (e.clientY - r.top) / r.height)) };
  };

  const begin = (e: React.PointerEvent, next: Drag) => {
    e.preventDefault();
    e.stopPropagation();
    root.current?.setPointerCapture(e.pointerId);
    onEditStart();
    setDrag(next);
  };

  const onDown = (e: React.PointerEvent) => {
    if (e.button !== 0) return;
    const p = at(e);
    if (tool !== 'select') return begin(e, { mode: 'draw', shape: tool, x0: p.x, y0: p.y, box: { x: p.x, y: p.y, w: 0, h: 0 } });
    onSelect(null);
  };

  const onMove = (e: React.PointerEvent) => {
    if (!drag) return;
    const p = at(e);
    if (drag.mode === 'draw') {
      setDrag({ ...drag, box: { x: Math.min(drag.x0, p.x), y: Math.min(drag.y0, p.y), w: Math.abs(p.x - drag.x0), h: Math.abs(p.y - drag.y0) } });
    } else if (drag.mode === 'move') {
      const box = clampBox({ ...drag.orig, x: drag.orig.x + p.x - drag.x0, y: drag.orig.y + p.y - drag.y0 });
      setDrag({ ...drag, box, moved: drag.moved || Math.abs(p.x - drag.x0) + Math.abs(p.y - drag.y0) > 0.002 });
    } else {
      setDrag({ ...drag, box: resize(drag.orig, drag.handle, p.x, p.y) });
    }
  };

  const onUp = () => {
    const d = drag;
    setDrag(null);
    if (!d) return;
    if (d.mode === 'draw') {
      if (d.box.w >= MIN_SIZE && d.box.h >= MIN_SIZE) onDraw(d.shape, d.box);
    } else if (d.mode === 'resize' || d.moved) {
      onBox(d.id, d.box);
    }
  };

  return (
    <div
      ref={root}
      className={`region-overlay tool-${tool}`}
      aria-label="Drawing area"
      onPointerDown={onDown}
      onPointerMove={onMove}
      onPointerUp={onUp}
      onPointerCancel={() => setDrag(null)}
    >
      {plan.regions.map((r, i) => {
        if (r.hidden && r.id !== selectedId) return null;
        const dragging = drag && drag.mode !== 'draw' && drag.id === r.id ? drag.box : null;
        const near = boxNear(r, time);
        const box = dragging ?? near.box;
        const selected = r.id === selectedId;
        // Outside its span a region is not drawn, except the selected one as an outline to drag (which adds a keyframe here).
        if (!near.active && !selected && !dragging) return null;
        const onKey = r.keyframes.some((k) => Math.abs(k.t - time) <= 0.5 / fps);
        const painted = near.active && !r.hidden;
        return (
          <div
            key={r.id}
            role="button"
            tabIndex={-1}
            aria-label={`Region ${i + 1}${r.label ? ` ${r.label}` : ''}`}
            aria-pressed={selected}
            className={`region-box shape-${r.shape}${selected ? ' is-selected' : ''}${painted ? '' : ' is-ghost'}`}
            style={{ left: pct(box.x), top: pct(box.y), width: pct(box.w), height: pct(box.h), ...(painted ? effectStyle(r) : {}) }}
            onPointerDown={(e) => {
              if (e.button !== 0 || tool !== 'select') return;
              onSelect(r.id!);
              const p = at(e);
              begin(e, { mode: 'move', id: r.id!, x0: p.x, y0: p.y, orig: box, box, moved: false });
            }}
          >
            {selected && (
              <>
                <span className="region-tag">
                  {i + 1}
                  {onKey ? ' · keyframe' : ''}
                  {!near.active ? ' · outside its time span' : ''}
                </span>
                {(['nw', 'ne', 'sw', 'se'] as const).map((h) => (
                  <span
                    key={h}
                    className={`region-handle handle-${h}`}
                    aria-label={`Resize region ${i + 1} (${h})`}
                    onPointerDown={(e) => {
                      if (e.button !== 0) return;
                      begin(e, { mode: 'resize', id: r.id!, handle: h, orig: box, box });
                    }}
                  />
                ))}
              </>
            )}
          </div>
        );
      })}
      {drag?.mode === 'draw' && (
        <div className={`region-box region-drawing shape-${drag.shape}`} style={{ left: pct(drag.box.x), top: pct(drag.box.y), width: pct(drag.box.w), height: pct(drag.box.h) }} />
      )}
    </div>
  );
}
