import { call } from '../../api';
import { useLoad } from '../../useLoad';

const FILM_COUNT = 24;
const WAVE_BUCKETS = 1600;

export interface TimelineMedia {
  frames: { t: number; dataUrl: string }[];
  /** Per audio stream, peaks 0–1 over the recording. */
  waves: (number[] | null)[];
  error: string | null;
  wavesDone: boolean;
}

/** The filmstrip and a waveform per audio stream, made (and cached) by the core. */
export function useTimelineMedia(itemId: string, audioStreams: number, hasVideo: boolean): TimelineMedia {
  const film = useLoad(() => (hasVideo ? call('studio.filmstrip', { itemId, count: FILM_COUNT }) : Promise.resolve(null)), `${itemId}:${hasVideo}`);
  const waves = useLoad(
    () =>
      Promise.all(
        Array.from({ length: audioStreams }, (_, stream) =>
          call('studio.waveform', { itemId, stream, buckets: WAVE_BUCKETS }).then(
            (w) => w.peaks,
            () => null,
          ),
        ),
      ),
    `${itemId}:${audioStreams}`,
  );
  return { frames: film.data?.frames ?? [], waves: waves.data ?? Array.from({ length: audioStreams }, () => null), error: film.error, wavesDone: !waves.loading };
}
