import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { FsBrowser } from '../../components/FsBrowser';
import { Field } from '../../components/Field';

interface Props {
  value: string;
  onChange: (path: string) => void;
}

/** A CSV or JSON file whose rows describe the recordings (officer, school, incident…). */
export function SidecarPicker({ value, onChange }: Props) {
  const [browsing, setBrowsing] = useState(false);
  return (
    <div className="toolbar">
      <Field label="Sidecar file (CSV or JSON, optional)" inline grow>
        <input value={value} onChange={(e) => onChange(e.target.value)} placeholder="No sidecar" />
      </Field>
      <button type="button" onClick={() => setBrowsing(true)}>
        Browse for sidecar…
      </button>
      {value && (
        <button type="button" onClick={() => onChange('')}>
          Clear sidecar
        </button>
      )}
      {browsing && (
        <Dialog title="Choose a sidecar file" onClose={() => setBrowsing(false)} closeLabel="Close" wide>
          <FsBrowser
            mode="file"
            label="Sidecar file browser"
            purpose="ingest"
            onChooseFile={(p) => {
              onChange(p);
              setBrowsing(false);
            }}
          />
        </Dialog>
      )}
    </div>
  );
}
