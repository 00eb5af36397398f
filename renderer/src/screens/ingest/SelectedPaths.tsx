import { useState, type FormEvent } from 'react';
import { Field } from '../../components/Field';

interface Props {
  paths: string[];
  onAdd: (path: string) => void;
  onRemove: (path: string) => void;
  onClear: () => void;
}

export function SelectedPaths({ paths, onAdd, onRemove, onClear }: Props) {
  const [typed, setTyped] = useState('');
  function add(e: FormEvent) {
    e.preventDefault();
    const p = typed.trim();
    if (!p) return;
    onAdd(p);
    setTyped('');
  }
  return (
    <section className="panel" aria-labelledby="selected-title">
      <h2 id="selected-title">To ingest ({paths.length})</h2>
      <form className="toolbar" onSubmit={add}>
        <Field label="Type or paste a path" inline grow>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} placeholder={'/media/usb/DCIM or D:\\Videos\\clip.mp4'} />
        </Field>
        <button type="submit">Add path</button>
      </form>
      {paths.length === 0 ? (
        <p className="muted">Nothing chosen yet. Drop files, tick them in the browser, or type a path.</p>
      ) : (
        <>
          <ul className="selected-paths" aria-label="Chosen files and folders">
            {paths.map((p) => (
              <li key={p}>
                <span className="mono small breakall">{p}</span>
                <button type="button" className="small" onClick={() => onRemove(p)} aria-label={`Remove ${p}`}>
                  Remove
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onClear}>
            Clear list
          </button>
        </>
      )}
    </section>
  );
}
