import { useState } from 'react';
import type { RecordingDetail } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VideoSurface } from '../../components/video/VideoSurface';
import { useMediaSource } from '../../components/video/useMediaSource';
import { usePlayerKeys } from '../../components/video/usePlayerKeys';
import { useVideoClock } from '../../components/video/useVideoClock';
import { frameRateOf, UNPLAYABLE_TEXT } from './choosePlayback';

export function Player({ detail }: { detail: RecordingDetail }) {
  const media = useMediaSource(detail);
  const fps = frameRateOf(detail);
  const clock = useVideoClock(fps, detail.durationSec ?? 0);
  const [mediaError, setMediaError] = useState<string | null>(null);
  usePlayerKeys(clock.actions, media.state === 'ready');

  if (media.state === 'unplayable') {
    return (
      <div className="player-unplayable" role="note" aria-label="Playback unavailable">
        <strong>{UNPLAYABLE_TEXT}</strong>
        <p>Reason: {media.reason}</p>
      </div>
    );
  }
  return (
    <div className="player">
      <VideoSurface
        clock={clock}
        src={media.src}
        name={detail.originalName}
        controls="full"
        status={`${clock.rate !== 1 ? `${clock.rate}× · ` : ''}${media.kind === 'proxy' ? 'viewing copy' : 'original'} · ${fps} fps`}
        onFirstPlay={() => void call('recordings.logPlayback', { id: detail.id }).catch(() => undefined)}
        onError={() =>
          setMediaError(
            media.kind === 'original' && !detail.browserPlayable
              ? 'This window cannot play this video format and no viewing copy has been made yet. The original is preserved byte for byte as evidence.'
              : 'The video could not be loaded for playback. The original is preserved byte for byte as evidence.',
          )
        }
      />
      <ErrorAlert message={media.error ?? mediaError} />
      <p className="muted small">Keys: Space play/pause · ←/→ one frame · J back · K pause · L play/faster</p>
    </div>
  );
}
