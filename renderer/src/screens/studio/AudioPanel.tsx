import type { ExemptionInfo } from '../../../../shared/contract';
import type { AudioMode, AudioRange, RedactionPlan } from '../../../../shared/domain/redactionPlan';
import { formatClock } from '../../components/video/timecode';
import { ExemptionFields } from './ExemptionFields';
import { newId, updateAudio } from './planEdit';
import type { Marks } from './Timeline';

interface Props {
  plan: RedactionPlan;
  audioStreams: number;
  marks: Marks;
  exemptions: readonly ExemptionInfo[];
  commit: (next: RedactionPlan, mergeKey?: string) => void;
  seek: (t: number) => void;
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** Mute or bleep ranges per audio stream (from the in/out marks), and dropping a stream. */
export function AudioPanel({ plan, audioStreams, marks, exemptions, commit, seek }: Props) {
  const marked = marks.in !== null && marks.out !== null && marks.out > marks.in;
  const add = (stream: number, mode: AudioMode) => {
    if (!marked) return;
    const range: AudioRange = { id: newId('audio'), stream, start: r3(marks.in!), end: r3(marks.out!), mode, exemptionId: '', explanation: '' };
    commit({ ...plan, audio: [...plan.audio, range].sort((a, b) => a.stream - b.stream || a.start - b.start) });
  };
  const change = (id: string, patch: Partial<AudioRange>, key?: string) => commit(updateAudio(plan, id, (a) => ({ ...a, ...patch })), key);

  if (audioStreams === 0) {
    return (
      <section className="panel studio-panel" aria-labelledby="audio-title">
        <h2 id="audio-title">Audio</h2>
        <p className="muted small">This recording has no sound.</p>
      </section>
    );
  }
  return (
    <section className="panel studio-panel" aria-labelledby="audio-title">
      <h2 id="audio-title">Audio</h2>
      {!marked && <p className="muted small">Set an in mark (I) and an out mark (O) on the timeline, then mute or bleep that range.</p>}
      {Array.from({ length: audioStreams }, (_, s) => {
        const drop = plan.dropAudioStreams.find((d) => d.stream === s);
        const ranges = plan.audio.filter((a) => a.stream === s);
        return (
          <div key={s} className="audio-stream" role="group" aria-label={`Audio stream ${s + 1}`}>
            <div className="audio-stream-head">
              <strong>Audio stream {s + 1}</strong>
              <div className="toolbar">
                <button type="button" onClick={() => add(s, 'mute')} disabled={!marked || !!drop}>
                  Mute in–out
                </button>
                <button type="button" onClick={() => add(s, 'bleep')} disabled={!marked || !!drop}>
                  Bleep in–out
                </button>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={!!drop}
                    onChange={(e) =>
                      commit({
                        ...plan,
                        dropAudioStreams: e.target.checked ? [...plan.dropAudioStreams, { stream: s, exemptionId: '', explanation: '' }] : plan.dropAudioStreams.filter((d) => d.stream !== s),
                      })
                    }
                  />
                  Drop this stream
                </label>
              </div>
            </div>
            {drop && (
              <ExemptionFields
                what={`Dropping stream ${s + 1}`}
                exemptionId={drop.exemptionId}
                explanation={drop.explanation}
                exemptions={exemptions}
                onChange={(p) => commit({ ...plan, dropAudioStreams: plan.dropAudioStreams.map((d) => (d.stream === s ? { ...d, ...p } : d)) }, p.explanation !== undefined ? `drop-${s}` : undefined)}
              />
            )}
            <ol className="plain audio-ranges">
              {ranges.map((a) => {
                const n = plan.audio.indexOf(a) + 1;
                return (
                  <li key={a.id} className="audio-range">
                    <div className="toolbar">
                      <select aria-label={`Audio range ${n} mode`} value={a.mode} onChange={(e) => change(a.id!, { mode: e.target.value as AudioMode })}>
                        <option value="mute">Mute</option>
                        <option value="bleep">Bleep</option>
                      </select>
                      <button type="button" className="small timecode" onClick={() => seek(a.start)}>
                        {formatClock(a.start)}
                      </button>
                      –
                      <button type="button" className="small timecode" onClick={() => seek(a.end)}>
                        {formatClock(a.end)}
                      </button>
                      <button type="button" onClick={() => marked && change(a.id!, { start: r3(marks.in!), end: r3(marks.out!) })} disabled={!marked} title="Set this range to the in and out marks">
                        Use marks
                      </button>
                      <button type="button" className="danger-button" onClick={() => commit({ ...plan, audio: plan.audio.filter((x) => x.id !== a.id) })} aria-label={`Delete audio range ${n}`}>
                        Delete
                      </button>
                    </div>
                    <ExemptionFields what={`Audio range ${n}`} exemptionId={a.exemptionId} explanation={a.explanation} exemptions={exemptions} onChange={(p) => change(a.id!, p, p.explanation !== undefined ? `aexpl-${a.id}` : undefined)} />
                  </li>
                );
              })}
            </ol>
          </div>
        );
      })}
    </section>
  );
}
