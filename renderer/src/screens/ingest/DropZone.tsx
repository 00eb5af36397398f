import { useState, type DragEvent } from 'react';
import { bridge } from '../../api';

interface Props {
  onPaths: (paths: string[]) => void;
}

export function DropZone({ onPaths }: Props) {
  const [over, setOver] = useState(false);
  const [hint, setHint] = useState<string | null>(null);

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    const files = Array.from(e.dataTransfer.files);
    if (files.length === 0) return;
    const paths = bridge().pathsForDroppedFiles(files);
    if (paths.length === 0) {
      setHint('Dropping files works in the desktop app. Here, choose the files with the browser below or type their path.');
      return;
    }
    setHint(null);
    onPaths(paths);
  }

  return (
    <div
      className={over ? 'dropzone dropzone-over' : 'dropzone'}
      role="region"
      aria-label="Drop files here"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <strong>Drop recordings or folders here</strong>
      <span className="muted small">The originals are never moved or changed; Custodian copies them and checks each copy.</span>
      {hint && (
        <p role="status" className="note note-info">
          {hint}
        </p>
      )}
    </div>
  );
}
