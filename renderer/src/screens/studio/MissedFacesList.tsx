import type { ProposalInfo } from '../../../../shared/contract';
import { formatClock } from '../../components/video/timecode';
import { reviewMoments, type MomentKind } from './reviewMoments';

const KIND_TEXT: Record<MomentKind, string> = { lost: 'lost', low: 'low confidence', 'no-face': 'no face seen', ended: 'track ends' };

interface Props {
  proposals: readonly ProposalInfo[];
  duration: number;
  onPick: (t: number, proposalId: number) => void;
}

/** "Faces missed?": where the detectors lost a face, disagreed or were unsure; a click goes there. */
export function MissedFacesList({ proposals, duration, onPick }: Props) {
  const moments = reviewMoments(proposals, duration);
  return (
    <div className="missed-faces">
      <p className="muted small">
        Moments to look at again: where the detectors lost a face, saw a person but no face, were unsure, or stopped seeing someone before the end. Go to each and check every face is covered;
        draw a region for any that is not.
      </p>
      {moments.length === 0 ? (
        <p className="small">Nothing to review in this run: every track was seen by a detector with good confidence from start to end.</p>
      ) : (
        <ol className="plain moment-list" aria-label="Moments to review">
          {moments.map((m) => (
            <li key={`${m.proposalId}-${m.kind}-${m.t}`}>
              <button type="button" className="moment-pick" onClick={() => onPick(m.t, m.proposalId)}>
                <span className="timecode small">{formatClock(m.t)}</span>
                <span className={`badge moment-${m.kind}`}>{KIND_TEXT[m.kind]}</span>
                <span className="small">{m.text}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
