import type { SessionInfo } from '../../../../shared/contract';
import { call } from '../../api';
import { hrefFor } from '../../router';
import { useLoad } from '../../useLoad';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Studio } from './Studio';
import './studio.css';

/** `#/recordings/<id>/redact`: the redaction studio, for custodians of records. */
export function StudioScreen({ id, session }: { id: string; session: SessionInfo }) {
  const detail = useLoad(() => call('recordings.get', { id }), id);
  const exemptions = useLoad(() => call('exemptions.list', {}), 'exemptions');
  if (!session.roles.includes('custodian')) {
    return (
      <section className="studio">
        <p>
          <a href={hrefFor({ name: 'recording', id })}>← Back to the recording</a>
        </p>
        <p className="note note-info">Only a custodian of records prepares redacted copies.</p>
      </section>
    );
  }
  return (
    <>
      <ErrorAlert message={detail.error ?? exemptions.error} />
      {detail.data && exemptions.data ? <Studio key={id} detail={detail.data} exemptions={exemptions.data} session={session} /> : !detail.error && <p className="muted">Loading the studio…</p>}
    </>
  );
}
