import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../../api';
import { formatAgencyDateTime } from '../../agencyTime';
import { hrefFor } from '../../router';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FsBrowser } from '../../components/FsBrowser';
import { StatusNote } from '../../components/StatusNote';
import { Field } from '../../components/Field';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

export function BackupPanel() {
  const settings = useLoad(() => call('backup.settings.get', {}), 'backup');
  const { timeZone } = useAgencyTimeZone();
  const [folder, setFolder] = useState('');
  const [everyHours, setEveryHours] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const action = useAction();
  const s = settings.data;

  useEffect(() => {
    if (!s) return;
    setFolder(s.folder ?? '');
    setEveryHours(s.everyHours === null ? '' : String(s.everyHours));
  }, [s]);

  function save(e: FormEvent) {
    e.preventDefault();
    setNote(null);
    return action.run(async () => {
      await call('backup.settings.set', { folder: folder.trim() || null, everyHours: everyHours ? Number(everyHours) : null });
      setNote(folder.trim() && everyHours ? `Backups will run every ${everyHours === '1' ? 'hour' : `${everyHours} hours`}.` : 'Scheduled backups are off.');
      settings.reload();
    });
  }

  function runNow() {
    setNote(null);
    return action.run(async () => {
      await call('backup.run', folder.trim() ? { folder: folder.trim() } : {});
      setNote('Backup started.');
    });
  }

  return (
    <section className="panel stack" aria-labelledby="backup-title">
      <h2 id="backup-title">Backup</h2>
      <p className="small">
        {s?.last
          ? `Last backup ${formatAgencyDateTime(s.last.at, timeZone)}: ${s.last.ok ? 'completed' : 'FAILED'}${s.last.message ? ` — ${s.last.message}` : ''}.`
          : 'No backup has been made yet.'}
        {s?.nextDueAt && ` Next due ${formatAgencyDateTime(s.nextDueAt, timeZone)}.`}
      </p>
      <form className="stack" onSubmit={save}>
        <div className="toolbar">
          <Field label="Backup folder" inline grow>
            <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="e.g. an external drive" />
          </Field>
          <button type="button" onClick={() => setBrowsing(true)}>
            Browse for backup folder…
          </button>
        </div>
        <Field label="Back up every (hours; empty for no schedule)">
          <input type="number" min={1} max={168} value={everyHours} onChange={(e) => setEveryHours(e.target.value)} />
        </Field>
        <ErrorAlert message={action.error ?? settings.error} />
        <StatusNote message={note} />
        <FormActions>
          <button type="button" onClick={() => void runNow()} disabled={action.busy || !folder.trim()}>
            Back up now
          </button>
          <button type="submit" className="primary" disabled={action.busy}>
            Save backup schedule
          </button>
        </FormActions>
      </form>
      <p className="muted small">
        Progress of a running backup is shown under Jobs on the <a href={hrefFor({ name: 'ingest' })}>Ingest</a> screen.
      </p>
      {browsing && (
        <Dialog title="Choose a backup folder" onClose={() => setBrowsing(false)} closeLabel="Close" wide>
          <FsBrowser
            mode="folder"
            label="Backup folder browser"
            onChooseFolder={(p) => {
              setFolder(p);
              setBrowsing(false);
            }}
          />
        </Dialog>
      )}
    </section>
  );
}
