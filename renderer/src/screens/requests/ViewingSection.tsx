import { useRef, useState } from 'react';
import type { RequestDetail, ViewingInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StatusNote } from '../../components/StatusNote';
import { formatAgencyTime } from '../../agencyTime';
import { ViewingMode } from './ViewingMode';
import { ViewingScheduleForm } from './ViewingScheduleForm';
import { useAction } from '../../components/useAction';
import { countOf } from '../../../../shared/plural';

interface Props {
  detail: RequestDetail;
  timeZone: string;
  canRun: boolean;
  onChanged: () => void;
}

interface Active {
  viewing: ViewingInfo;
  itemIds: string[];
}

function viewable(d: RequestDetail): boolean {
  const o = d.decision?.outcome;
  return !d.schoolPersonnel && (o === 'approved' || o === 'partially-approved') && ['approved', 'partially-approved', 'released'].includes(d.state);
}

export function ViewingSection({ detail: d, timeZone, canRun, onChanged }: Props) {
  const stage = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState<Active | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const launch = useAction();

  function start(v: ViewingInfo) {
    // Asked for inside the click, where the browser allows full screen; the core decides below.
    void stage.current?.requestFullscreen().catch(() => undefined);
    void launch
      .run(async () => {
        const r = await call('viewing.start', { viewingId: v.id });
        setActive({ viewing: r.viewing, itemIds: r.recordings.map((x) => x.itemId) });
        onChanged();
      })
      .then((ok) => {
        if (!ok && document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
      });
  }

  function endStale(v: ViewingInfo) {
    return action.run(async () => {
      await call('viewing.end', { viewingId: v.id, note: 'Ended from the request page.' });
      onChanged();
    });
  }

  if (!viewable(d) && d.viewings.length === 0) return null;
  const names = Object.fromEntries(d.recordings.map((r) => [r.itemId, r.originalName]));
  return (
    <section className="panel stack" aria-labelledby="viewing-title">
      <h2 id="viewing-title">In-person viewing</h2>
      {d.viewings.length === 0 ? (
        <p className="muted small">No viewing scheduled.</p>
      ) : (
        <ul className="plain viewings">
          {d.viewings.map((v) => (
            <li key={v.id} aria-label={`Viewing ${formatAgencyTime(v.at, timeZone)}`}>
              <strong>{formatAgencyTime(v.at, timeZone)}</strong> · {v.place} · {v.attendees.join(', ')}
              <div className="muted small">
                {countOf(v.itemIds.length, 'recording')} · {v.endedAt ? `held, ended ${formatAgencyTime(v.endedAt, timeZone)}` : v.startedAt ? 'started, not ended' : 'not yet held'}
              </div>
              {v.heldBackForRedaction.length > 0 && (
                <div className="muted small" role="note" aria-label="Not shown at this viewing">
                  Not shown until a redacted copy exists: {v.heldBackForRedaction.map((id) => names[id] ?? id).join(', ')}.
                </div>
              )}
              {canRun && !v.startedAt && (
                <button type="button" className="primary" onClick={() => start(v)} disabled={launch.busy || active !== null}>
                  Start viewing
                </button>
              )}
              {canRun && v.startedAt && !v.endedAt && active?.viewing.id !== v.id && (
                <button type="button" onClick={() => void endStale(v)}>
                  End viewing
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <ErrorAlert message={launch.error ?? action.error} />
      <StatusNote message={note} />
      {canRun && viewable(d) && (
        <ViewingScheduleForm
          requestId={d.id}
          timeZone={timeZone}
          onScheduled={(m) => {
            setNote(m);
            onChanged();
          }}
        />
      )}
      <div ref={stage} className={active || launch.busy ? 'viewing-stage viewing-stage-active' : 'viewing-stage'}>
        {active && (
          <ViewingMode
            reference={d.reference}
            viewing={active.viewing}
            itemIds={active.itemIds}
            names={names}
            onEnded={() => {
              setActive(null);
              setNote('Viewing ended and logged.');
              onChanged();
            }}
          />
        )}
        {launch.busy && !active && <p className="muted">Starting the viewing…</p>}
      </div>
    </section>
  );
}
