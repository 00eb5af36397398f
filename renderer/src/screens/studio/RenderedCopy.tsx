import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VideoSurface } from '../../components/video/VideoSurface';
import { useMediaSource } from '../../components/video/useMediaSource';
import { useVideoClock } from '../../components/video/useVideoClock';
import type { RecordingDetail } from '../../../../shared/contract';
import { frameRateOf } from '../recording/choosePlayback';

/** The rendered redacted copy, playable beside its leak-check report. */
export function RenderedCopy({ itemId }: { itemId: string }) {
  const detail = useLoad(() => call('recordings.get', { id: itemId }), itemId);
  return (
    <div className="rendered-copy" aria-label="Rendered copy">
      <ErrorAlert message={detail.error} />
      {detail.data && <CopySurface detail={detail.data} />}
    </div>
  );
}

function CopySurface({ detail }: { detail: RecordingDetail }) {
  const media = useMediaSource(detail);
  const clock = useVideoClock(frameRateOf(detail), detail.durationSec ?? 0);
  if (media.state === 'unplayable') return <ErrorAlert message={`The rendered copy cannot be played here: ${media.reason}`} />;
  return <VideoSurface clock={clock} src={media.src} name={`${detail.originalName} (redacted copy)`} controls="viewing" controlsLabel="Rendered copy controls" />;
}
