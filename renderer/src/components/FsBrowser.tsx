import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api';
import { formatBytes } from '../format';
import { useLoad } from '../useLoad';
import { ErrorAlert } from './ErrorAlert';
import { Field } from './Field';

interface Props {
  /** 'multi': tick files and folders; 'file': click one file to choose it; 'folder': choose the open folder. */
  mode: 'multi' | 'file' | 'folder';
  selected?: ReadonlySet<string>;
  onToggle?: (path: string, on: boolean) => void;
  onChooseFile?: (path: string) => void;
  onChooseFolder?: (path: string) => void;
  label: string;
  /**
   * Browsers with the same purpose share where they were last (for this window): the ingest
   * browser and the sidecar picker both use 'ingest'. Defaults to the label.
   */
  purpose?: string;
}

const MEMORY = 'custodian.fsBrowser.';

// In this window's memory only: the renderer writes nothing to the browser's storage (session.ts).
const folders = new Map<string, string>();

function remembered(purpose: string): string | undefined {
  return folders.get(MEMORY + purpose);
}

function remember(purpose: string, folder: string): void {
  folders.set(MEMORY + purpose, folder);
}

/**
 * Browses folders on the machine that runs the core (the host decides what "the disk" is). It
 * opens where a browser of the same purpose last was in this window, the first time at the
 * user's home folder (and there again if the remembered folder is gone, e.g. a card removed).
 */
export function FsBrowser({ mode, selected, onToggle, onChooseFile, onChooseFolder, label, purpose }: Props) {
  const key = purpose ?? label;
  const [start] = useState(() => remembered(key));
  const [path, setPath] = useState<string | undefined>(start);
  const [showHidden, setShowHidden] = useState(false);
  const [goTo, setGoTo] = useState('');
  const listing = useLoad(() => call('fs.list', { ...(path === undefined ? {} : { path }), showHidden }), `${path ?? ''}|${String(showHidden)}`);
  const l = listing.data;
  const files = l?.entries.filter((e) => e.kind === 'file') ?? [];

  useEffect(() => {
    if (l?.path) remember(key, l.path);
  }, [key, l?.path]);

  useEffect(() => {
    // The remembered folder cannot be opened any more: start at home instead of at an error.
    if (listing.error && path !== undefined && path === start) setPath(undefined);
  }, [listing.error, path, start]);

  function go(e: FormEvent) {
    e.preventDefault();
    if (goTo.trim()) setPath(goTo.trim());
  }

  return (
    <div className="fs-browser" role="group" aria-label={label}>
      <div className="toolbar">
        {l?.roots.map((r) => (
          <button key={r} type="button" onClick={() => setPath(r)} aria-label={`Go to ${r}`}>
            {r}
          </button>
        ))}
        <button type="button" onClick={() => l?.parent && setPath(l.parent)} disabled={!l?.parent}>
          Up one folder
        </button>
        {mode === 'multi' && onToggle && (
          <button type="button" onClick={() => files.forEach((f) => onToggle(f.path, true))} disabled={files.length === 0}>
            Select all files here
          </button>
        )}
        <label className="check">
          <input type="checkbox" checked={showHidden} onChange={(e) => setShowHidden(e.target.checked)} /> Show hidden items
        </label>
        {mode === 'folder' && onChooseFolder && (
          <button type="button" className="primary" onClick={() => l && onChooseFolder(l.path)} disabled={!l}>
            Choose this folder
          </button>
        )}
      </div>
      <form className="toolbar" onSubmit={go}>
        <Field label="Go to folder" inline grow>
          <input value={goTo} onChange={(e) => setGoTo(e.target.value)} placeholder={l?.path ?? ''} />
        </Field>
        <button type="submit">Go</button>
      </form>
      <p className="mono small breakall" aria-label="Current folder">
        {l?.path ?? '…'}
      </p>
      <ErrorAlert message={listing.error} />
      <ul className="fs-list" aria-label={`Contents of ${l?.path ?? 'folder'}`}>
        {l?.entries.length === 0 && l.hidden === 0 && <li className="muted">This folder is empty.</li>}
        {l?.entries.length === 0 && l.hidden > 0 && (
          <li className="muted">
            Only hidden items here ({l.hidden}).{' '}
            <button type="button" className="small" onClick={() => setShowHidden(true)}>
              Show hidden items
            </button>
          </li>
        )}
        {l?.entries.map((e) => (
          <li key={e.path} className="fs-entry">
            {mode === 'multi' && e.kind !== 'other' && (
              <input
                type="checkbox"
                aria-label={`Select ${e.name}`}
                checked={selected?.has(e.path) ?? false}
                onChange={(ev) => onToggle?.(e.path, ev.target.checked)}
              />
            )}
            {e.kind === 'dir' ? (
              <button type="button" className="link-button" onClick={() => setPath(e.path)} aria-label={`Open folder ${e.name}`}>
                <span className="fs-kind">Folder</span> {e.name}/
              </button>
            ) : mode === 'file' && e.kind === 'file' ? (
              <button type="button" className="link-button" onClick={() => onChooseFile?.(e.path)} aria-label={`Choose ${e.name}`}>
                {e.name}
              </button>
            ) : (
              <span>{e.name}</span>
            )}
            {e.kind === 'file' && <span className="muted small">{formatBytes(e.size)}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
