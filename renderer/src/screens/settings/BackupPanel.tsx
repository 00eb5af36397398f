import { useEffect, useState, type FormEvent } from 'react';
import { call, messageOf } from '../../api';
import { formatAgencyDateTime } from '../../agencyTime';
import { hrefFor } from '../../router';
import { useAgencyTimeZone } from '../../useAgencyTimeZone';
import { useLoad } from '../../useLoad';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FsBrowser } from '../../components/FsBrowser';
import { StatusNote } from '../../components/StatusNote';

export function BackupPanel() {
  const settings = useLoad(() => call('backup.settings.get', {}), 'backup');
  const { timeZone } = useAgencyTimeZone();
  const [folder, setFolder] = useState('');
  const [everyHours, setEveryHours] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const s = settings.data;

  useEffect(() => {
    if (!s) return;
    setFolder(s.folder ?? '');
    setEveryHours(s.everyHours === null ? '' : String(s.everyHours));
  }, [s]);

  async function save(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setNote(null);
    try {
      await call('backup.settings.set', { folder: folder.trim() || null, everyHours: everyHours ? Number(everyHours) : null });
      setNote(folder.trim() && everyHours ? `Backups will run every ${everyHours} hours.` : 'Scheduled backups are off.');
      settings.reload();
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function runNow() {
    setError(null);
    setNote(null);
    try {
      await call('backup.run', folder.trim() ? { folder: folder.trim() } : {});
      setNote('Backup started.');
    } catch (err) {
      setError(messageOf(err));
    }
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
          <label className="field field-inline field-grow">
            <span>Backup folder</span>
            <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="e.g. an external drive" />
          </label>
          <button type="button" onClick={() => setBrowsing(true)}>
            Browse for backup folder…
          </button>
        </div>
        <label className="field">
          <span>Back up every (hours; empty for no schedule)</span>
          <input type="number" min={1} max={168} value={everyHours} onChange={(e) => setEveryHours(e.target.value)} />
        </label>
        <ErrorAlert message={error ?? settings.error} />
        <StatusNote message={note} />
        <div className="form-actions">
          <button type="button" onClick={() => void runNow()} disabled={!folder.trim()}>
            Back up now
          </button>
          <button type="submit" className="primary">
            Save backup schedule
          </button>
        </div>
      </form>
      <p className="muted small">
        Progress of a running backup is shown under Jobs on the <a href={hrefFor({ name: 'ingest' })}>Ingest</a> screen.
      </p>
      {browsing && (
        <Dialog title="Choose a backup folder" onClose={() => setBrowsing(false)} wide>
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
