import { useRef, useState } from 'react';
import type { ExemptionInfo, RecordingDetail, SessionInfo } from '../../../../shared/contract';
import type { RedactionPlan, RegionShape } from '../../../../shared/domain/redactionPlan';
import { hrefFor } from '../../router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VideoSurface } from '../../components/video/VideoSurface';
import { formatClock } from '../../components/video/timecode';
import { useMediaSource } from '../../components/video/useMediaSource';
import { usePlayerKeys, type ExtraKeys } from '../../components/video/usePlayerKeys';
import { useVideoClock } from '../../components/video/useVideoClock';
import { frameRateOf } from '../recording/choosePlayback';
import { AudioPanel } from './AudioPanel';
import { DetectionPanel } from './DetectionPanel';
import { acceptedIntoStudio } from './acceptedIntoStudio';
import { DraftStatusNote } from './DraftStatusNote';
import { copyRegion, EMPTY_PLAN, extendToEnd, KEYBOARD_BOX, newRegion, nudgeRegion, removeKeyframeAt, resizeRegion, setBoxAt, updateRegion, type Box } from './planEdit';
import { ProposalOverlay } from './ProposalOverlay';
import { RegionOverlay, type Tool } from './RegionOverlay';
import { RegionPanel, type RegionActions } from './RegionPanel';
import { RenderPanel } from './RenderPanel';
import { SegmentsPanel } from './SegmentsPanel';
import { studioProblems, type StudioFacts } from './studioProblems';
import { Timeline, type Marks } from './Timeline';
import { useDecisionSegments } from './useDecisionSegments';
import { useDetection } from './useDetection';
import { usePlanDraft } from './usePlanDraft';
import { usePlanHistory } from './usePlanHistory';
import { useTimelineMedia } from './useTimelineMedia';

const ZOOMS = [1, 2, 4, 8, 16, 32];
const NUDGE = 0.005;

interface Props {
  detail: RecordingDetail;
  exemptions: readonly ExemptionInfo[];
  session: SessionInfo;
}

export function Studio({ detail, exemptions, session }: Props) {
  const fps = frameRateOf(detail);
  const media = useMediaSource(detail);
  const clock = useVideoClock(fps, detail.durationSec ?? 0);
  const history = usePlanHistory(EMPTY_PLAN);
  const { plan, commit } = history;
  const draft = usePlanDraft(detail.id, session.username, plan, history.reset);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [tool, setTool] = useState<Tool>('select');
  const [marks, setMarks] = useState<Marks>({ in: null, out: null });
  const [zoom, setZoom] = useState(1);
  const segments = useDecisionSegments(detail.id);
  const detection = useDetection(detail.id);
  const [proposalId, setProposalId] = useState<number | null>(null);
  const [showProposals, setShowProposals] = useState(true);
  const planRef = useRef(plan);
  planRef.current = plan;
  const audioStreams = detail.streams.filter((s) => s.type === 'audio').length;
  const timelineMedia = useTimelineMedia(detail.id, audioStreams, detail.streams.some((s) => s.type === 'video'));
  const duration = clock.duration || detail.durationSec || 0;
  const t = clock.time;

  const facts: StudioFacts = {
    // Unknown is the protective case: a location not set is treated as a school.
    schoolLocation: detail.meta.locationType === 'school' || detail.meta.locationType === '',
    durationSec: detail.durationSec,
    audioStreams,
  };
  const problems = studioProblems(plan, facts, segments.data ?? []);

  const selected = plan.regions.find((r) => r.id === selectedId) ?? null;
  const pauseForEdit = () => clock.actions.pause();
  const onDraw = (shape: RegionShape, box: Box) => {
    const r = newRegion(shape, t, box, duration);
    commit({ ...plan, regions: [...plan.regions, r] });
    setSelectedId(r.id!);
    setTool('select');
  };
  const onBox = (id: string, box: Box) => commit(updateRegion(plan, id, (r) => setBoxAt(r, t, box, fps)));

  const regionActions: RegionActions = {
    select: setSelectedId,
    change: (id, patch, key) => commit(updateRegion(plan, id, (r) => ({ ...r, ...patch })), key),
    copy: (id) => {
      const src = plan.regions.find((r) => r.id === id);
      if (!src) return;
      const c = copyRegion(src);
      commit({ ...plan, regions: [...plan.regions, c] });
      setSelectedId(c.id!);
    },
    extend: (id) => commit(updateRegion(plan, id, (r) => extendToEnd(r, duration))),
    remove: (id) => {
      commit({ ...plan, regions: plan.regions.filter((r) => r.id !== id) });
      setSelectedId(null);
    },
    removeKeyframe: (id) => commit(updateRegion(plan, id, (r) => removeKeyframeAt(r, t, fps))),
    seek: clock.actions.seek,
  };

  const nudge = (dx: number, dy: number) => (e: KeyboardEvent) => {
    if (!selected) return;
    const k = e.shiftKey ? 4 : 1;
    commit(updateRegion(plan, selected.id!, (r) => nudgeRegion(r, dx * k, dy * k)), `nudge-${selected.id}`);
  };
  const size = (k: number) => () => {
    if (selected) commit(updateRegion(plan, selected.id!, (r) => resizeRegion(r, NUDGE * 2 * k)), `size-${selected.id}`);
  };
  const extra: ExtraKeys = {
    i: () => setMarks((m) => ({ in: t, out: m.out !== null && m.out > t ? m.out : null })),
    o: () => setMarks((m) => ({ in: m.in !== null && m.in < t ? m.in : null, out: t })),
    ',': () => clock.actions.step(-1),
    '.': () => clock.actions.step(1),
    // Drawing without a mouse: N puts a box of the chosen shape in the middle of the picture, then arrows move it and [ ] size it.
    n: () => onDraw(tool === 'ellipse' ? 'ellipse' : 'rect', KEYBOARD_BOX),
    r: () => setTool('rect'),
    e: () => setTool('ellipse'),
    v: () => setTool('select'),
    Escape: () => {
      setTool('select');
      setSelectedId(null);
    },
    ...(selected
      ? {
          ArrowLeft: nudge(-NUDGE, 0),
          ArrowRight: nudge(NUDGE, 0),
          ArrowUp: nudge(0, -NUDGE),
          ArrowDown: nudge(0, NUDGE),
          Delete: () => regionActions.remove(selected.id!),
          '[': size(-1),
          ']': size(1),
          // Shift+[ and Shift+] arrive as { and } on most layouts.
          '{': size(-4),
          '}': size(4),
        }
      : {}),
  };
  usePlayerKeys(clock.actions, media.state === 'ready' && draft.ready, extra);

  return (
    <section className="studio" aria-labelledby="studio-title">
      <div className="screen-head">
        <div>
          <p className="studio-back">
            <a href={hrefFor({ name: 'recording', id: detail.id })}>← Back to the recording</a>
          </p>
          <h1 id="studio-title" className="breakall">
            Redaction studio · {detail.originalName}
          </h1>
        </div>
        <div className="toolbar studio-head-actions">
          <DraftStatusNote status={draft.status} />
          <button type="button" onClick={history.undo} disabled={!history.canUndo} title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={history.redo} disabled={!history.canRedo} title="Redo (Ctrl+Shift+Z)">
            Redo
          </button>
        </div>
      </div>
      {facts.schoolLocation && (
        <p className="note note-info small">
          {detail.meta.locationType === 'school' ? 'This recording was made at a school' : 'This recording’s location is not set, so it is treated as a school'}: every region is a solid fill.
        </p>
      )}
      <div className="studio-grid">
        <div className="studio-main">
          <div className="studio-tools" role="toolbar" aria-label="Studio tools">
            <div className="segmented" role="group" aria-label="Drawing tool">
              {(
                [
                  ['select', 'Select (V)', 'Select'],
                  ['rect', 'Rectangle (R)', 'Rectangle'],
                  ['ellipse', 'Ellipse (E)', 'Ellipse'],
                ] as const
              ).map(([v, title, label]) => (
                <button key={v} type="button" aria-pressed={tool === v} className={tool === v ? 'is-on' : undefined} onClick={() => setTool(v)} title={title}>
                  {label}
                </button>
              ))}
            </div>
            <span className="tool-sep" />
            <button type="button" onClick={extra.i as () => void} title="Mark in (I)">
              Mark in
            </button>
            <button type="button" onClick={extra.o as () => void} title="Mark out (O)">
              Mark out
            </button>
          </div>
          {media.state === 'unplayable' ? (
            <ErrorAlert message={`This recording cannot be played, so it cannot be redacted here: ${media.reason}`} />
          ) : (
            <VideoSurface
              clock={clock}
              src={media.src}
              name={detail.originalName}
              controls="full"
              className="studio-video"
              status={`${media.kind === 'proxy' ? 'viewing copy' : 'original'} · ${fps} fps`}
              overlay={() => (
                <>
                  <RegionOverlay plan={plan} time={t} fps={fps} tool={tool} selectedId={selectedId} onSelect={setSelectedId} onEditStart={pauseForEdit} onBox={onBox} onDraw={onDraw} />
                  {showProposals && <ProposalOverlay proposals={detection.proposals} time={t} selectedId={proposalId} interactive={tool === 'select'} onSelect={setProposalId} />}
                </>
              )}
            />
          )}
          <ErrorAlert message={media.state !== 'unplayable' ? media.error : null} />
          <div className="timeline-bar" role="toolbar" aria-label="Timeline tools">
            <span className="timecode small marks-readout" aria-label="In and out marks">
              In {marks.in !== null ? formatClock(marks.in) : '—'} · Out {marks.out !== null ? formatClock(marks.out) : '—'}
            </span>
            <button type="button" className="small" onClick={() => setMarks({ in: null, out: null })} disabled={marks.in === null && marks.out === null}>
              Clear marks
            </button>
            <span className="tool-spacer" />
            <button type="button" onClick={() => setZoom((z) => ZOOMS[Math.max(0, ZOOMS.indexOf(z) - 1)]!)} disabled={zoom === ZOOMS[0]} aria-label="Zoom out">
              −
            </button>
            <span className="small zoom-readout" aria-label="Timeline zoom">
              Zoom {zoom}×
            </span>
            <button type="button" onClick={() => setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, ZOOMS.indexOf(z) + 1)]!)} disabled={zoom === ZOOMS[ZOOMS.length - 1]} aria-label="Zoom in">
              +
            </button>
          </div>
          <Timeline
            durationSec={duration}
            time={t}
            zoom={zoom}
            plan={plan}
            selectedId={selectedId}
            marks={marks}
            segments={segments.data ?? []}
            frames={timelineMedia.frames}
            waves={timelineMedia.waves}
            filmError={timelineMedia.error}
            wavesDone={timelineMedia.wavesDone}
            onSeek={clock.actions.seek}
            onSelect={setSelectedId}
          />
          <p className="muted small">
            Keys: Space play/pause · J/K/L · ←/→ or ,/. one frame · I/O in and out marks · R rectangle · E ellipse · V select · N new box in the middle · with a region selected, arrows move it, [ ] size it (Shift: more) and Delete removes it · Ctrl+Z undo ·
            Ctrl+Shift+Z redo. Moving or resizing a region at a new time adds a keyframe there.
          </p>
        </div>
        <div className="studio-side">
          <DetectionPanel
            detection={detection}
            exemptions={exemptions}
            selectedId={proposalId}
            onSelect={setProposalId}
            time={t}
            duration={duration}
            marks={marks}
            seek={clock.actions.seek}
            showOnPicture={showProposals}
            setShowOnPicture={setShowProposals}
            onAccepted={(r) => acceptedIntoStudio(r, detail.id, planRef.current, draft, commit)}
          />
          <RegionPanel regions={plan.regions} selectedId={selectedId} exemptions={exemptions} schoolLocation={facts.schoolLocation} time={t} actions={regionActions} />
          <AudioPanel plan={plan} audioStreams={audioStreams} marks={marks} exemptions={exemptions} commit={commit as (p: RedactionPlan, k?: string) => void} seek={clock.actions.seek} />
          <SegmentsPanel segments={segments.data} error={segments.error} plan={plan} exemptions={exemptions} seek={clock.actions.seek} />
          <RenderPanel itemId={detail.id} problems={problems} save={() => draft.saveNow(plan)} seek={clock.actions.seek} />
        </div>
      </div>
    </section>
  );
}
