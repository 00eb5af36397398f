import { useRef, useState } from 'react';
import type { RecordingDetail } from '../../../../shared/contract';
import { bridge, call } from '../../api';
import { formatTimecode } from '../../format';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { choosePlayback, frameRateOf, UNPLAYABLE_TEXT, type MediaKind } from './choosePlayback';
import { usePlayerKeys } from './usePlayerKeys';

const MAX_RATE = 4;

export function Player({ detail }: { detail: RecordingDetail }) {
  const choice = choosePlayback(detail);
  if ('unplayable' in choice) {
    return (
      <div className="player-unplayable" role="note" aria-label="Playback unavailable">
        <strong>{UNPLAYABLE_TEXT}</strong>
        <p>Reason: {choice.unplayable}</p>
      </div>
    );
  }
  return <VideoPlayer detail={detail} kind={choice.kind} />;
}

function VideoPlayer({ detail, kind }: { detail: RecordingDetail; kind: MediaKind }) {
  const video = useRef<HTMLVideoElement>(null);
  const logged = useRef(false);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(detail.durationSec ?? 0);
  const [rate, setRate] = useState(1);
  const [mediaError, setMediaError] = useState<string | null>(null);
  const fps = frameRateOf(detail);
  const ticket = useLoad(() => call('recordings.mediaTicket', { id: detail.id, kind }), `${detail.id}:${kind}`);

  const v = () => video.current;
  const play = (r: number) => {
    const el = v();
    if (!el) return;
    el.playbackRate = r;
    setRate(r);
    void el.play().catch(() => undefined);
  };
  const pause = () => v()?.pause();
  const actions = {
    togglePlay: () => (v()?.paused ? play(1) : pause()),
    step: (frames: number) => {
      const el = v();
      if (!el) return;
      el.pause();
      // Frame n covers [n/fps, (n+1)/fps); land in its middle so decoder rounding cannot show a neighbour.
      const frame = Math.floor(el.currentTime * fps + 1e-6) + frames;
      el.currentTime = Math.max(0, Math.min(el.duration || Infinity, (frame + 0.5) / fps));
    },
    // HTML video cannot play backwards: J slows down, then jumps back a second.
    j: () => {
      const el = v();
      if (!el) return;
      if (!el.paused && rate > 1) play(rate / 2);
      else {
        el.pause();
        el.currentTime = Math.max(0, el.currentTime - 1);
      }
    },
    k: pause,
    l: () => (v()?.paused ? play(1) : play(Math.min(MAX_RATE, rate * 2))),
  };
  usePlayerKeys(actions, ticket.data !== null);

  const src = ticket.data ? bridge().mediaUrl(ticket.data.ticket) : undefined;
  return (
    <div className="player">
      <div className="player-frame">
        {src && (
          <video
            ref={video}
            src={src}
            preload="metadata"
            aria-label={`Video: ${detail.originalName}`}
            onPlay={() => {
              setPlaying(true);
              if (!logged.current) {
                logged.current = true;
                void call('recordings.logPlayback', { id: detail.id }).catch(() => undefined);
              }
            }}
            onPause={() => setPlaying(false)}
            onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
            onSeeked={(e) => setTime(e.currentTarget.currentTime)}
            onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
            onError={() =>
              setMediaError(
                kind === 'original' && !detail.browserPlayable
                  ? 'This window cannot play this video format and no viewing copy has been made yet. The original is preserved byte for byte as evidence.'
                  : 'The video could not be loaded for playback. The original is preserved byte for byte as evidence.',
              )
            }
          />
        )}
      </div>
      <ErrorAlert message={ticket.error ?? mediaError} />
      <div className="player-controls" role="group" aria-label="Player controls">
        <button type="button" onClick={() => actions.step(-1)} aria-label="Back one frame" title="Back one frame (←)">
          −1 frame
        </button>
        <button type="button" className="primary" onClick={actions.togglePlay} title="Play or pause (Space, K)">
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" onClick={() => actions.step(1)} aria-label="Forward one frame" title="Forward one frame (→)">
          +1 frame
        </button>
        <input
          type="range"
          className="player-seek"
          aria-label="Seek"
          min={0}
          max={duration || 0}
          step={1 / fps}
          value={Math.min(time, duration || 0)}
          onChange={(e) => {
            const el = v();
            if (el) el.currentTime = Number(e.target.value);
          }}
        />
        <span className="timecode" role="timer" aria-label="Playback time">
          {formatTimecode(time, fps)} / {formatTimecode(duration, fps)}
        </span>
        <span className="muted small">
          {rate !== 1 ? `${rate}× · ` : ''}
          {kind === 'proxy' ? 'viewing copy' : 'original'} · {fps} fps
        </span>
      </div>
      <p className="muted small">Keys: Space play/pause · ←/→ one frame · J back · K pause · L play/faster</p>
    </div>
  );
}
