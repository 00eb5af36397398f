import { useEffect, useRef, useState } from 'react';
import type { RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { formatClock } from '../../components/video/timecode';
import { regionSpan } from './planEdit';
import type { DecisionSegment } from './studioProblems';
import { covers } from './studioProblems';
import { tickLabel, ticks, tickStep } from './timelineScale';
import { Waveform } from './Waveform';

export interface Marks {
  in: number | null;
  out: number | null;
}

interface Props {
  durationSec: number;
  time: number;
  zoom: number;
  plan: RedactionPlan;
  selectedId: string | null;
  marks: Marks;
  segments: readonly DecisionSegment[];
  frames: readonly { t: number; dataUrl: string }[];
  waves: readonly (number[] | null)[];
  /** Why the filmstrip could not be made, if it could not. */
  filmError: string | null;
  wavesDone: boolean;
  onSeek: (t: number) => void;
  onSelect: (id: string) => void;
}

const pct = (t: number, d: number) => `${(Math.max(0, Math.min(d, t)) / d) * 100}%`;

/**
 * The studio's timeline: ruler, filmstrip, one waveform per audio stream with its muted and
 * bleeped ranges, one bar per region with its keyframes, the reviewer's segments, the in/out
 * marks and the playhead. Click or drag anywhere on it to seek.
 */
export function Timeline(props: Props) {
  const { durationSec: d, time, zoom, plan, marks } = props;
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(800);
  const scrubbing = useRef(false);

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  // Keep the playhead in view when zoomed in.
  useEffect(() => {
    const el = scroller.current;
    if (!el || zoom <= 1 || !(d > 0)) return;
    const x = (time / d) * el.scrollWidth;
    if (x < el.scrollLeft || x > el.scrollLeft + el.clientWidth) el.scrollLeft = Math.max(0, x - el.clientWidth / 3);
  }, [time, zoom, d]);

  if (!(d > 0)) return <p className="muted">The recording's length is not known, so there is no timeline.</p>;
  const step = tickStep(d, width * zoom);
  const seekAt = (e: React.PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    props.onSeek(Math.max(0, Math.min(d, ((e.clientX - r.left) / r.width) * d)));
  };
  const audioStreams = props.waves.length;

  return (
    <div className="timeline" aria-label="Timeline">
      <div className="timeline-labels" aria-hidden="true">
        <div className="tl-label tl-ruler-h" />
        <div className="tl-label tl-film-h">Picture</div>
        {Array.from({ length: audioStreams }, (_, s) => (
          <div key={s} className="tl-label tl-wave-h">
            Audio {s + 1}
            {plan.dropAudioStreams.some((x) => x.stream === s) ? ' (dropped)' : ''}
          </div>
        ))}
        {plan.regions.map((r, i) => (
          <div key={r.id} className={`tl-label tl-region-h${r.id === props.selectedId ? ' is-selected' : ''}`}>
            Region {i + 1}
          </div>
        ))}
        {props.segments.length > 0 && <div className="tl-label tl-seg-h">Reviewer</div>}
      </div>
      <div className="timeline-scroll" ref={scroller}>
        <div
          className="timeline-inner"
          style={{ width: `${zoom * 100}%` }}
          onPointerDown={(e) => {
            if (e.button !== 0 || (e.target as HTMLElement).closest('.tl-bar')) return;
            scrubbing.current = true;
            e.currentTarget.setPointerCapture(e.pointerId);
            seekAt(e);
          }}
          onPointerMove={(e) => scrubbing.current && seekAt(e)}
          onPointerUp={() => (scrubbing.current = false)}
          role="slider"
          aria-label="Timeline position"
          aria-valuemin={0}
          aria-valuemax={d}
          aria-valuenow={time}
          aria-valuetext={formatClock(time)}
          tabIndex={-1}
        >
          <div className="tl-row tl-ruler">
            {ticks(d, step).map((t) => (
              <span key={t} className="tl-tick" style={{ left: pct(t, d) }}>
                {tickLabel(t, step)}
              </span>
            ))}
          </div>
          <div className="tl-row tl-film">
            {props.filmError && <span className="small tl-note tl-note-dark">Pictures unavailable: {props.filmError}</span>}
            {props.frames.map((f, i) => (
              <img key={f.t} src={f.dataUrl} alt="" style={{ left: `${(i / props.frames.length) * 100}%`, width: `${100 / props.frames.length}%` }} />
            ))}
          </div>
          {Array.from({ length: audioStreams }, (_, s) => (
            <div key={s} className={`tl-row tl-wave${plan.dropAudioStreams.some((x) => x.stream === s) ? ' is-dropped' : ''}`}>
              {props.waves[s] ? <Waveform peaks={props.waves[s]} /> : props.waves[s] === null && props.wavesDone ? <span className="muted small tl-note">No sound could be read</span> : <span className="muted small tl-note">Reading sound…</span>}
              {plan.audio
                .filter((a) => a.stream === s)
                .map((a) => (
                  <span key={a.id} className={`tl-span tl-audio mode-${a.mode}`} style={{ left: pct(a.start, d), width: pct(a.end - a.start, d) }} title={`${a.mode} ${formatClock(a.start)}–${formatClock(a.end)}`} />
                ))}
            </div>
          ))}
          {plan.regions.map((r) => {
            const s = regionSpan(r);
            return (
              <div key={r.id} className="tl-row tl-region">
                <button
                  type="button"
                  className={`tl-bar${r.id === props.selectedId ? ' is-selected' : ''}${r.hidden ? ' is-hidden' : ''}`}
                  style={{ left: pct(s.start, d), width: `max(4px, ${pct(s.end - s.start, d)})` }}
                  onClick={() => props.onSelect(r.id!)}
                  aria-label={`Select region from ${formatClock(s.start)} to ${formatClock(s.end)}`}
                  tabIndex={-1}
                />
                {r.keyframes.map((k) => (
                  <span key={k.t} className="tl-key" style={{ left: pct(k.t, d) }} title={`Keyframe at ${formatClock(k.t)}`} />
                ))}
              </div>
            );
          })}
          {props.segments.length > 0 && (
            <div className="tl-row tl-seg">
              {props.segments.map((s, i) =>
                s.startSec === null || s.endSec === null ? null : (
                  <span
                    key={i}
                    className={`tl-span tl-segment${covers(plan, s.startSec, s.endSec) ? '' : ' is-uncovered'}`}
                    style={{ left: pct(s.startSec, d), width: pct(s.endSec - s.startSec, d) }}
                    title={`${s.what} (${formatClock(s.startSec)}–${formatClock(s.endSec)})`}
                  />
                ),
              )}
            </div>
          )}
          {marks.in !== null && marks.out !== null && marks.out > marks.in && (
            <div className="tl-marked" style={{ left: pct(marks.in, d), width: pct(marks.out - marks.in, d) }} />
          )}
          {marks.in !== null && <div className="tl-mark tl-mark-in" style={{ left: pct(marks.in, d) }} title={`In ${formatClock(marks.in)}`} />}
          {marks.out !== null && <div className="tl-mark tl-mark-out" style={{ left: pct(marks.out, d) }} title={`Out ${formatClock(marks.out)}`} />}
          <div className="tl-playhead" style={{ left: pct(time, d) }} />
        </div>
      </div>
    </div>
  );
}
