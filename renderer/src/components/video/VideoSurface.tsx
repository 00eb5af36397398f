import { useRef, type ReactNode } from 'react';
import { formatClock, frameAt } from './timecode';
import { useContentRect, type ContentRect } from './useContentRect';
import type { VideoClock } from './useVideoClock';
import './video.css';

export interface VideoSurfaceProps {
  clock: VideoClock;
  src: string | undefined;
  /** The recording's name, for the video's accessible name ("Video: …"). */
  name: string;
  /** 'full': frame step, seek and time; 'viewing': play, seek and time; 'none': the picture only. */
  controls: 'full' | 'viewing' | 'none';
  controlsLabel?: string;
  /** Shown after the time readout (e.g. "viewing copy · 30 fps"). */
  status?: ReactNode;
  /** Drawn over the picture itself (not the letterbox), in the displayed frame's CSS pixels. */
  overlay?: (rect: ContentRect) => ReactNode;
  onFirstPlay?: () => void;
  onError?: () => void;
  /** The viewing room: no picture-in-picture, no download menu, no context menu. */
  locked?: boolean;
  className?: string;
}

/** The one video surface: the recording page, the viewing room and the redaction studio all show video through it. */
export function VideoSurface(props: VideoSurfaceProps) {
  const { clock, src, name, controls, overlay, locked } = props;
  const started = useRef(false);
  const rect = useContentRect(clock.ref, src);
  return (
    <div className={`video-surface ${props.className ?? ''}`}>
      <div className="video-frame">
        {src && (
          <video
            ref={clock.ref}
            src={src}
            preload="metadata"
            aria-label={`Video: ${name}`}
            {...clock.events}
            onPlay={(e) => {
              clock.events.onPlay?.(e);
              if (!started.current) {
                started.current = true;
                props.onFirstPlay?.();
              }
            }}
            onError={props.onError}
            {...(locked
              ? {
                  disablePictureInPicture: true,
                  controlsList: 'nodownload nofullscreen noremoteplayback noplaybackrate',
                  onContextMenu: (e: React.MouseEvent) => e.preventDefault(),
                }
              : {})}
          />
        )}
        {src && overlay && rect && (
          <div className="video-overlay" style={{ left: rect.left, top: rect.top, width: rect.width, height: rect.height }}>
            {overlay(rect)}
          </div>
        )}
      </div>
      {controls !== 'none' && src && <VideoControls clock={clock} full={controls === 'full'} label={props.controlsLabel ?? 'Player controls'} status={props.status} />}
    </div>
  );
}

function VideoControls({ clock, full, label, status }: { clock: VideoClock; full: boolean; label: string; status?: ReactNode }) {
  const { actions, duration, time, fps } = clock;
  return (
    <div className="player-controls" role="group" aria-label={label}>
      {full && (
        <button type="button" onClick={() => actions.step(-1)} aria-label="Back one frame" title="Back one frame (←)">
          −1 frame
        </button>
      )}
      <button type="button" className={full ? 'primary' : undefined} onClick={actions.togglePlay} title="Play or pause (Space, K)">
        {clock.playing ? 'Pause' : 'Play'}
      </button>
      {full && (
        <button type="button" onClick={() => actions.step(1)} aria-label="Forward one frame" title="Forward one frame (→)">
          +1 frame
        </button>
      )}
      <input
        type="range"
        className="player-seek"
        aria-label="Seek"
        min={0}
        max={duration || 0}
        step={1 / fps}
        value={Math.min(time, duration || 0)}
        onChange={(e) => actions.seek(Number(e.target.value))}
      />
      <TimeReadout time={time} duration={duration} fps={fps} />
      {status && <span className="muted small">{status}</span>}
    </div>
  );
}

/** "00:00:03.040 / 00:00:04.000" (hours, minutes, seconds, milliseconds) with the frame shown beside it. */
export function TimeReadout({ time, duration, fps }: { time: number; duration: number; fps: number }) {
  return (
    <span className="time-readout" title="Hours : minutes : seconds . milliseconds, and the frame shown">
      <span className="time-line">
        <span className="timecode" role="timer" aria-label="Playback time">
          {formatClock(time)} / {formatClock(duration)}
        </span>
        <span className="frame-number" aria-label="Frame number">
          frame {frameAt(time, fps)}
        </span>
      </span>
      <span className="time-unit">HH:MM:SS.mmm</span>
    </span>
  );
}
