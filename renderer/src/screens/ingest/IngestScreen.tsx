import { useState } from 'react';
import { call } from '../../api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FsBrowser } from '../../components/FsBrowser';
import { StatusNote } from '../../components/StatusNote';
import { BatchMetaForm } from './BatchMetaForm';
import { DropZone } from './DropZone';
import { JobsPanel } from './JobsPanel';
import { SelectedPaths } from './SelectedPaths';
import { SidecarPicker } from './SidecarPicker';
import { EMPTY_BATCH, toBatchMeta, type BatchMetaState } from './batchMeta';
import { FormActions } from '../../components/FormActions';
import { useAction } from '../../components/useAction';

export function IngestScreen() {
  const [paths, setPaths] = useState<string[]>([]);
  const [sidecar, setSidecar] = useState('');
  const [batch, setBatch] = useState<BatchMetaState>(EMPTY_BATCH);
  const [note, setNote] = useState<string | null>(null);
  const [nudge, setNudge] = useState(0);
  const action = useAction();
  const selected = new Set(paths);

  const add = (more: string[]) => setPaths((cur) => [...cur, ...more.filter((p) => !cur.includes(p))]);
  const toggle = (p: string, on: boolean) => (on ? add([p]) : setPaths((cur) => cur.filter((x) => x !== p)));

  function start() {
    setNote(null);
    return action.run(async () => {
      const batchMeta = toBatchMeta(batch);
      const { title } = await call('ingest.start', {
        paths,
        ...(sidecar.trim() ? { sidecarPath: sidecar.trim() } : {}),
        ...(batchMeta ? { batchMeta } : {}),
      });
      setNote(`Started: ${title}. You can keep working; progress is shown below.`);
      setPaths([]);
      // A sidecar describes one batch: the next batch starts without it.
      setSidecar('');
      setNudge((n) => n + 1);
    });
  }

  return (
    <section className="stack" aria-labelledby="ingest-title">
      <h1 id="ingest-title">Ingest</h1>
      <div className="ingest-grid">
        <div className="stack">
          <DropZone onPaths={add} />
          <section className="panel" aria-labelledby="browse-title">
            <h2 id="browse-title">Choose files and folders</h2>
            <FsBrowser mode="multi" label="File browser" purpose="ingest" selected={selected} onToggle={toggle} />
          </section>
        </div>
        <div className="stack">
          <SelectedPaths paths={paths} onAdd={(p) => add([p])} onRemove={(p) => toggle(p, false)} onClear={() => setPaths([])} />
          <section className="panel" aria-label="Sidecar">
            <SidecarPicker value={sidecar} onChange={setSidecar} />
          </section>
          <BatchMetaForm value={batch} onChange={setBatch} />
          <ErrorAlert message={action.error} />
          <StatusNote message={note} />
          <FormActions>
            <button type="button" className="primary" onClick={() => void start()} disabled={action.busy || paths.length === 0}>
              {action.busy ? 'Starting…' : paths.length ? `Start ingest (${paths.length})` : 'Start ingest'}
            </button>
          </FormActions>
        </div>
      </div>
      <JobsPanel nudge={nudge} />
    </section>
  );
}
