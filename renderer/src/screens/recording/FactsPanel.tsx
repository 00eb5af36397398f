import type { RecordingDetail, StreamFacts } from '../../../../shared/contract';
import { formatAgencyDateTime } from '../../agencyTime';
import { formatBytes, formatDuration } from '../../format';

function describeStream(s: StreamFacts): string {
  const parts: string[] = [`#${s.index} ${s.type}`];
  if (s.codec) parts.push(s.codec);
  if (s.width && s.height) parts.push(`${s.width}×${s.height}`);
  if (s.frameRate) parts.push(`${Math.round(s.frameRate * 100) / 100} fps`);
  if (s.rotation) parts.push(`rotated ${s.rotation}°`);
  if (s.channels) parts.push(`${s.channels} ch`);
  if (s.sampleRate) parts.push(`${s.sampleRate} Hz`);
  return parts.join(' · ');
}

/** Times on the agency's clock (`timeZone`) with the zone's abbreviation. */
export function FactsPanel({ detail: d, timeZone }: { detail: RecordingDetail; timeZone: string }) {
  const facts: [string, string][] = [
    ['SHA-256', d.sha256],
    ['Size', `${formatBytes(d.size)} (${d.size.toLocaleString('en-US')} bytes)`],
    ['Container', d.container ?? '—'],
    ['Duration', formatDuration(d.durationSec)],
    ['Creation time (in file)', formatAgencyDateTime(d.creationTime, timeZone)],
    ['Ingested by', d.ingestedBy],
    ['Ingested at', formatAgencyDateTime(d.ingestedAt, timeZone)],
    ['Source path', d.sourcePath],
    ['Evidence ID', d.id],
  ];
  return (
    <section className="panel" aria-labelledby="facts-title">
      <h2 id="facts-title">File facts</h2>
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd className={k === 'SHA-256' || k === 'Source path' || k === 'Evidence ID' ? 'mono breakall' : undefined}>{v}</dd>
          </div>
        ))}
        <div>
          <dt>Streams</dt>
          <dd>
            {d.streams.length === 0 ? (
              'None found'
            ) : (
              <ul className="plain">
                {d.streams.map((s) => (
                  <li key={s.index}>{describeStream(s)}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </section>
  );
}
