import { useRef, useState } from 'react';
import { bridge, call } from '../../api';
import { formatDuration } from '../../format';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { choosePlayback } from '../recording/choosePlayback';

/**
 * One recording shown at an in-person viewing. Deliberately no native controls (their menu
 * offers "Download"), no picture-in-picture, no context menu: the requester sees, nothing leaves.
 */
export function ViewingVideo({ itemId }: { itemId: string }) {
  const video = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const media = useLoad(async () => {
    const detail = await call('recordings.get', { id: itemId });
    const choice = choosePlayback(detail);
    if ('unplayable' in choice) return { name: detail.originalName, src: null, why: choice.unplayable };
    const { ticket } = await call('recordings.mediaTicket', { id: itemId, kind: choice.kind });
    return { name: detail.originalName, src: bridge().mediaUrl(ticket), why: null };
  }, itemId);
  const m = media.data;

  const toggle = () => {
    const el = video.current;
    if (!el) return;
    if (el.paused) void el.play().catch(() => undefined);
    else el.pause();
  };

  return (
    <figure className="viewing-video" aria-label={`Viewing ${m?.name ?? itemId}`}>
      <figcaption>{m?.name ?? itemId}</figcaption>
      <ErrorAlert message={media.error ?? (m?.why ? `This recording cannot be played here: ${m.why}` : null)} />
      {m?.src && (
        <>
          <video
            ref={video}
            src={m.src}
            preload="metadata"
            disablePictureInPicture
            controlsList="nodownload nofullscreen noremoteplayback noplaybackrate"
            onContextMenu={(e) => e.preventDefault()}
            onPlay={() => setPlaying(true)}
            onPause={() => setPlaying(false)}
            onTimeUpdate={(e) => setTime(e.currentTarget.currentTime)}
            onLoadedMetadata={(e) => Number.isFinite(e.currentTarget.duration) && setDuration(e.currentTarget.duration)}
            aria-label={`Video: ${m.name}`}
          />
          <div className="player-controls" role="group" aria-label={`Controls for ${m.name}`}>
            <button type="button" onClick={toggle}>
              {playing ? 'Pause' : 'Play'}
            </button>
            <input
              type="range"
              className="player-seek"
              aria-label="Seek"
              min={0}
              max={duration || 0}
              step={0.1}
              value={Math.min(time, duration || 0)}
              onChange={(e) => {
                if (video.current) video.current.currentTime = Number(e.target.value);
              }}
            />
            <span className="timecode">
              {formatDuration(time)} / {formatDuration(duration)}
            </span>
          </div>
        </>
      )}
    </figure>
  );
}
