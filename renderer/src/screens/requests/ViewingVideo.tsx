import { call } from '../../api';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { VideoSurface } from '../../components/video/VideoSurface';
import { useMediaSource } from '../../components/video/useMediaSource';
import { useVideoClock } from '../../components/video/useVideoClock';
import type { RecordingDetail } from '../../../../shared/contract';
import { frameRateOf } from '../recording/choosePlayback';

/**
 * One recording shown at an in-person viewing. Deliberately no native controls (their menu
 * offers "Download"), no picture-in-picture, no context menu: the requester sees, nothing leaves.
 */
export function ViewingVideo({ itemId }: { itemId: string }) {
  const detail = useLoad(() => call('recordings.get', { id: itemId }), itemId);
  const name = detail.data?.originalName ?? itemId;
  return (
    <figure className="viewing-video" aria-label={`Viewing ${name}`}>
      <figcaption>{name}</figcaption>
      <ErrorAlert message={detail.error} />
      {detail.data && <ViewingSurface detail={detail.data} />}
    </figure>
  );
}

function ViewingSurface({ detail }: { detail: RecordingDetail }) {
  const media = useMediaSource(detail);
  const clock = useVideoClock(frameRateOf(detail), detail.durationSec ?? 0);
  if (media.state === 'unplayable') return <ErrorAlert message={`This recording cannot be played here: ${media.reason}`} />;
  return (
    <>
      <ErrorAlert message={media.error} />
      <VideoSurface clock={clock} src={media.src} name={detail.originalName} controls="viewing" controlsLabel={`Controls for ${detail.originalName}`} locked />
    </>
  );
}
