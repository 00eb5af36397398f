import type { RecordingDetail } from '../../../../shared/contract';
import { bridge, call } from '../../api';
import { useLoad } from '../../useLoad';
import { choosePlayback, type MediaKind } from '../../screens/recording/choosePlayback';

export type MediaSource =
  | { state: 'unplayable'; reason: string }
  | { state: 'loading' | 'ready' | 'error'; kind: MediaKind; src: string | undefined; error: string | null };

/** A playable URL (a short-lived media ticket) for a recording: the original when the browser can play it, else the viewing copy. */
export function useMediaSource(detail: RecordingDetail): MediaSource {
  const choice = choosePlayback(detail);
  const kind: MediaKind = 'kind' in choice ? choice.kind : 'original';
  const playable = 'kind' in choice;
  const ticket = useLoad(
    () => (playable ? call('recordings.mediaTicket', { id: detail.id, kind }) : Promise.resolve(null)),
    `${detail.id}:${kind}:${playable}`,
  );
  if (!playable) return { state: 'unplayable', reason: choice.unplayable };
  const src = ticket.data ? bridge().mediaUrl(ticket.data.ticket) : undefined;
  return { state: ticket.error ? 'error' : src ? 'ready' : 'loading', kind, src, error: ticket.error };
}
